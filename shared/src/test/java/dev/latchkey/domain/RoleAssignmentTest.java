package dev.latchkey.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The one rule for which deployment an entry lives in, which placement, the registry checks and permissions share. */
class RoleAssignmentTest {

    @Test
    void aDeploymentEntryIsItsOwnDeploymentAndDagEntriesNameTheirs() {
        assertEquals("dep-1", RoleAssignment.of(EntityType.DEPLOYMENT, "dep-1", Role.DEPLOYMENT_ADMIN).deployment());
        assertEquals("dep-2", new RoleAssignment(EntityType.DAG, "etl", Role.DAG_AUTHOR, "dep-2").deployment());
        assertEquals("dep-3", new RoleAssignment(EntityType.DAG_TAG, "nightly", Role.DAG_VIEWER, "dep-3").deployment());
    }

    @Test
    void entriesAboveADeploymentHaveNoneAndADagWithoutOneHasNone() {
        assertNull(RoleAssignment.of(EntityType.ORGANIZATION, "acme", Role.ORGANIZATION_OWNER).deployment());
        assertNull(RoleAssignment.of(EntityType.WORKSPACE, "ws", Role.WORKSPACE_AUTHOR).deployment());
        assertNull(RoleAssignment.of(EntityType.DAG, "etl", Role.DAG_AUTHOR).deployment());
    }
}
