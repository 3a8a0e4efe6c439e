package dev.latchkey.usecase;

import dev.latchkey.access.RolePlacement;
import dev.latchkey.access.TokenAccess;
import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.History;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RotationPolicy;
import dev.latchkey.domain.SecretCopy;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenGrant;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.Validity;
import dev.latchkey.domain.ValueHashes;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.IdempotencyRecord;
import dev.latchkey.store.SecretCopies;
import dev.latchkey.store.SecretDocument;
import dev.latchkey.store.TokenStore;
import dev.latchkey.token.PepperRing;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a token on a registered entity with one role, optionally with a Secrets Manager copy and a rotation policy,
 * and shows its value once.
 */
@Singleton
public class CreateToken {

    private static final Logger LOG = LoggerFactory.getLogger(CreateToken.class);

    public static final int MAX_EXPIRY_DAYS = 3650;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final ManagedTokens managed;
    private final EntityRegistry registry;
    private final TokenStore store;
    private final TokenMinter minter;
    private final PepperRing peppers;
    private final BeanProvider<SecretCopies> secretCopies;
    private final Clock clock;
    private final LatchkeyConfiguration config;
    private final Auditor auditor;
    private final OrganizationPolicies policies;
    private final CustomRoles customRoles;

    public CreateToken(ManagedTokens managed, EntityRegistry registry, TokenStore store, TokenMinter minter,
                       PepperRing peppers, BeanProvider<SecretCopies> secretCopies, Clock clock, LatchkeyConfiguration config,
                       Auditor auditor, OrganizationPolicies policies, CustomRoles customRoles) {
        this.customRoles = customRoles;
        this.auditor = auditor;
        this.policies = policies;
        this.managed = managed;
        this.registry = registry;
        this.store = store;
        this.minter = minter;
        this.peppers = peppers;
        this.secretCopies = secretCopies;
        this.clock = clock;
        this.config = config;
    }

