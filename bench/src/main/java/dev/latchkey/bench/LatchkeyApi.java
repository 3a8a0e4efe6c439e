package dev.latchkey.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Map;

/**
 * The routes the load harnesses call on one organization, as its owner, and how their answers are read. Values travel
 * in request and answer bodies only; nothing here prints one.
 */
final class LatchkeyApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String organizationId;
    private final String ownerToken;

    LatchkeyApi(URI base, String organizationId, String ownerToken) {
        this.base = base;
        this.organizationId = organizationId;
        this.ownerToken = ownerToken;
    }

    String organizationId() {
        return organizationId;
    }

    String ownerToken() {
        return ownerToken;
    }

    HttpCall.Reply validate(String value, String workspaceId) {
        String body = workspaceId == null
                ? "{\"token\":" + quote(value) + "}"
                : "{\"token\":" + quote(value) + ",\"organizationId\":" + quote(organizationId) + ",\"workspaceId\":" + quote(workspaceId) + "}";
        return HttpCall.send(url("/v1/validate"), "POST", null, body, Map.of());
    }

    HttpCall.Reply registerWorkspace(String workspaceId) {
        return HttpCall.send(url(org() + "/workspaces/" + workspaceId), "PUT", ownerToken, null, Map.of());
    }

    /** A WORKSPACE token (WORKSPACE_AUTHOR) on {@code workspaceId}; the key makes a retry return the first answer. */
    HttpCall.Reply createWorkspaceToken(String workspaceId, String name, String idempotencyKey) {
        String body = "{\"name\":" + quote(name) + ",\"scope\":\"WORKSPACE\",\"entityId\":" + quote(workspaceId)
                + ",\"role\":\"WORKSPACE_AUTHOR\"}";
        return HttpCall.send(url(org() + "/tokens"), "POST", ownerToken, body, Map.of("Idempotency-Key", idempotencyKey));
    }

    /** Rotation without grace: the replaced value is dead as soon as the answer arrives. */
    HttpCall.Reply rotate(String tokenId) {
        return HttpCall.send(url(org() + "/tokens/" + tokenId + "/rotate"), "POST", ownerToken, "{\"gracePeriodSeconds\":0}", Map.of());
    }

    HttpCall.Reply listPage(int offset, int limit) {
        return HttpCall.send(url(org() + "/tokens?offset=" + offset + "&limit=" + limit), "GET", ownerToken, null, Map.of());
    }

    /** The answer's JSON, or a missing node when it is not JSON (which every check then treats as wrong). */
    static JsonNode json(HttpCall.Reply reply) {
        try {
            return reply.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(reply.body());
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** A 200 answer to validate that says VALID. */
    static boolean isValid(HttpCall.Reply reply) {
        return reply.status() == 200 && "VALID".equals(json(reply).path("code").asText());
    }

    /** A 200 answer to create or rotate that carries the token's id and its new value. */
    static boolean carriesValue(HttpCall.Reply reply) {
        JsonNode body = json(reply);
        return reply.status() == 200 && body.path("id").isTextual() && body.path("token").isTextual();
    }

    /** The error body of docs/design.md §8 {statusCode, message, requestId}, with statusCode the answer's own status. */
    static boolean isErrorBody(HttpCall.Reply reply) {
        JsonNode body = json(reply);
        return body.path("statusCode").asInt(-1) == reply.status()
                && !body.path("message").asText("").isEmpty()
                && !body.path("requestId").asText("").isEmpty();
    }

    private String org() {
        return "/v1/organizations/" + organizationId;
    }

    private URL url(String path) {
        try {
            return base.resolve(path).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad path " + path, e);
        }
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
