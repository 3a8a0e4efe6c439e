package dev.latchkey.store;

import dev.latchkey.domain.CustomRole;

import java.util.List;
import java.util.Optional;

/**
 * Where an organization's custom roles live. Every change is conditional on the role's version, so concurrent editors
 * get {@link dev.latchkey.error.LatchkeyException.Kind#CONFLICT}. Who holds a role is written by {@link TokenStore}
 * together with each token's roles; this store only reads it.
 */
public interface CustomRoleStore {

    /** @throws dev.latchkey.error.LatchkeyException CONFLICT when another role of the organization has the name */
    void create(CustomRole role);

    Optional<CustomRole> find(String organizationId, String roleId);

    /** The role with exactly this name. */
    Optional<CustomRole> findByName(String organizationId, String name);

    List<CustomRole> list(String organizationId);

    /**
     * Stores {@code after} if the role is still at {@code before}'s version; a new name takes over the name claim.
     *
     * @throws dev.latchkey.error.LatchkeyException CONFLICT when the role changed meanwhile or the new name is taken
     */
    void update(CustomRole before, CustomRole after);

    /** Clears {@code fanOutPending}, unless the role has moved past {@code version} (a newer change still fans out). */
    void fanOutDone(String organizationId, String roleId, long version);

    /** Deletes the role and its name claim if it is still at {@code role}'s version. */
    void delete(CustomRole role);

    /** Token ids holding the role, in id order, from after {@code afterTokenId} (null: from the start). */
    List<String> holders(String organizationId, String roleId, String afterTokenId, int limit);
}
