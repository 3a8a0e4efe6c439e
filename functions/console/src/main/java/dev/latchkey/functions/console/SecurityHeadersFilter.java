package dev.latchkey.functions.console;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Every answer of this function, 404s and redirects included, carries the console's security headers. The policy
 * allows only the console's own files and the API of the same origin: no inline script or style (so an injected
 * {@code <img onerror>} or {@code <script>} cannot run even if it reached the page), no framing, no {@code <base>},
 * no form posting anywhere, no third-party request of any kind.
 */
@ServerFilter("/**")
public class SecurityHeadersFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @ResponseFilter
    public void addHeaders(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
    }
}
