package dev.latchkey.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The functions' logging set-up, in code rather than a {@code logback.xml}: one line per event on stdout (CloudWatch
 * Logs keeps it and adds the time), Latchkey at INFO, the AWS SDK and Micronaut at WARN. Never DEBUG in production:
 * the SDK's debug output is large and slow (no Latchkey log line carries a token value at any level).
 *
 * <p>Why code: reading an XML configuration makes logback load its XML and Joran model machinery, about 400 of the
 * ~7,700 classes a cold validate function loads, ~0.2–0.3 s of its init (docs/benchmarks.md, section 2). Logback
 * finds this class through {@code META-INF/services} before its own XML configurator.
 *
 * <p>An explicit {@code -Dlogback.configurationFile} (the local runner, the benchmarks) or a {@code logback-test.xml}
 * on the class path still wins: then this class steps aside and logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LambdaLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%level %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (anotherConfigurationIsAsked(System.getProperty("logback.configurationFile"),
                LambdaLogging.class.getClassLoader().getResource("logback-test.xml") != null)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureForLambda(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static boolean anotherConfigurationIsAsked(String configurationFileProperty, boolean testConfigurationPresent) {
        return configurationFileProperty != null || testConfigurationPresent;
    }

    static void configureForLambda(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stdout);
        context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
        context.getLogger("io.micronaut").setLevel(Level.WARN);
    }
}
