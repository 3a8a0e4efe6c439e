package dev.latchkey.usecase;

/** One role entry as a client sent it, before its names are checked against the catalogue. */
public record RoleInput(String entityType, String entityId, String role, String deploymentId) {
}
