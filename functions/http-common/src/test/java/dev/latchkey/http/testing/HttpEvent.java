package dev.latchkey.http.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds API Gateway HTTP API payload-2.0 event JSON from the recorded event in {@code events/http-api-v2.json}:
 * method, path, query, headers and body are filled in the places API Gateway puts them.
 */
public final class HttpEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String method = "GET";
    private String path = "/";
    private String query = "";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private boolean base64;
    private String sourceIp;

    private HttpEvent() {
    }

    public static HttpEvent request(String method, String pathAndQuery) {
        HttpEvent e = new HttpEvent();
        e.method = method;
        int q = pathAndQuery.indexOf('?');
        e.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        e.query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        return e;
    }

    public HttpEvent header(String name, String value) {
        headers.put(name.toLowerCase(), value);
        return this;
    }

    public HttpEvent bearer(String token) {
        return header("authorization", "Bearer " + token);
    }

    /** A JSON body with {@code content-type: application/json}. */
    public HttpEvent json(String json) {
        header("content-type", "application/json");
        return body(json);
    }

    public HttpEvent body(String raw) {
        this.body = raw;
        return header("content-length", Integer.toString(raw.getBytes(StandardCharsets.UTF_8).length));
    }

    /** The body as API Gateway passes binary content: base64 in the event, {@code isBase64Encoded} set. */
    public HttpEvent base64Body(byte[] raw) {
        this.body = java.util.Base64.getEncoder().encodeToString(raw);
        this.base64 = true;
        return header("content-length", Integer.toString(raw.length));
    }

    /** A body marked {@code isBase64Encoded} as given, valid base64 or not (what a broken client or proxy may send). */
    public HttpEvent base64Text(String encoded) {
        this.body = encoded;
        this.base64 = true;
        return this;
    }

    /** Drops a header, e.g. the {@code content-length} a chunked request does not carry. */
    public HttpEvent without(String header) {
        headers.remove(header.toLowerCase());
        return this;
    }

    /** The client address API Gateway reports ({@code requestContext.http.sourceIp}); the recorded event's otherwise. */
    public HttpEvent sourceIp(String address) {
        this.sourceIp = address;
        return this;
    }

    /** The event as API Gateway would send it. */
    public String toJson() {
        try (InputStream in = HttpEvent.class.getResourceAsStream("/events/http-api-v2.json")) {
            ObjectNode event = (ObjectNode) JSON.readTree(in);
            event.put("rawPath", path);
            event.put("rawQueryString", query);
            ObjectNode h = (ObjectNode) event.get("headers");
            headers.forEach(h::put);
            if (!query.isEmpty()) {
                ObjectNode params = event.putObject("queryStringParameters");
                for (String pair : query.split("&")) {
                    String[] kv = pair.split("=", 2);
                    String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                    String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                    // API Gateway joins repeated parameters with commas.
                    params.put(key, params.has(key) ? params.get(key).asText() + "," + value : value);
                }
            }
            ObjectNode http = (ObjectNode) event.get("requestContext").get("http");
            http.put("method", method);
            http.put("path", path);
            if (sourceIp != null) {
                http.put("sourceIp", sourceIp);
            }
            if (body != null) {
                event.put("body", body);
                event.put("isBase64Encoded", base64);
            }
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
