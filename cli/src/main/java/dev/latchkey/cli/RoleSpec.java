package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ROLE@ENTITY} on the command line, one role entry of the API. The entity type follows from the role:
 * {@code ORGANIZATION_OWNER@acme}, {@code WORKSPACE_AUTHOR@ws-analytics}, {@code DEPLOYMENT_ADMIN@dep-etl}; dag roles
 * name the deployment the dag runs in: {@code DAG_VIEWER@dep-etl/dag:nightly}, {@code DAG_AUTHOR@dep-etl/tag:finance}.
 */
record RoleSpec(String entityType, String entityId, String role, String deploymentId) {

    static RoleSpec parse(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw CliException.usage("a role is ROLE@ENTITY (e.g. WORKSPACE_AUTHOR@ws-analytics), not '" + text + "'");
        }
        String role = text.substring(0, at).toUpperCase();
        String entity = text.substring(at + 1);
        if (role.startsWith("DAG_")) {
            int slash = entity.indexOf('/');
            String kind = slash < 0 ? "" : entity.substring(slash + 1);
            if (slash <= 0 || !(kind.startsWith("dag:") || kind.startsWith("tag:")) || kind.length() == 4) {
                throw CliException.usage("a dag role is ROLE@DEPLOYMENT/dag:DAG_ID or ROLE@DEPLOYMENT/tag:TAG, not '" + text + "'");
            }
            return new RoleSpec(kind.startsWith("dag:") ? "DAG" : "DAG_TAG", kind.substring(4), role, entity.substring(0, slash));
        }
        String type = role.startsWith("ORGANIZATION_") ? "ORGANIZATION" : role.startsWith("WORKSPACE_") ? "WORKSPACE"
                : role.startsWith("DEPLOYMENT_") ? "DEPLOYMENT" : null;
        if (type == null) {
            throw CliException.usage("unknown role '" + role + "' in '" + text + "'");
        }
        return new RoleSpec(type, entity, role, null);
    }

    static RoleSpec of(JsonNode entry) {
        return new RoleSpec(Json.text(entry, "entityType"), Json.text(entry, "entityId"), Json.text(entry, "role"),
                Json.text(entry, "deploymentId"));
    }

    /** Two entries on the same entity: the API holds one role per entity. */
    boolean sameEntity(RoleSpec other) {
        return entityType.equals(other.entityType) && entityId.equals(other.entityId)
                && java.util.Objects.equals(deploymentId, other.deploymentId);
    }

    ObjectNode toJson() {
        ObjectNode n = Json.object().put("entityType", entityType).put("entityId", entityId).put("role", role);
        if (deploymentId != null) {
            n.put("deploymentId", deploymentId);
        }
        return n;
    }

    @Override
    public String toString() {
        return switch (entityType) {
            case "DAG" -> role + "@" + deploymentId + "/dag:" + entityId;
            case "DAG_TAG" -> role + "@" + deploymentId + "/tag:" + entityId;
            default -> role + "@" + entityId;
        };
    }
}
