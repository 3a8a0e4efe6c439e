package dev.latchkey.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LambdaLoggingTest {

    @Test
    void logbackFindsTheConfiguratorAsAService() {
        assertTrue(ServiceLoader.load(Configurator.class).stream().anyMatch(p -> p.type() == LambdaLogging.class),
                "without the META-INF/services entry logback would fall back to its own defaults (DEBUG)");
    }

    @Test
    void latchkeyLogsAtInfoAndTheSdkAndMicronautOnlyWarnings() {
        LoggerContext context = new LoggerContext();
        LambdaLogging.configureForLambda(context);

        assertEquals(Level.INFO, context.getLogger("ROOT").getLevel());
        assertEquals(Level.INFO, context.getLogger("dev.latchkey.usecase.CreateToken").getEffectiveLevel());
        assertEquals(Level.WARN, context.getLogger("software.amazon.awssdk.request").getEffectiveLevel());
        assertEquals(Level.WARN, context.getLogger("io.micronaut.context.DefaultBeanContext").getEffectiveLevel());
        Appender<?> appender = context.getLogger("ROOT").getAppender("STDOUT");
        assertInstanceOf(ConsoleAppender.class, appender);
        assertTrue(appender.isStarted());
    }

    @Test
    void oneLinePerEventWithLevelAndLogger() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's SLF4J provider gives the real context
        try {
            // ConsoleAppender binds System.out when it starts.
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            LambdaLogging.configureForLambda(context);
            context.getLogger("dev.latchkey.Example").info("hello {}", "world");
            context.getLogger("software.amazon.awssdk.Example").info("not shown");
            context.getLogger("dev.latchkey.Example").debug("not shown either");
        } finally {
            context.stop();
            System.setOut(original);
        }
        assertEquals("INFO dev.latchkey.Example - hello world" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anExplicitConfigurationFileOrATestConfigurationTakesOver() {
        assertFalse(LambdaLogging.anotherConfigurationIsAsked(null, false));
        assertTrue(LambdaLogging.anotherConfigurationIsAsked("logback-local.xml", false));
        assertTrue(LambdaLogging.anotherConfigurationIsAsked(null, true));
    }
}
