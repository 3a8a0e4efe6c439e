package dev.latchkey.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.History;
import dev.latchkey.domain.RotationPolicy;
import dev.latchkey.domain.SecretCopy;
import dev.latchkey.domain.TokenGrant;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * Astro's {@code ApiToken} plus Latchkey's additions ({@code scope} beside Astro's {@code type}, {@code kind},
 * {@code organizationId}, {@code entityId}, {@code lastRotatedAt}, {@code secretsManager}, {@code rotation},
 * {@code allowedCidrs}: the networks it may be used from, {@code []} when unbound).
 * {@code token} is present only in the create and rotate answers.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiTokenView(
        @JsonUnwrapped Label label,
        @JsonUnwrapped Target target,
        @JsonUnwrapped LifetimeView lifetime,
        @JsonUnwrapped Times times,
        List<RoleView> roles,
        List<String> allowedCidrs,
        ActorView createdBy,
        ActorView updatedBy,
        @JsonUnwrapped Copy copy,
        String token) {

    /** Which token: its id, name, description ({@code ""} when it has none) and the short form of its value. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Label(String id, String name, String description, String shortToken) {
    }

    /** What it reaches; {@code type} is Astro's name for {@code scope}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String type, String scope, String kind, String organizationId, String entityId) {
    }

    /** When it is valid, and the expiry period it was asked for. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LifetimeView(Instant startAt, Instant endAt, Integer expiryPeriodInDays) {
    }

    /** When it was made, changed, rotated and last used. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Times(Instant createdAt, Instant updatedAt, Instant lastRotatedAt, Instant lastUsedAt) {
    }

    /** Its Secrets Manager copy and scheduled rotation, when it has them. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Copy(SecretCopyView secretsManager, RotationView rotation) {
    }

    /** Where the token's Secrets Manager copy lives (never its value). */
    @Serdeable
    public record SecretCopyView(String secretName, String secretArn) {
    }

    /** The token's scheduled rotation. */
    @Serdeable
    public record RotationView(int everyDays, long gracePeriodSeconds, Instant nextRotationAt) {
    }

    public static ApiTokenView of(ApiToken t) {
        return withValue(t, null);
    }

    public static ApiTokenView withValue(ApiToken t, String value) {
        TokenGrant grant = t.grant();
        History history = t.history();
        return new ApiTokenView(
                new Label(t.id(), t.name(), t.description() == null ? "" : t.description(), t.values().shortToken()),
                new Target(grant.scope().name(), grant.scope().name(), grant.kind().name(), t.organizationId(), grant.entityId()),
                new LifetimeView(t.lifetime().startAt(), t.lifetime().endAt(), t.lifetime().expiryPeriodInDays()),
                new Times(history.createdAt(), history.updatedAt(), history.lastRotatedAt(), history.lastUsedAt()),
                grant.roles().stream().map(RoleView::of).toList(),
                grant.allowedCidrs().cidrs(),
                ActorView.of(history.createdBy()), ActorView.of(history.updatedBy()),
                new Copy(copyView(t.secretCopy()), rotationView(t.rotation())),
                value);
    }

    private static SecretCopyView copyView(SecretCopy copy) {
        return copy == null ? null : new SecretCopyView(copy.secretName(), copy.secretArn());
    }

    private static RotationView rotationView(RotationPolicy rotation) {
        return rotation == null ? null : new RotationView(rotation.everyDays(), rotation.gracePeriodSeconds(), rotation.nextRotationAt());
    }

    @Override
    public String toString() {
        return "ApiTokenView[id=" + label.id() + ", scope=" + target.scope() + (token == null ? "" : ", token=<redacted>") + "]";
    }
}
