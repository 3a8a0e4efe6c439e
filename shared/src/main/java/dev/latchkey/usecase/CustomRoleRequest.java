package dev.latchkey.usecase;

import java.util.List;

/** A custom role as a client sent it for create or update ({@code scopeType} is fixed at creation and ignored on update). */
public record CustomRoleRequest(String name, String description, String scopeType, List<String> permissions,
                                List<String> restrictedWorkspaceIds) {
}
