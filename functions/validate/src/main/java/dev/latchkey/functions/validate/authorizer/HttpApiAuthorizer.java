package dev.latchkey.functions.validate.authorizer;

import dev.latchkey.access.IpAddress;
import dev.latchkey.access.Permission;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.ops.EmbeddedMetrics;
import dev.latchkey.token.BearerToken;
import dev.latchkey.usecase.Inputs;
import dev.latchkey.usecase.ValidateToken;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The decision behind {@link HttpApiAuthorizerHandler}: an API Gateway HTTP API authorizer event (payload 2.0) in, a
 * simple response out. The question asked is exactly {@code POST /v1/validate}'s, through the same use case: the
 * bearer value from the identity source, the organization/workspace/deployment/dag ids from the route's path
 * parameters, the permission configured as {@value #PERMISSION_PROPERTY} (none: validity and scope only), and the
 * request's {@code requestContext.http.sourceIp} as the source address (a bound token used from outside its
 * allowedCidrs is denied, with reason IP_NOT_ALLOWED in the log).
 *
 * <p>Nothing here fails open: a missing or garbage header, a path parameter that is not an id, a permission the route
 * cannot answer, a backend failure and any unexpected error all answer {@code isAuthorized: false} (API Gateway's
 * 403). The value is never put in the answer or in a log line; log lines carry API Gateway's request id, and the
 * token id when the value is genuine.
 *
 * <p>Ids are unique only within an organization, so every decision names one: the route's {@code {organizationId}}
 * path parameter, or else {@value #ORGANIZATION_PROPERTY} (a stack that fronts one organization's API). A route with
 * neither is denied, with one warning per route key per container rather than one per request; a route whose
 * {@code {organizationId}} differs from the configured one is denied too.
 */
@Singleton
public class HttpApiAuthorizer {

    public static final String PERMISSION_PROPERTY = "latchkey.authorizer.permission";
    public static final String ORGANIZATION_PROPERTY = "latchkey.authorizer.organization-id";

    /** Route path parameters read, by the names Latchkey's own routes use. */
    static final List<String> PATH_PARAMETERS = List.of("organizationId", "workspaceId", "deploymentId", "dagId");

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiAuthorizer.class);

    private final ValidateToken validateToken;
    private final String permission;
    private final String organizationId;
    private final EmbeddedMetrics metrics;
    private final Set<String> routesWarnedAbout = ConcurrentHashMap.newKeySet();

    public HttpApiAuthorizer(ValidateToken validateToken, @Nullable @Property(name = PERMISSION_PROPERTY) String permission,
                             @Nullable @Property(name = ORGANIZATION_PROPERTY) String organizationId,
                             EmbeddedMetrics metrics) {
        this.validateToken = validateToken;
        this.metrics = metrics;
        this.organizationId = organizationId == null || organizationId.isBlank() ? null
                : Inputs.entityId(ORGANIZATION_PROPERTY, organizationId.strip());
        this.permission = permission == null || permission.isBlank() ? null : permission.strip();
        if (this.permission != null && Permission.parse(this.permission).isEmpty()) {
            // Fail at init (with SnapStart: when the version is published) rather than refuse every request.
            throw new ConfigurationException(PERMISSION_PROPERTY + " names no known permission: '" + this.permission + "'");
        }
    }

    /** The permission every request is checked against, or null for validity and scope only. */
    public String permission() {
        return permission;
    }

    public Map<String, Object> authorize(Map<String, Object> event) {
        String requestId = text(map(event, "requestContext"), "requestId");
        String routeKey = text(event, "routeKey");
        try {
            String value = BearerToken.value(identity(event)).orElse(null);
            if (value == null) {
                return deny("NO_BEARER_TOKEN", null, routeKey, requestId);
            }
            ResourcePath route = resourcePath(map(event, "pathParameters"));
            if (route.organizationId() == null && organizationId == null) {
                if (routesWarnedAbout.add(String.valueOf(routeKey))) {
                    LOG.warn("authorizer: route {} has no {organizationId} path parameter and {} is not set: every request "
                            + "on it is denied (logged once per route)", routeKey, ORGANIZATION_PROPERTY);
                }
                return denial();
            }
            if (route.organizationId() != null && organizationId != null && !route.organizationId().equals(organizationId)) {
                return deny("OTHER_ORGANIZATION", null, routeKey, requestId);
            }
            ResourcePath at = route.organizationId() != null ? route : new ResourcePath(organizationId, route.workspaceId(),
                    route.deploymentId(), route.dagId(), route.dagTags());
            ValidateToken.Outcome outcome = validateToken.validate(value, at, permission, sourceIp(event), requestId);
            TokenHash token = outcome.token();
            metrics.validateOutcome("authorizer", outcome.code().name());
            if (!outcome.valid()) {
                return deny(outcome.code().name(), token == null ? null : token.tokenId(), routeKey, requestId);
            }
            LOG.debug("authorizer: allowed token {} on {} [requestId={}]", token.tokenId(), routeKey, requestId);
            return allow(token);
        } catch (LatchkeyException e) {
            if (e.kind() == LatchkeyException.Kind.BACKEND_UNAVAILABLE || e.kind() == LatchkeyException.Kind.BACKEND_FAILED) {
                LOG.warn("authorizer: not authorized because the backend failed ({}) on {} [requestId={}]: {}",
                        e.kind(), routeKey, requestId, e.getMessage(), e.getCause());
                metrics.backendError(e.kind() == LatchkeyException.Kind.BACKEND_UNAVAILABLE ? 503 : 502);
                return denial();
            }
            // A path parameter that is not an id, or a route that lacks the ids the configured permission needs.
            LOG.warn("authorizer: not authorized, the request cannot be checked ({}) on {} [requestId={}]: {}",
                    e.kind(), routeKey, requestId, e.getMessage());
            return denial();
        } catch (RuntimeException e) {
            LOG.error("authorizer: not authorized after an unexpected error on {} [requestId={}]: {}", routeKey, requestId,
                    e.getClass().getName());
            return denial();
        }
    }

    /**
     * The client's address as API Gateway saw it ({@code requestContext.http.sourceIp}), for the token's allowedCidrs;
     * null when absent or not an address, which a bound token answers with IP_NOT_ALLOWED (fail closed).
     */
    private static IpAddress sourceIp(Map<String, Object> event) {
        return IpAddress.parse(text(map(map(event, "requestContext"), "http"), "sourceIp")).orElse(null);
    }

    /** The first identity source (the Authorization header, as the template configures it), else the header itself. */
    private static String identity(Map<String, Object> event) {
        Object sources = event == null ? null : event.get("identitySource");
        if (sources instanceof List<?> list && !list.isEmpty()) {
            return list.get(0) instanceof String s ? s : null;
        }
        if (sources instanceof String s && !s.isEmpty()) {
            return s;
        }
        Map<String, Object> headers = map(event, "headers");
        for (Map.Entry<String, Object> h : headers.entrySet()) {
            if ("authorization".equalsIgnoreCase(h.getKey()) && h.getValue() instanceof String s) {
                return s;
            }
        }
        return null;
    }

    private static ResourcePath resourcePath(Map<String, Object> pathParameters) {
        String[] ids = new String[PATH_PARAMETERS.size()];
        for (int i = 0; i < ids.length; i++) {
            String name = PATH_PARAMETERS.get(i);
            Object value = pathParameters.get(name);
            if (value != null) {
                ids[i] = Inputs.entityId(name, value instanceof String s ? s : String.valueOf(value));
            }
        }
        return new ResourcePath(ids[0], ids[1], ids[2], ids[3]);
    }

    private static Map<String, Object> allow(TokenHash token) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("tokenId", token.tokenId());
        context.put("organizationId", token.organizationId());
        context.put("scope", token.grant().scope().name());
        context.put("roles", roles(token.grant().roles()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("isAuthorized", true);
        response.put("context", context);
        return response;
    }

    /**
     * {@code ENTITY_TYPE:entityId:ROLE} entries joined by commas, in the token's order; dag entries add
     * {@code :deploymentId}. Ids are percent-encoded, which changes none that Latchkey accepts as an entity id.
     */
    static String roles(List<RoleAssignment> roles) {
        return roles.stream().map(r -> r.entityType().name() + ":" + encode(r.entityId()) + ":" + r.roleName()
                + (r.deploymentId() == null ? "" : ":" + encode(r.deploymentId()))).collect(Collectors.joining(","));
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> deny(String reason, String tokenId, String routeKey, String requestId) {
        LOG.info("authorizer: not authorized ({}){} on {} [requestId={}]", reason,
                tokenId == null ? "" : " token " + tokenId, routeKey, requestId);
        return denial();
    }

    private static Map<String, Object> denial() {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("isAuthorized", false);
        return response;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof String s ? s : null;
    }
}
