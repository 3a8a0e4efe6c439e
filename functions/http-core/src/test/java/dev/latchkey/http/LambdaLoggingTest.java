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
    void lambdaModeIsWhereLambdaNamesTheFunction() {
        assertTrue(LambdaLogging.inLambda("latchkey-validate"));
        assertFalse(LambdaLogging.inLambda(null));
        assertFalse(LambdaLogging.inLambda(""));
    }

    @Test
    void inLambdaEachEventIsOneJsonObjectInLambdasFieldNames() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            LambdaLogging.configureForLambda(context, true);
            context.getMDCAdapter().put("AWSRequestId", "8f5d-lambda");
            context.getMDCAdapter().put("AWSFunctionName", "latchkey-validate");
            context.getMDCAdapter().put("apiRequestId", "Jd1Zr");
            context.getLogger("dev.latchkey.Example").warn("two\nlines \"quoted\"", new IllegalStateException("lkw_" + "a".repeat(40)));
        } finally {
            context.stop();
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().count(), out);
        var line = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        assertEquals("WARN", line.get("level").asText());
        assertEquals("two\nlines \"quoted\"", line.get("message").asText());
        assertEquals("dev.latchkey.Example", line.get("logger").asText());
        assertEquals("8f5d-lambda", line.get("requestId").asText());
        assertEquals("latchkey-validate", line.get("functionName").asText());
        assertEquals("Jd1Zr", line.get("apiRequestId").asText());
        java.time.Instant.parse(line.get("timestamp").asText());
        assertEquals("java.lang.IllegalStateException", line.get("errorType").asText());
        assertEquals("<redacted>", line.get("errorMessage").asText(), "a value in an exception message is redacted");
        assertTrue(line.get("stackTrace").isArray());
    }

    @Test
    void anExplicitConfigurationFileOrATestConfigurationTakesOver() {
        assertFalse(LambdaLogging.anotherConfigurationIsAsked(null, false));
        assertTrue(LambdaLogging.anotherConfigurationIsAsked("logback-local.xml", false));
        assertTrue(LambdaLogging.anotherConfigurationIsAsked(null, true));
    }
}