    /**
     * @param idempotencyKey the client's {@code Idempotency-Key}, or null. A retry with the same key and request
     *                       gets the first answer (value included); the same key with another request is a 409.
     */
    public IssuedToken create(Caller caller, String organizationId, CreateTokenCommand command, String idempotencyKey) {
        managed.requireOrganization(caller, organizationId);
        CreateTokenCommand cmd = normalise(organizationId, command);
        String workspaceId = entityWorkspace(organizationId, cmd);
        RoleAssignment own = ownEntry(organizationId, cmd, workspaceId);
        RolePlacement.check(cmd.scope(), cmd.entityId(), workspaceId, List.of(own), Collections.singletonMap(own.target(), workspaceId));

        if (cmd.kind() == TokenKind.DIRECT_ACCESS && !caller.roles().isOrganizationOwner()) {
            throw auditor.denied(caller, AuditEvent.Action.CREATE, null, "Only an Organization Owner may create DIRECT_ACCESS tokens");
        }
        if (!TokenAccess.canManage(caller.roles(), cmd.scope(), workspaceId)) {
            throw auditor.denied(caller, AuditEvent.Action.CREATE, null, "Your token may not create " + cmd.scope() + " tokens here");
        }
        if (!TokenAccess.canGrant(caller.roles(), own, workspaceId)) {
            throw auditor.denied(caller, AuditEvent.Action.CREATE, null,
                    "You cannot grant " + own.roleName() + (own.isCustom() ? ": you do not hold all its permissions on "
                            : ": it is above the role you hold on ") + cmd.entityId());
        }

        policies.checkCreate(organizationId, cmd.expiryPeriodInDays(), cmd.kind(),
                cmd.rotation() == null ? null : cmd.rotation().gracePeriodSeconds(), cmd.allowedCidrs());

        if (idempotencyKey == null) {
            return issue(caller, organizationId, cmd, workspaceId, own, Optional.empty());
        }
        String recordKey = IdempotentReplies.recordKey(organizationId, caller.tokenId(), checkKey(idempotencyKey));
        String fingerprint = IdempotentReplies.fingerprint(cmd);
        Optional<IssuedToken> replay = replay(recordKey, fingerprint, organizationId);
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            return issue(caller, organizationId, cmd, workspaceId, own, Optional.of(new IdempotencyContext(recordKey, fingerprint)));
        } catch (TokenStore.IdempotencyKeyTaken raced) {
            return replay(recordKey, fingerprint, organizationId).orElseThrow(() ->
                    LatchkeyException.conflict("A request with this Idempotency-Key is being processed; retry shortly"));
        }
    }

    private record IdempotencyContext(String recordKey, String fingerprint) {
    }

    private IssuedToken issue(Caller caller, String organizationId, CreateTokenCommand cmd, String workspaceId,
                              RoleAssignment own, Optional<IdempotencyContext> idempotency) {
        Instant now = clock.instant();
        String id = minter.newTokenId(now);
        Integer expiryDays = cmd.expiryPeriodInDays();
        Instant endAt = expiryDays == null ? null : now.plus(Duration.ofDays(expiryDays));
        TokenMinter.Minted minted = cmd.kind() == TokenKind.DIRECT_ACCESS
                ? minter.mintDirectAccess(id, organizationId, cmd.scope(), List.of(own), now, endAt)
                : minter.mint(cmd.scope());
        RotationPolicy rotation = cmd.rotation() == null ? null
                : RotationPolicies.from(cmd.rotation(), cmd.secretsManager() != null, config.getMaxGracePeriodSeconds(), now, false);
        // The copy is written first: if Secrets Manager fails, nothing is in the table and no usable token exists.
        SecretCopy copy = cmd.secretsManager() == null ? null : secretCopies.get().create(
                cmd.secretsManager().secretName() != null ? cmd.secretsManager().secretName() : defaultSecretName(organizationId, id),
                new SecretDocument(minted.value(), id, organizationId, cmd.scope()),
                Map.of(SecretCopies.TOKEN_ID_TAG, id, SecretCopies.ORGANIZATION_ID_TAG, organizationId));
        ApiToken token = ApiToken.builder(id, organizationId).name(cmd.name()).description(cmd.description())
                .grant(new TokenGrant(cmd.scope(), cmd.kind(), cmd.entityId(), workspaceId, List.of(own), cmd.allowedCidrs()))
                .lifetime(new Lifetime(Validity.from(now).until(endAt), expiryDays))
                .values(ValueHashes.first(minted.hashKey(), minted.shortToken()))
                .history(History.created(now, caller.actor()))
                .secretCopy(copy).rotation(rotation).build();
        Optional<IdempotencyRecord> record = idempotency.map(ctx -> new IdempotencyRecord(ctx.recordKey(), ctx.fingerprint(),
                organizationId, token.id(), IdempotentReplies.seal(peppers, ctx.recordKey(), minted.value()),
                now.plus(config.getIdempotencyRetention())));
        try {
            store.create(token, TokenHash.liveFor(token, minted.hashKey()), record, List.of(own.target()));
        } catch (RuntimeException e) {
            if (copy != null) {
                discard(caller, token.id(), copy);
            }
            throw e;
        }
        auditor.succeeded(caller, AuditEvent.Action.CREATE, token.id(), token.grant().scope() + " " + own.roleName()
                + " on " + token.grant().entityId()
                + (copy == null ? "" : ", copy " + copy.secretName())
                + (token.grant().allowedCidrs().bound() ? ", allowedCidrs " + token.grant().allowedCidrs() : ""));
        return new IssuedToken(token, minted.value());
    }

    /** The token's one role entry: a built-in role, or an organization's custom role copied with its permissions. */
    private RoleAssignment ownEntry(String organizationId, CreateTokenCommand cmd, String workspaceId) {
        Optional<Role> builtIn = Role.parse(cmd.role());
        if (builtIn.isPresent()) {
            return RoleAssignment.of(cmd.scope().entityType(), cmd.entityId(), builtIn.get());
        }
        if (!CustomRoles.mayBeCustom(cmd.role())) {
            throw LatchkeyException.invalid("role", "UNKNOWN_ROLE", "Unknown role '" + cmd.role() + "'");
        }
        if (cmd.kind() == TokenKind.DIRECT_ACCESS) {
            // Offline verifiers would see only the name, never a later change to the role's permissions.
            throw LatchkeyException.invalid("role", "NOT_ALLOWED_FOR_KIND", "A DIRECT_ACCESS token cannot hold a custom role");
        }
        RoleAssignment.Target target = new RoleAssignment.Target(cmd.scope().entityType(), cmd.entityId(), null);
        return RoleAssignment.custom(target.entityType(), target.entityId(), null,
                customRoles.resolve(organizationId, cmd.role(), target, workspaceId, "role"));
    }

    /** {@code latchkey/<org>/<id>}, or {@code <prefix><org>/<id>} where copies are confined to a prefix. */
    private String defaultSecretName(String organizationId, String tokenId) {
        String prefix = config.getSecretNamePrefix();
        return (prefix.isEmpty() ? "latchkey/" : prefix) + organizationId + "/" + tokenId;
    }

    /** The copy of a token that was never stored holds a value that never worked; remove it, or say where it is. */
    private void discard(Caller caller, String tokenId, SecretCopy copy) {
        try {
            secretCopies.get().delete(copy.secretArn());
        } catch (LatchkeyException e) {
            LOG.warn("Could not delete the Secrets Manager copy {} of a token that was not created (its value never worked): {}",
                    copy.secretArn(), e.getMessage());
            auditor.secretCopyFailed(caller.organizationId(), AuditEvent.Action.CREATE, tokenId, caller.actor(), caller.requestId(),
                    "orphaned copy " + copy.secretArn() + " (its value never worked): " + e.getMessage());
        }
    }

    private Optional<IssuedToken> replay(String recordKey, String fingerprint, String organizationId) {
        Optional<IdempotencyRecord> found = store.findIdempotency(recordKey)
                .filter(r -> r.expiresAt().isAfter(clock.instant()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (!found.get().requestFingerprint().equals(fingerprint)) {
            throw LatchkeyException.conflict("This Idempotency-Key was already used with a different request");
        }
        ApiToken token = store.find(organizationId, found.get().tokenId()).orElseThrow(() ->
                LatchkeyException.conflict("The token first created with this Idempotency-Key has since been deleted"));
        String value = IdempotentReplies.open(peppers, recordKey, found.get().sealedValue()).orElseThrow(() ->
                LatchkeyException.conflict("The first answer for this Idempotency-Key can no longer be replayed"));
        return Optional.of(new IssuedToken(token, value));
    }

    private CreateTokenCommand normalise(String organizationId, CreateTokenCommand c) {
        if (c.scope() == null) {
            throw LatchkeyException.invalid("scope", "REQUIRED", "scope (or type) is required: ORGANIZATION, WORKSPACE or DEPLOYMENT");
        }
        if (c.role() == null || c.role().isBlank()) {
            throw LatchkeyException.invalid("role", "REQUIRED", "role is required");
        }
        TokenKind kind = c.kind() == null ? TokenKind.STANDARD : c.kind();
        Integer days = c.expiryPeriodInDays();
        if (days != null && (days < 1 || days > MAX_EXPIRY_DAYS)) {
            throw LatchkeyException.invalid("tokenExpiryPeriodInDays", "OUT_OF_RANGE",
                    "tokenExpiryPeriodInDays must be between 1 and " + MAX_EXPIRY_DAYS);
        }
        if (kind == TokenKind.DIRECT_ACCESS && days == null) {
            // Offline verifiers learn of a deletion only at exp: a direct-access token always expires.
            days = config.getDirectAccessDefaultExpiryDays();
        }
        String entityId = c.entityId();
        if (c.scope() == Scope.ORGANIZATION) {
            if (entityId != null && !entityId.equals(organizationId)) {
                throw LatchkeyException.invalid("entityId", "SCOPE_MISMATCH", "An organization token's entityId is its organization id");
            }
            entityId = organizationId;
        } else {
            Inputs.entityId("entityId", entityId);
        }
        SecretCopyRequest copy = c.secretsManager() == null || c.secretsManager().secretName() == null ? c.secretsManager()
                : new SecretCopyRequest(RotationPolicies.secretName(c.secretsManager().secretName()));
        if (copy != null && copy.secretName() != null && !copy.secretName().startsWith(config.getSecretNamePrefix())) {
            throw LatchkeyException.invalid("secretsManager.secretName", "OUTSIDE_PREFIX",
                    "Secret copies of this Latchkey must be named " + config.getSecretNamePrefix() + "...");
        }
        if (kind == TokenKind.DIRECT_ACCESS && c.allowedCidrs().bound()) {
            // Verified offline by services that never call validate: nothing would enforce the binding.
            throw LatchkeyException.invalid("allowedCidrs", "NOT_SUPPORTED",
                    "DIRECT_ACCESS tokens are verified offline and cannot be bound to networks; use a STANDARD token");
        }
        if (c.rotation() != null && copy == null) {
            throw LatchkeyException.invalid("rotation", "REQUIRES_SECRETS_MANAGER",
                    "A rotation policy needs a Secrets Manager copy to rotate into: add \"secretsManager\": {}");
        }
        return new CreateTokenCommand(Inputs.name(c.name()), Inputs.description(c.description()), c.scope(), entityId,
                c.role(), days, kind, copy, c.rotation(), c.allowedCidrs());
    }

    private String entityWorkspace(String organizationId, CreateTokenCommand cmd) {
        return switch (cmd.scope()) {
            case ORGANIZATION -> null;
            case WORKSPACE -> registry.workspace(organizationId, cmd.entityId())
                    .orElseThrow(() -> LatchkeyException.notFound("Workspace " + cmd.entityId() + " is not registered"))
                    .id();
            case DEPLOYMENT -> managed.deploymentWorkspace(organizationId, cmd.entityId());
        };
    }

    private static String checkKey(String key) {
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw LatchkeyException.invalid("Idempotency-Key", "INVALID",
                    "Idempotency-Key must be 1-" + MAX_IDEMPOTENCY_KEY_LENGTH + " printable ASCII characters");
        }
        return key;
    }
}
