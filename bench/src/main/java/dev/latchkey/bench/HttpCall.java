package dev.latchkey.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP exchange on the JDK's {@code HttpURLConnection}, as {@link LoadGen} sends validate: the body buffered and
 * sent in one write, the whole answer (error or not) read so that the connection goes back to the keep-alive cache.
 */
final class HttpCall {

    /** No answer within {@link #READ_TIMEOUT_MS}: the server hung. */
    static final int TIMED_OUT = -1;
    /** The connection failed (refused, reset) before an answer. */
    static final int NO_CONNECTION = -2;

    /**
     * Far above any bound the runner is meant to keep (its SDK api-call timeout, seconds), so that a hang shows up
     * as its real latency or as {@link #TIMED_OUT} instead of being cut short by the client.
     */
    static final int READ_TIMEOUT_MS = 30_000;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    record Reply(int status, String body, long startNanos, long endNanos) {
    }

    private HttpCall() {
    }

    static Reply send(URL url, String method, String bearer, String jsonBody, Map<String, String> headers) {
        long start = System.nanoTime();
        try {
            HttpURLConnection c = (HttpURLConnection) url.openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            if (bearer != null) {
                c.setRequestProperty("Authorization", "Bearer " + bearer);
            }
            headers.forEach(c::setRequestProperty);
            if (jsonBody != null) {
                // Buffered, not setFixedLengthStreamingMode: streaming sends headers and body as two writes, which
                // is slower per request even on loopback, and would be counted against the runner; curl, wrk and the
                // SDK send one.
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(jsonBody.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Reply(status, body, start, System.nanoTime());
            }
        } catch (SocketTimeoutException e) {
            return new Reply(TIMED_OUT, "", start, System.nanoTime());
        } catch (IOException e) {
            return new Reply(NO_CONNECTION, "", start, System.nanoTime());
        }
    }
}
