package dev.latchkey.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.domain.ApiToken;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * Astro's {@code ApiToken} plus Latchkey's additions ({@code scope} beside Astro's {@code type}, {@code kind},
 * {@code organizationId}, {@code entityId}, {@code lastRotatedAt}, {@code secretsManager}, {@code rotation}).
 * {@code token} is present only in the create and rotate answers.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiTokenView(
        String id,
        String name,
        String description,
        String shortToken,
        String type,
        String scope,
        String kind,
        String organizationId,
        String entityId,
        Instant startAt,
        Instant endAt,
        Integer expiryPeriodInDays,
        Instant createdAt,
        Instant updatedAt,
        Instant lastRotatedAt,
        Instant lastUsedAt,
        List<RoleView> roles,
        ActorView createdBy,
        ActorView updatedBy,
        SecretCopyView secretsManager,
        RotationView rotation,
        String token) {

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
        return new ApiTokenView(t.id(), t.name(), t.description() == null ? "" : t.description(), t.shortToken(),
                t.scope().name(), t.scope().name(), t.kind().name(), t.organizationId(), t.entityId(), t.startAt(), t.endAt(),
                t.expiryPeriodInDays(), t.createdAt(), t.updatedAt(), t.lastRotatedAt(), t.lastUsedAt(),
                t.roles().stream().map(RoleView::of).toList(), ActorView.of(t.createdBy()), ActorView.of(t.updatedBy()),
                t.secretCopy() == null ? null : new SecretCopyView(t.secretCopy().secretName(), t.secretCopy().secretArn()),
                t.rotation() == null ? null : new RotationView(t.rotation().everyDays(), t.rotation().gracePeriodSeconds(),
                        t.rotation().nextRotationAt()),
                value);
    }

    @Override
    public String toString() {
        return "ApiTokenView[id=" + id + ", scope=" + scope + (token == null ? "" : ", token=<redacted>") + "]";
    }
}
