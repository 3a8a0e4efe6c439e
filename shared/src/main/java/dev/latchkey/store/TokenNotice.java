package dev.latchkey.store;

import dev.latchkey.domain.Scope;

import java.time.Instant;

/**
 * One hygiene event about one token, as the sweep sends it: never a token value (the items it is read from hold none).
 * {@code handle} is the store's own reference to the queued notice, to mark it sent; it is not part of the event.
 *
 * @param lastUsedAt null when the token was never used
 * @param endAt      null when the token does not expire
 * @param revokedAt  null for {@link Kind#EXPIRING}
 */
public record TokenNotice(Kind kind, String organizationId, String tokenId, String tokenName, Scope scope, String entityId,
                          Instant endAt, Instant lastUsedAt, Instant createdAt, Instant revokedAt, String handle) {

    /** The EventBridge {@code source} of every Latchkey event. */
    public static final String SOURCE = "latchkey";

    /** The three events, by EventBridge {@code detail-type}, and the {@code reason} their detail carries. */
    public enum Kind {
        EXPIRING("Token Expiring", "EXPIRING"),
        IDLE_REVOKED("Token Idle Revoked", "IDLE"),
        LEAK_REVOKED("Token Leak Revoked", "LEAK");

        private final String detailType;
        private final String reason;

        Kind(String detailType, String reason) {
            this.detailType = detailType;
            this.reason = reason;
        }

        public String detailType() {
            return detailType;
        }

        public String reason() {
            return reason;
        }
    }

    /**
     * Stable for a token and an event: delivery is at least once (docs/design.md, "Idle and expiry hygiene"), so a
     * consumer that must act once keys on it.
     */
    public String noticeId() {
        return kind.reason + ":" + organizationId + ":" + tokenId;
    }

    /** The event's {@code detail}, one JSON object. */
    public String detailJson() {
        return new StringBuilder("{")
                .append(field("noticeId", noticeId())).append(',')
                .append(field("reason", kind.reason)).append(',')
                .append(field("organizationId", organizationId)).append(',')
                .append(field("tokenId", tokenId)).append(',')
                .append(field("tokenName", tokenName)).append(',')
                .append(field("scope", scope == null ? null : scope.name())).append(',')
                .append(field("entityId", entityId)).append(',')
                .append(field("createdAt", createdAt)).append(',')
                .append(field("lastUsedAt", lastUsedAt)).append(',')
                .append(field("endAt", endAt)).append(',')
                .append(field("revokedAt", revokedAt))
                .append('}').toString();
    }

    private static String field(String name, Object value) {
        return quote(name) + ":" + (value == null ? "null" : quote(value.toString()));
    }

    /** A JSON string: token names are free text. */
    private static String quote(String s) {
        return dev.latchkey.store.events.JsonStrings.append(new StringBuilder(s.length() + 2), s).toString();
    }
}
