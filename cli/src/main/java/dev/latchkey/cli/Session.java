package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * One invocation's resolved configuration, each setting by the documented precedence: flag, then environment, then
 * profile, then default. The token comes from the environment or standard input only, never from a flag or a profile.
 */
final class Session {
    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    private static final Set<String> PROFILE_KEYS = Set.of("api-url", "organization-id");

    final Common options;
    final Common.Format format;
    final PrintStream out;
    final PrintStream err;
    final BufferedReader in;
    final URI url;
    private final String token;
    private final String configuredOrganization;
    private String organization;
    private Api api;
    private final Map<String, String> env;

    Session(Common options, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        this.options = options;
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        if (options.tokenArgument != null) {
            throw CliException.usage("tokens are never accepted as arguments (they would land in shell history and "
                    + "process lists): set LATCHKEY_API_TOKEN, or use --token-stdin");
        }
        Properties profile = profile(options.profile != null ? options.profile : env.get("LATCHKEY_PROFILE"));
        String u = first(options.apiUrl, env.get("LATCHKEY_API_URL"), profile.getProperty("api-url"), DEFAULT_URL);
        this.url = checkedUrl(u.endsWith("/") ? u : u + "/", options.insecureHttp);
        this.configuredOrganization = first(options.organizationId, env.get("LATCHKEY_ORGANIZATION_ID"),
                profile.getProperty("organization-id"), null);
        this.token = options.tokenStdin ? readTokenFromStdin() : blankToNull(env.get("LATCHKEY_API_TOKEN"));
        this.format = options.format != null ? options.format : Terminal.stdout() ? Common.Format.table : Common.Format.json;
    }

    Api api() {
        if (api == null) {
            api = new Api(url, token, Duration.ofSeconds(Math.max(1, options.timeoutSeconds)), new Proxies(env), err, options.quiet);
        }
        return api;
    }

    boolean hasToken() {
        return token != null;
    }

    /** The organization given by flag, environment or profile, or null. */
    String configuredOrganization() {
        return configuredOrganization;
    }

    /** The configured organization, or else the caller's own (one whoami call). */
    String organization() {
        if (organization == null) {
            organization = configuredOrganization != null ? configuredOrganization
                    : Json.text(whoami(), "organizationId");
        }
        return organization;
    }

    String orgPath() {
        return "v1/organizations/" + Api.segment(organization());
    }

    JsonNode whoami() {
        return api().send("GET", "v1/whoami", null, Map.of(), true, true).json();
    }

    void note(String line) {
        if (!options.quiet) {
            err.println(line);
        }
    }

    private String readTokenFromStdin() {
        try {
            String line = in.readLine();
            String value = blankToNull(line == null ? null : line.strip());
            if (value == null) {
                throw CliException.usage("--token-stdin: standard input held no token");
            }
            return value;
        } catch (IOException e) {
            throw CliException.usage("--token-stdin: cannot read standard input");
        }
    }

    private Properties profile(String name) {
        Properties p = new Properties();
        if (name == null) {
            return p;
        }
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw CliException.usage("profile names are letters, digits, '.', '_' and '-'");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path dir = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        Path file = dir.resolve("latchkey").resolve(name + ".properties");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw CliException.usage("cannot read profile " + file);
        }
        for (String key : p.stringPropertyNames()) {
            if (!PROFILE_KEYS.contains(key)) {
                // A token in a file is exactly what profiles exist to avoid; say so rather than ignore it.
                throw CliException.usage("profile " + file + ": unknown key '" + key + "' (profiles hold api-url and "
                        + "organization-id only, never a token)");
            }
        }
        return p;
    }

    /** Plain http is for this machine only: elsewhere the token would cross the network in clear. */
    static URI checkedUrl(String value, boolean insecureHttp) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("not a URL: " + value);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw CliException.usage("the API URL must be http(s)://host[:port][/path], not " + value);
        }
        if (scheme.equals("http") && !insecureHttp && !isLoopback(uri.getHost())) {
            throw CliException.usage("refusing plain http to " + uri.getHost() + ": the token would travel in clear. "
                    + "Use https, or pass --insecure-http if you really mean it");
        }
        return uri;
    }

    static boolean isLoopback(String host) {
        String h = host.replaceAll("^\\[|]$", "");
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Literal addresses only: a name could resolve anywhere, and no lookup happens before this decision.
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String first(String a, String b, String c, String d) {
        for (String s : new String[]{a, b, c}) {
            if (blankToNull(s) != null) {
                return s.strip();
            }
        }
        return d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
