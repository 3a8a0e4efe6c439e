package dev.latchkey.usecase;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.SecretCopies;
import dev.latchkey.store.SecretDocument;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The Secrets Manager rotation-function contract for a Latchkey secret, so "Rotate secret immediately" or a Secrets
 * Manager schedule rotates the token behind it. Each step is idempotent when Secrets Manager retries it:
 * <ul>
 *   <li>createSecret: a new value as AWSPENDING under the request token; not valid yet;</li>
 *   <li>setSecret: that value becomes the token's live one; the previous value keeps working for the token's rotation
 *   grace (or {@code latchkey.secrets-manager-rotation-grace-seconds}), since AWSCURRENT still holds it;</li>
 *   <li>testSecret: the pending value passes validate, through the same code path as {@code POST /v1/validate};</li>
 *   <li>finishSecret: AWSCURRENT moves to it; the previous version becomes AWSPREVIOUS.</li>
 * </ul>
 * A rotation abandoned after createSecret changes nothing in the table: the current value keeps working.
 * <p>
 * The event names a secret, and anyone who may tag a secret and start its rotation chooses that secret. Its
 * {@code latchkey:*} tags only say which token it claims to be a copy of; a step acts only when that token's recorded
 * copy is this very secret (same ARN, and an ARN carries a random suffix, so a deleted and re-created name does not
 * match either). Anything else is refused before a value is minted, logged and, where the claimed token exists,
 * audited in its organization.
 */
@Singleton
public class SecretsManagerRotation {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerRotation.class);
    static final Actor SECRETS_MANAGER = new Actor("secrets-manager-rotation", "Secrets Manager rotation");
    private static final String PENDING = "AWSPENDING";
    private static final String CURRENT = "AWSCURRENT";

    private final SecretCopies copies;
    private final TokenStore store;
    private final TokenRotation rotation;
    private final ValidateToken validate;
    private final TokenMinter minter;
    private final LatchkeyConfiguration config;
    private final Auditor auditor;
    private final java.time.Clock clock;
    private final OrganizationPolicies policies;

    public SecretsManagerRotation(SecretCopies copies, TokenStore store, TokenRotation rotation, ValidateToken validate,
                                  TokenMinter minter, LatchkeyConfiguration config, Auditor auditor, java.time.Clock clock,
                                  OrganizationPolicies policies) {
        this.policies = policies;
        this.auditor = auditor;
        this.clock = clock;
        this.copies = copies;
        this.store = store;
        this.rotation = rotation;
        this.validate = validate;
        this.minter = minter;
        this.config = config;
    }

    public void run(String step, String secretId, String versionId) {
        if (step == null || secretId == null || versionId == null) {
            throw LatchkeyException.invalid("Step", "REQUIRED", "A rotation event needs Step, SecretId and ClientRequestToken");
        }
        SecretCopies.SecretState secret = copies.describe(secretId)
                .orElseThrow(() -> LatchkeyException.notFound("Secret " + secretId + " not found"));
        ApiToken token = tokenOf(secret);
        List<String> stages = secret.versionStages().getOrDefault(versionId, List.of());
        if (stages.contains(CURRENT) && !step.equals("finishSecret")) {
            return;
        }
        switch (step) {
            case "createSecret" -> createSecret(secret, token, versionId);
            case "setSecret" -> setSecret(secret, token, versionId);
            case "testSecret" -> testSecret(secret, versionId);
            case "finishSecret" -> copies.promote(secret.arn(), versionId);
            default -> throw LatchkeyException.invalid("Step", "UNKNOWN_STEP", "Unknown rotation step " + step);
        }
    }

    private void createSecret(SecretCopies.SecretState secret, ApiToken token, String versionId) {
        if (copies.read(secret.arn(), versionId).isPresent()) {
            return;
        }
        String value = minter.mintFor(token, clock.instant()).value();
        copies.putPending(secret.arn(), versionId, 
                new SecretDocument(value, token.id(), token.organizationId(), token.grant().scope()));
    }

    private void setSecret(SecretCopies.SecretState secret, ApiToken token, String versionId) {
        SecretDocument pending = pending(secret, versionId);
        long asked = token.rotation() != null ? token.rotation().gracePeriodSeconds() : config.getSecretsManagerRotationGraceSeconds();
        long grace = policies.cappedGrace(token.organizationId(), asked);
        ApiToken after = rotation.activate(token, pending.token(), grace, SECRETS_MANAGER);
        if (after != token) {
            auditor.system(token.organizationId(), AuditEvent.Action.ROTATE, token.id(), SECRETS_MANAGER, "Secrets Manager rotation (setSecret)");
        }
    }

    private void testSecret(SecretCopies.SecretState secret, String versionId) {
        SecretDocument pending = pending(secret, versionId);
        ValidateToken.Outcome outcome = validate.validate(pending.token(),
                new ResourcePath(pending.organizationId(), null, null, null), null);
        if (!outcome.valid()) {
            throw new LatchkeyException(LatchkeyException.Kind.CONFLICT,
                    "The pending value of " + secret.name() + " does not validate: " + outcome.code());
        }
    }

    private SecretDocument pending(SecretCopies.SecretState secret, String versionId) {
        return copies.read(secret.arn(), versionId).orElseThrow(() -> LatchkeyException.conflict(
                "Secret " + secret.name() + " has no " + PENDING + " value under version " + versionId + "; run createSecret first"));
    }

    private ApiToken tokenOf(SecretCopies.SecretState secret) {
        String tokenId = secret.tags().get(SecretCopies.TOKEN_ID_TAG);
        String organizationId = secret.tags().get(SecretCopies.ORGANIZATION_ID_TAG);
        if (tokenId == null || organizationId == null) {
            throw LatchkeyException.invalid("SecretId", "NOT_LATCHKEY", "Secret " + secret.name() + " is not a Latchkey token copy");
        }
        ApiToken token = store.find(organizationId, tokenId).orElseThrow(() ->
                LatchkeyException.notFound("The token behind " + secret.name() + " no longer exists"));
        if (token.secretCopy() == null || !secret.arn().equals(token.secretCopy().secretArn())) {
            String why = "Secret " + secret.arn() + " claims token " + tokenId + " by its tags, but is not that token's "
                    + "Secrets Manager copy; no value was minted";
            LOG.warn("Refused a Secrets Manager rotation: {}", why);
            auditor.recorded(organizationId, AuditEvent.Action.ROTATE, AuditEvent.Outcome.DENIED, tokenId, SECRETS_MANAGER, null, why);
            throw LatchkeyException.forbidden(why);
        }
        return token;
    }
}
