package dev.latchkey.store;

import dev.latchkey.domain.Scope;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SecretString of a token's Secrets Manager copy: {@code {"token","tokenId","organizationId","scope"}}. Every field
 * is drawn from a restricted alphabet (base62 values, validated ids, an enum), so the JSON needs no escaping.
 * {@link #toString()} never shows the value.
 */
public record SecretDocument(String token, String tokenId, String organizationId, Scope scope) {

    private static final Pattern FIELD = Pattern.compile("\"(token|tokenId|organizationId|scope)\"\\s*:\\s*\"([A-Za-z0-9_.\\-]*)\"");

    public String toJson() {
        return "{\"token\":\"" + token + "\",\"tokenId\":\"" + tokenId + "\",\"organizationId\":\"" + organizationId
                + "\",\"scope\":\"" + scope.name() + "\"}";
    }

    /** Empty when the string is not a document Latchkey wrote. */
    public static Optional<SecretDocument> parse(String json) {
        if (json == null) {
            return Optional.empty();
        }
        String token = null;
        String tokenId = null;
        String organizationId = null;
        String scope = null;
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            switch (m.group(1)) {
                case "token" -> token = m.group(2);
                case "tokenId" -> tokenId = m.group(2);
                case "organizationId" -> organizationId = m.group(2);
                default -> scope = m.group(2);
            }
        }
        if (token == null || tokenId == null || organizationId == null || scope == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SecretDocument(token, tokenId, organizationId, Scope.valueOf(scope)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SecretDocument[tokenId=" + tokenId + ", organizationId=" + organizationId + ", scope=" + scope + ", token=<redacted>]";
    }
}
