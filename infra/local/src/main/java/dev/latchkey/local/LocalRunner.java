package dev.latchkey.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.dynamodblocal.EmbeddedDynamoDb;
import dev.latchkey.local.template.SamTemplate;
import dev.latchkey.store.dynamodb.LatchkeyTable;
import dev.latchkey.token.direct.SigningKeyRing;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Latchkey on a laptop, as a local API Gateway in front of the template's own Lambda functions: DynamoDB Local in
 * this JVM, the table created, every Java function of {@code template.yaml} in its own class loader over its own zip,
 * the HttpApi's routes and authorizer served on 127.0.0.1, the schedule's function run on its interval, and the
 * bootstrap function invoked for an Organization Owner token printed as an {@code export} line.
 */
public final class LocalRunner {

    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "123456789012";
    static final String TABLE_NAME = "latchkey";
    /** The template's IAM-only bootstrap function, invoked once at start as {@code aws lambda invoke} would. */
    static final String BOOTSTRAP_FUNCTION = "BootstrapFunction";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalRunner() {
    }

    public static void main(String[] args) {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(RunnerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(RunnerOptions.USAGE);
            return;
        }
        Running running = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "latchkey-shutdown"));
        System.out.println("export LATCHKEY_API_TOKEN=" + running.ownerToken().value());
        System.out.println("Latchkey listening on http://127.0.0.1:" + running.port());
        System.out.flush();
        Thread warm = new Thread(running::warmUp, "latchkey-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /** The bootstrap organization's owner token: its id and its value (shown once, on the export line). */
    public record OwnerToken(String id, String value) {
    }

    /** A started runner; {@link #stop()} stops the schedule, the server, the functions, then the database. */
    public static final class Running {
        private final SamTemplate template;
        private final EmbeddedDynamoDb dynamo;
        private final Map<String, LambdaFunction> functions;
        private final ApiGateway gateway;
        private final GatewayServer server;
        private final OwnerToken ownerToken;
        private final ScheduledExecutorService scheduler;
        private boolean stopped;

        private Running(SamTemplate template, EmbeddedDynamoDb dynamo, Map<String, LambdaFunction> functions,
                        ApiGateway gateway, GatewayServer server, OwnerToken ownerToken, ScheduledExecutorService scheduler) {
            this.template = template;
            this.dynamo = dynamo;
            this.functions = functions;
            this.gateway = gateway;
            this.server = server;
            this.ownerToken = ownerToken;
            this.scheduler = scheduler;
        }

        public int port() {
            return server.port();
        }

        public OwnerToken ownerToken() {
            return ownerToken;
        }

        /** The embedded DynamoDB Local, or null when the table lives on an endpoint the runner does not own. */
        public EmbeddedDynamoDb dynamo() {
            return dynamo;
        }

        SamTemplate template() {
            return template;
        }

        /** The route keys the gateway serves, {@code METHOD /path}. */
        List<String> routeKeys() {
            return gateway.routes().keys();
        }

        LambdaFunction function(String id) {
            return functions.get(id);
        }

        /**
         * Starts every function a route or the authorizer reaches, one after another, and returns when they are all
         * started: afterwards no request pays a cold start. {@code main} runs it on a background thread after the
         * listening line; a request that comes first simply starts its function itself.
         */
        public void warmUp() {
            List<String> ids = new ArrayList<>();
            template.routes().forEach(r -> ids.add(r.functionId()));
            template.authorizers().values().forEach(a -> ids.add(a.functionId()));
            ids.stream().distinct().map(functions::get).filter(f -> f != null).forEach(f -> {
                try {
                    if (!isStopped()) {
                        f.initialized();
                    }
                } catch (RuntimeException e) {
                    if (!isStopped()) {
                        System.err.println(f.id() + " failed to start: " + e);
                    }
                }
            });
        }

        private synchronized boolean isStopped() {
            return stopped;
        }

        public synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            scheduler.shutdownNow();
            server.close();
            functions.values().forEach(LambdaFunction::close);
            if (dynamo != null) {
                dynamo.stop();
            }
        }
    }

    public static Running start(RunnerOptions options) {
        // Function logs go to stderr (logback-local.xml, served to every function): stdout keeps the runner's two lines.
        System.setProperty("logback.configurationFile", "logback-local.xml");
        AwsDefaults.applyForLocalUse();
        SamTemplate template = loadTemplate();
        // An external endpoint can be stopped and started under a running runner (bench/fault.sh); an embedded one
        // lives and dies with this JVM.
        EmbeddedDynamoDb dynamo = options.dynamodbEndpoint() == null
                ? EmbeddedDynamoDb.start(options.dynamodbPort(), options.dataDir()) : null;
        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        GatewayServer server = null;
        ScheduledExecutorService scheduler = null;
        try {
            URI endpoint = dynamo == null ? options.dynamodbEndpoint() : dynamo.endpoint();
            // The SDK's standard setting, read by every function's DynamoDB client (all share the one local table).
            System.setProperty("aws.endpointUrlDynamoDb", endpoint.toString());
            try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(endpoint)
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
                LatchkeyTable.createIfMissing(client, TABLE_NAME);
            }
            FunctionEnvironment environment = new FunctionEnvironment(TABLE_NAME, LocalPepper.resolve(options.dataDir()),
                    // Direct-access tokens are signed with a key made at start (tokens of an earlier run no longer verify).
                    SigningKeyRing.generate("local-1").toJson(),
                    System.getenv("AWS_ENDPOINT_URL_SECRETS_MANAGER") != null
                            || System.getProperty("aws.endpointUrlSecretsManager") != null,
                    options.eventsTarget());
            byte[] logging = resource("/logback-local.xml");
            for (SamTemplate.Function f : template.functions().values()) {
                if (!f.isJava()) {
                    continue;   // answered 501 by the gateway
                }
                if (f.codeUri() == null) {
                    throw new IllegalStateException(f.id() + " has no local CodeUri");
                }
                List<URL> classPath = LambdaZip.classPath(f.codeUri());
                functions.put(f.id(), new LambdaFunction(f, classPath, Map.of(
                        "application.properties", FunctionEnvironment.bytes(environment.forFunction(template, f)),
                        "logback-local.xml", logging)));
            }
            OwnerToken owner = bootstrap(functions.get(BOOTSTRAP_FUNCTION), options.organizationId());
            ApiGateway gateway = new ApiGateway(template, functions);
            server = GatewayServer.start(options.port(), gateway);
            scheduler = schedule(template, functions, options.rotationSweepSeconds());
            return new Running(template, dynamo, functions, gateway, server, owner, scheduler);
        } catch (RuntimeException e) {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            if (server != null) {
                server.close();
            }
            functions.values().forEach(LambdaFunction::close);
            if (dynamo != null) {
                dynamo.stop();
            }
            throw e;
        }
    }

    public static RunnerOptions options(int port, String organizationId) {
        return new RunnerOptions(port, null, organizationId, 0, 0, null, false);
    }

    /** A runner on the DynamoDB at {@code dynamodbEndpoint} instead of an embedded one. */
    public static RunnerOptions options(int port, String organizationId, URI dynamodbEndpoint) {
        return new RunnerOptions(port, null, organizationId, 0, 0, dynamodbEndpoint, false);
    }

    /**
     * {@code aws lambda invoke --payload '{"organizationId": ...}'} on the bootstrap function. That function refuses an
     * organization that exists already (a restart on a --data-dir); then the same function's context issues a fresh
     * owner token for it, which only this trusted local path may do.
     */
    static OwnerToken bootstrap(LambdaFunction function, String organizationId) {
        if (function == null) {
            throw new IllegalStateException("template.yaml has no " + BOOTSTRAP_FUNCTION);
        }
        String payload = JSON.createObjectNode().put("organizationId", organizationId).toString();
        try {
            JsonNode answer = JSON.readTree(function.invoke(payload));
            return new OwnerToken(answer.path("tokenId").asText(), answer.path("token").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException refused) {
            if (!refused.getClass().getName().equals("dev.latchkey.error.LatchkeyException")) {
                throw refused;
            }
            return reissue(function, organizationId);
        }
    }

    private static OwnerToken reissue(LambdaFunction function, String organizationId) {
        try {
            ClassLoader loader = function.classLoader();
            Object handler = function.handlerInstance();
            Object context = handler.getClass().getMethod("getApplicationContext").invoke(handler);
            Class<?> useCase = Class.forName("dev.latchkey.usecase.BootstrapOrganization", true, loader);
            Object bean = Class.forName("io.micronaut.context.BeanLocator", true, loader)
                    .getMethod("getBean", Class.class).invoke(context, useCase);
            Object issued = useCase.getMethod("bootstrap", String.class).invoke(bean, organizationId);
            Object token = issued.getClass().getMethod("token").invoke(issued);
            return new OwnerToken((String) token.getClass().getMethod("id").invoke(token),
                    (String) issued.getClass().getMethod("value").invoke(issued));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot re-issue the owner token of " + organizationId, e);
        }
    }

    /**
     * Every function with a Schedule event is invoked with an EventBridge scheduled event every {@code everySeconds}
     * (the local stand-in for the template's rate; 0 turns it off).
     */
    private static ScheduledExecutorService schedule(SamTemplate template, Map<String, LambdaFunction> functions, int everySeconds) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latchkey-schedule");
            t.setDaemon(true);
            return t;
        });
        if (everySeconds <= 0) {
            return scheduler;
        }
        for (SamTemplate.Function f : template.functions().values()) {
            LambdaFunction function = functions.get(f.id());
            if (f.schedules().isEmpty() || function == null) {
                continue;
            }
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    function.invoke(scheduledEvent(f.id()));
                } catch (RuntimeException | Error e) {
                    System.err.println(f.id() + " (schedule) failed: " + e);
                }
            }, everySeconds, everySeconds, TimeUnit.SECONDS);
        }
        return scheduler;
    }

    /** The event EventBridge sends a scheduled rule's target. */
    static String scheduledEvent(String functionId) {
        var event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", ACCOUNT_ID);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", REGION);
        event.putArray("resources").add("arn:aws:events:" + REGION + ":" + ACCOUNT_ID + ":rule/latchkey-local-" + functionId);
        event.putObject("detail");
        return event.toString();
    }

    /** The repository's template.yaml: from the runner's jar or classes folder upwards, else the working directory up. */
    static SamTemplate loadTemplate() {
        Path root = repositoryRoot();
        try {
            return SamTemplate.load(root.resolve("template.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root.resolve("template.yaml"), e);
        }
    }

    private static Path repositoryRoot() {
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(LocalRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loader): the working directory still works
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("no template.yaml above " + starts + ": run the runner from the Latchkey repository");
    }

    private static byte[] resource(String name) {
        try (InputStream in = LocalRunner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the runner");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
