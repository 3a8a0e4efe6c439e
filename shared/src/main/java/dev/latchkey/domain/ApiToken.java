package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A token's metadata as stored: never its value. {@code values} names the live hash items (the previous one only while
 * its rotation grace lasts); {@code history.version} drives optimistic locking. {@code secretCopy} and {@code rotation}
 * are present when the token keeps a Secrets Manager copy. Built with {@link #builder}, so every part is named.
 */
public record ApiToken(
        String id,
        String organizationId,
        String name,
        String description,
        TokenGrant grant,
        Lifetime lifetime,
        ValueHashes values,
        History history,
        SecretCopy secretCopy,
        RotationPolicy rotation) {

    public ApiToken {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(history, "history");
    }

    public static Builder builder(String id, String organizationId) {
        return new Builder(id, organizationId);
    }

    public ApiToken withDetails(String newName, String newDescription, RotationPolicy newRotation,
                                dev.latchkey.access.CidrSet newCidrs, Instant at, Actor by) {
        return toBuilder().name(newName).description(newDescription).rotation(newRotation)
                .grant(grant.withAllowedCidrs(newCidrs)).history(history.changed(at, by)).build();
    }

    public ApiToken withRoles(List<RoleAssignment> newRoles, Instant at, Actor by) {
        return toBuilder().grant(grant.withRoles(newRoles)).history(history.changed(at, by)).build();
    }

    /** After a rotation at {@code at}: the new value is current, the old one lives {@code grace} longer. */
    public ApiToken rotated(String newHashKey, String newShortToken, Duration grace, Instant at, Actor by) {
        return toBuilder().values(values.rotatedTo(newHashKey, newShortToken, at, grace)).history(history.rotated(at, by))
                .rotation(rotation == null ? null : rotation.rescheduledAfter(at)).build();
    }

    /** The previous value's hash item, while it may still be live at {@code now}. */
    public boolean previousLiveAt(Instant now) {
        return values.previousLiveAt(now);
    }

    private Builder toBuilder() {
        return builder(id, organizationId).name(name).description(description).grant(grant).lifetime(lifetime)
                .values(values).history(history).secretCopy(secretCopy).rotation(rotation);
    }

    /** Names each part of a token; {@code description}, {@code secretCopy} and {@code rotation} may stay unset. */
    public static final class Builder {
        private final String id;
        private final String organizationId;
        private String name;
        private String description;
        private TokenGrant grant;
        private Lifetime lifetime;
        private ValueHashes values;
        private History history;
        private SecretCopy secretCopy;
        private RotationPolicy rotation;

        private Builder(String id, String organizationId) {
            this.id = id;
            this.organizationId = organizationId;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder grant(TokenGrant value) {
            this.grant = value;
            return this;
        }

        public Builder lifetime(Lifetime value) {
            this.lifetime = value;
            return this;
        }

        public Builder values(ValueHashes value) {
            this.values = value;
            return this;
        }

        public Builder history(History value) {
            this.history = value;
            return this;
        }

        public Builder secretCopy(SecretCopy value) {
            this.secretCopy = value;
            return this;
        }

        public Builder rotation(RotationPolicy value) {
            this.rotation = value;
            return this;
        }

        public ApiToken build() {
            return new ApiToken(id, organizationId, name, description, grant, lifetime, values, history, secretCopy, rotation);
        }
    }
}
