package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API over {@code java.net.http}: bearer token, timeouts, no redirects (a redirect would carry the token to
 * wherever it points), and one retry with back-off on 429, and on 503 where repeating the request is harmless.
 */
final class Api {
    /** Longest wait for one retry, whatever Retry-After asks. */
    static final long MAX_RETRY_WAIT_SECONDS = 20;

    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            return Json.parse(body);
        }
    }

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;
    private final PrintStream err;
    private final boolean quiet;

    Api(URI base, String token, Duration timeout, Proxies proxies, PrintStream err, boolean quiet) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.err = err;
        this.quiet = quiet;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(proxies)
                .build();
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** key, value, key, value... ; null values are left out, so only the flags given become parameters. */
    static String query(List<String> pairs) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < pairs.size(); i += 2) {
            if (pairs.get(i + 1) == null) {
                continue;
            }
            q.append(q.length() == 0 ? '?' : '&').append(URLEncoder.encode(pairs.get(i), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(pairs.get(i + 1), StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    /**
     * Sends one request and answers a 2xx response, or throws {@link ApiException}.
     *
     * @param authenticated whether to send the caller's token (validate and leak reports need none)
     * @param repeatable    whether a 503 may be retried: true for reads, replaces and keyed creates
     */
    Response send(String method, String pathAndQuery, JsonNode body, Map<String, String> headers,
                  boolean authenticated, boolean repeatable) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "latchkey-cli/" + Main.version())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authenticated) {
            if (token == null) {
                throw CliException.usage("no API token: set LATCHKEY_API_TOKEN, or pass --token-stdin and pipe it in");
            }
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpRequest built = request.build();
        Response response = exchange(built);
        boolean retry = response.status() == 429 || (response.status() == 503 && repeatable);
        if (retry) {
            long wait = retryAfterSeconds(response.headers().firstValue("Retry-After"));
            if (!quiet) {
                err.println("HTTP " + response.status() + ": retrying in " + wait + " s");
            }
            sleep(wait);
            response = exchange(built);
        }
        if (response.status() >= 400) {
            throw new ApiException(response.status(), Json.parseOrNull(response.body()));
        }
        return response;
    }

    static long retryAfterSeconds(Optional<String> header) {
        try {
            long seconds = header.map(String::trim).map(Long::parseLong).orElse(1L);
            return Math.max(0, Math.min(seconds, MAX_RETRY_WAIT_SECONDS));
        } catch (NumberFormatException e) {
            return 1;   // an HTTP-date: not worth a parser for one retry
        }
    }

    private Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot reach " + base + " (" + describe(e) + ")");
        } catch (HttpTimeoutException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "no answer from " + base + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot reach " + base + " (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNAVAILABLE, "interrupted");
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
