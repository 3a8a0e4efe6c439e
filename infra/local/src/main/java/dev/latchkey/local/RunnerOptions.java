package dev.latchkey.local;

import java.net.URI;
import java.nio.file.Path;

/**
 * The runner's command line: {@code --port N --data-dir DIR --organization-id ID}.
 *
 * @param dynamodbEndpoint a DynamoDB endpoint the runner uses instead of starting its own DynamoDB Local, or null
 * @param eventsFile       where the schedule writes its hygiene events as JSON lines ({@code -}: stdout), or null for
 *                         the default ({@link #eventsTarget()})
 */
record RunnerOptions(int port, Path dataDir, String organizationId, int rotationSweepSeconds, int dynamodbPort,
                     URI dynamodbEndpoint, boolean help, String eventsFile) {

    RunnerOptions(int port, Path dataDir, String organizationId, int rotationSweepSeconds, int dynamodbPort,
                  URI dynamodbEndpoint, boolean help) {
        this(port, dataDir, organizationId, rotationSweepSeconds, dynamodbPort, dynamodbEndpoint, help, null);
    }

    /**
     * The events file the functions get: the option's, else none when an EventBridge endpoint is configured (the
     * events go there, as in AWS), else stdout.
     */
    String eventsTarget() {
        if (eventsFile != null) {
            return eventsFile;
        }
        boolean eventBridge = System.getenv("AWS_ENDPOINT_URL_EVENTBRIDGE") != null || System.getProperty("aws.endpointUrlEventBridge") != null;
        return eventBridge ? null : "-";
    }

    static final String USAGE = """
            Usage: java -jar infra/local/target/latchkey-local.jar [--port N] [--data-dir DIR] [--organization-id ID]
              --port N              HTTP port on 127.0.0.1 (default 8080)
              --data-dir DIR        keep DynamoDB Local's data (and the local pepper) in DIR; in memory when absent
              --organization-id ID  bootstrap organization to register and print an owner token for (default demo-org)
              --dynamodb-port N     expose the embedded DynamoDB Local on this loopback port (default: a free one)
              --dynamodb-endpoint URL
                                    use the DynamoDB at URL (e.g. a DynamoDB Local started on its own) instead of
                                    starting one; the table is created there if missing. The runner never stops it,
                                    and keeps serving (503) while it is down. --data-dir then keeps only the pepper.
                                    AWS_ENDPOINT_URL_DYNAMODB is not read by the runner: give the URL here.
              --rotation-sweep-seconds N
                                    run the schedule (rotation, then idle and expiry hygiene) every N seconds
                                    (default 60, 0 turns it off)
              --events-file PATH    append the schedule's events (Token Expiring, Token Idle Revoked, Token Leak
                                    Revoked) to PATH as JSON lines; - writes them to stdout, the default unless
                                    AWS_ENDPOINT_URL_EVENTBRIDGE names an EventBridge to send them to
            Secrets Manager copies use AWS_ENDPOINT_URL_SECRETS_MANAGER (for example a moto_server); without it they
            answer 503 saying so.
            """;

    static RunnerOptions parse(String[] args) {
        int port = 8080;
        Path dataDir = null;
        String organizationId = "demo-org";
        int rotationSweepSeconds = 60;
        int dynamodbPort = 0;
        URI dynamodbEndpoint = null;
        boolean help = false;
        String eventsFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = parsePort(value(args, ++i, arg));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--organization-id" -> organizationId = value(args, ++i, arg);
                case "--rotation-sweep-seconds" -> rotationSweepSeconds = parseSeconds(value(args, ++i, arg));
                case "--dynamodb-port" -> dynamodbPort = parsePort(value(args, ++i, arg));
                case "--dynamodb-endpoint" -> dynamodbEndpoint = parseEndpoint(value(args, ++i, arg));
                case "--events-file" -> eventsFile = value(args, ++i, arg);
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        if (dynamodbEndpoint != null && dynamodbPort != 0) {
            throw new IllegalArgumentException("--dynamodb-port sets the embedded DynamoDB Local's port; with --dynamodb-endpoint there is none");
        }
        return new RunnerOptions(port, dataDir, organizationId, rotationSweepSeconds, dynamodbPort, dynamodbEndpoint, help, eventsFile);
    }

    private static URI parseEndpoint(String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, like any other malformed value
        }
        throw new IllegalArgumentException("--dynamodb-endpoint must be an http(s) URL such as http://127.0.0.1:8000");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parseSeconds(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds < 0 || seconds > 86_400) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rotation-sweep-seconds must be a number between 0 and 86400");
        }
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number between 0 and 65535");
        }
    }
}
