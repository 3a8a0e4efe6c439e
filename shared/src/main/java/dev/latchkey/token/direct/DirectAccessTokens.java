package dev.latchkey.token.direct;

import dev.latchkey.domain.Scope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Direct-access token values: compact JWS (ES256, {@code kid} in the header) over the claims of
 * {@link DirectAccessClaims}. Every string in them is an id, an enum or a base62/base64url value, so the JSON is
 * written and read without a JSON library.
 */
public final class DirectAccessTokens {

    static final int MAX_LENGTH = 4096;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();
    private static final Pattern PERMISSIONS = Pattern.compile("\"permissions\"\\s*:\\s*\\[([^\\]]*)]");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");

    private DirectAccessTokens() {
    }

    /** Whether a presented value is shaped like a JWS at all (cheap; no crypto). */
    public static boolean looksLikeJws(String value) {
        if (value == null || value.length() > MAX_LENGTH || !value.startsWith("eyJ")) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                return false;
            }
        }
        return dots == 2;
    }

    public static String sign(DirectAccessClaims c, SigningKey key) {
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + key.kid() + "\"}";
        StringBuilder permissions = new StringBuilder();
        for (int i = 0; i < c.permissions().size(); i++) {
            permissions.append(i == 0 ? "" : ",").append('"').append(c.permissions().get(i)).append('"');
        }
        String payload = "{\"iss\":\"" + c.issuer() + "\",\"aud\":\"" + c.audience() + "\",\"sub\":\"" + c.tokenId()
                + "\",\"apiTokenId\":\"" + c.tokenId() + "\",\"org_id\":\"" + c.organizationId() + "\",\"scope\":\"" + c.scope().name()
                + "\",\"permissions\":[" + permissions + "],\"iat\":" + c.issuedAt().getEpochSecond()
                + ",\"nbf\":" + c.notBefore().getEpochSecond() + ",\"exp\":" + c.expiresAt().getEpochSecond()
                + ",\"jti\":\"" + c.jwtId() + "\"}";
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + B64.encodeToString(Es256.sign(signingInput.getBytes(StandardCharsets.US_ASCII), key.privateKey()));
    }

    /**
     * Checks the signature with the key its {@code kid} names and reads the claims. Empty when the value is not a JWS
     * of ours or the signature does not hold; times are not checked here (the caller knows which clock applies).
     */
    public static Optional<DirectAccessClaims> verify(String value, Function<String, Optional<SigningKey>> keys) {
        if (!looksLikeJws(value)) {
            return Optional.empty();
        }
        try {
            String[] parts = value.split("\\.", -1);
            String header = new String(D64.decode(parts[0]), StandardCharsets.UTF_8);
            if (!"ES256".equals(SigningKeyRing.optionalField(header, "alg"))) {
                return Optional.empty();
            }
            String kid = SigningKeyRing.optionalField(header, "kid");
            Optional<SigningKey> key = kid == null ? Optional.empty() : keys.apply(kid);
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            if (key.isEmpty() || !Es256.verify(input, D64.decode(parts[2]), key.get().publicKey())) {
                return Optional.empty();
            }
            return Optional.of(claims(new String(D64.decode(parts[1]), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@link #verify(String, Function)}, and the claims name this issuer and this audience. */
    public static Optional<DirectAccessClaims> verify(String value, Function<String, Optional<SigningKey>> keys, String issuer,
                                                      String audience) {
        return verify(value, keys).filter(c -> c.issuer().equals(issuer) && c.audience().equals(audience));
    }

    static DirectAccessClaims claims(String json) {
        List<String> permissions = new ArrayList<>();
        Matcher list = PERMISSIONS.matcher(json);
        if (list.find()) {
            Matcher each = STRING.matcher(list.group(1));
            while (each.find()) {
                permissions.add(each.group(1));
            }
        }
        return new DirectAccessClaims(SigningKeyRing.field(json, "iss"), SigningKeyRing.field(json, "aud"),
                SigningKeyRing.field(json, "apiTokenId"), SigningKeyRing.field(json, "org_id"),
                Scope.valueOf(SigningKeyRing.field(json, "scope")), permissions, seconds(json, "iat"), seconds(json, "nbf"),
                seconds(json, "exp"), SigningKeyRing.field(json, "jti"));
    }

    private static Instant seconds(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("claim " + name + " is missing");
        }
        return Instant.ofEpochSecond(Long.parseLong(m.group(1)));
    }

}
