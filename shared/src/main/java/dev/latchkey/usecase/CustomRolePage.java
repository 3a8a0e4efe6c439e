package dev.latchkey.usecase;

import dev.latchkey.domain.CustomRole;

import java.util.List;

/** One page of an organization's custom roles and how many match in all. */
public record CustomRolePage(List<CustomRole> roles, int totalCount, int offset, int limit) {
}
