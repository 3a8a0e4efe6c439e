package dev.latchkey.cli;

import picocli.CommandLine.Option;

/** The options every API command takes. There is deliberately no option that carries a token value. */
final class Common {
    enum Format { table, json, jsonl }

    @Option(names = "--api-url", paramLabel = "URL",
            description = "API base URL (env LATCHKEY_API_URL, profile api-url; default http://127.0.0.1:8080)")
    String apiUrl;

    @Option(names = "--organization-id", paramLabel = "ID",
            description = "organization (env LATCHKEY_ORGANIZATION_ID, profile organization-id; default: the caller's own, from whoami)")
    String organizationId;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "read api-url and organization-id from $XDG_CONFIG_HOME/latchkey/NAME.properties (env LATCHKEY_PROFILE)")
    String profile;

    @Option(names = {"-o", "--output-format"}, paramLabel = "FORMAT",
            description = "table, json (the API's JSON, one document) or jsonl (one item per line); default: table on a terminal, json otherwise")
    Format format;

    @Option(names = {"-q", "--quiet"}, description = "no progress, notes or confirmations; changes print nothing")
    boolean quiet;

    @Option(names = "--token-stdin", description = "read the API token from the first line of standard input instead of LATCHKEY_API_TOKEN")
    boolean tokenStdin;

    @Option(names = "--insecure-http", description = "allow plain http:// to a host that is not loopback (the token travels in clear)")
    boolean insecureHttp;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "connect and answer timeout (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    /** Caught only to refuse it without echoing the value; see Main. */
    @Option(names = {"--token", "--api-token"}, hidden = true, arity = "0..1")
    String tokenArgument;
}
