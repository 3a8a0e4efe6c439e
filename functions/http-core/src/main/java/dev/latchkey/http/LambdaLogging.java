package dev.latchkey.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.latchkey.http.ops.LambdaJsonEncoder;

/**
 * The functions' logging set-up, in code rather than a {@code logback.xml}: one line per event on stdout, Latchkey at INFO, the AWS SDK and Micronaut at WARN. Never DEBUG in production:
 * the SDK's debug output is large and slow (no Latchkey log line carries a token value at any level).
 *
 * <p>Why code: reading an XML configuration makes logback load its XML and Joran model machinery, about 400 of the
 * ~7,700 classes a cold validate function loads, ~0.2–0.3 s of its init (docs/benchmarks.md, section 2). Logback
 * finds this class through {@code META-INF/services} before its own XML configurator.
 *
 * <p>In Lambda ({@link #inLambda}: {@code AWS_LAMBDA_FUNCTION_NAME} is set, as Lambda sets it in every function) each
 * line is a JSON object ({@link LambdaJsonEncoder}), which Lambda's JSON log format passes through and Logs Insights
 * reads field by field; anywhere else it is the plain text pattern below.
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

    /** Whether this process is a Lambda function: the variable Lambda sets in every function's environment. */
    public static boolean inLambda() {
        return inLambda(System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
    }

    static boolean inLambda(String functionNameVariable) {
        return functionNameVariable != null && !functionNameVariable.isBlank();
    }

    static void configureForLambda(LoggerContext context) {
        configureForLambda(context, inLambda());
    }

    static void configureForLambda(LoggerContext context, boolean json) {
        Encoder<ILoggingEvent> encoder = json ? new LambdaJsonEncoder() : patternEncoder();
        encoder.setContext(context);
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

    private static PatternLayoutEncoder patternEncoder() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(PATTERN);
        return encoder;
    }
}
