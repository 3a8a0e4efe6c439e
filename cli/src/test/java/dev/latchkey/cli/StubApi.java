package dev.latchkey.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted HTTP server for what a runner cannot be made to do on demand (429, 503, a 409 between a read and a
 * write, a slow answer); its error bodies have the API's shape. Records every request it gets.
 */
final class StubApi implements AutoCloseable {
    record Seen(String method, String uri, String body, String authorization) {
    }

    interface Handler {
        void handle(HttpExchange exchange, int call) throws Exception;
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    StubApi(Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body,
                        exchange.getRequestHeaders().getFirst("Authorization")));
                handler.handle(exchange, seen.size());
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static void answer(HttpExchange exchange, int status, String json, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static String error(int status, String message) {
        return "{\"statusCode\":" + status + ",\"message\":\"" + message + "\",\"requestId\":\"req-" + status + "\"}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
