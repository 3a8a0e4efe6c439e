package dev.latchkey.local;

import java.nio.file.Path;

/** The runner's command line: {@code --port N --data-dir DIR --organization-id ID}. */
record RunnerOptions(int port, Path dataDir, String organizationId, int rotationSweepSeconds, int dynamodbPort, boolean help) {

    static final String USAGE = """
            Usage: java -jar infra/local/target/latchkey-local.jar [--port N] [--data-dir DIR] [--organization-id ID]
              --port N              HTTP port on 127.0.0.1 (default 8080)
              --data-dir DIR        keep DynamoDB Local's data (and the local pepper) in DIR; in memory when absent
              --organization-id ID  bootstrap organization to register and print an owner token for (default demo-org)
              --dynamodb-port N     expose the embedded DynamoDB Local on this loopback port (default: a free one)
              --rotation-sweep-seconds N
                                    run the scheduled rotation sweep every N seconds (default 60, 0 turns it off)
            Secrets Manager copies use AWS_ENDPOINT_URL_SECRETS_MANAGER (for example a moto_server); without it they
            answer 503 saying so.
            """;

    static RunnerOptions parse(String[] args) {
        int port = 8080;
        Path dataDir = null;
        String organizationId = "demo-org";
        int rotationSweepSeconds = 60;
        int dynamodbPort = 0;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = parsePort(value(args, ++i, arg));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--organization-id" -> organizationId = value(args, ++i, arg);
                case "--rotation-sweep-seconds" -> rotationSweepSeconds = parseSeconds(value(args, ++i, arg));
                case "--dynamodb-port" -> dynamodbPort = parsePort(value(args, ++i, arg));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        return new RunnerOptions(port, dataDir, organizationId, rotationSweepSeconds, dynamodbPort, help);
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
