package dev.latchkey.token.direct;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signing key that makes new direct-access tokens and the previous keys that still verify older ones, in the
 * JSON form they are kept in ({@code {"current":{"kid","d","x","y"},"previous":[{"kid","x","y"}]}}), and as a JWKS.
 */
public record SigningKeyRing(SigningKey current, List<SigningKey> previous) {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();
    private static final Pattern CURRENT = Pattern.compile("\"current\"\\s*:\\s*(\\{[^{}]*})");
    private static final Pattern PREVIOUS = Pattern.compile("\"previous\"\\s*:\\s*\\[(.*?)]", Pattern.DOTALL);
    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*}");
    private static final Pattern EMPTY = Pattern.compile("\\s*(\\{\\s*})?\\s*");

    public SigningKeyRing {
        previous = List.copyOf(previous);
    }

    public static SigningKeyRing generate(String kid) {
        return new SigningKeyRing(Es256.generate(kid), List.of());
    }

    /** Every key that may have signed a live token, current first. */
    public List<SigningKey> all() {
        List<SigningKey> all = new ArrayList<>();
        all.add(current);
        all.addAll(previous);
        return all;
    }

    public Optional<SigningKey> find(String kid) {
        return all().stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    /** A new current key; the old current becomes the first previous one. */
    public SigningKeyRing rotatedTo(SigningKey next) {
        List<SigningKey> older = new ArrayList<>();
        older.add(new SigningKey(current.kid(), current.publicKey(), null));
        older.addAll(previous);
        return new SigningKeyRing(next, older);
    }

    /** The stored form, private part of the current key included. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{\"current\":").append(jwk(current, true)).append(",\"previous\":[");
        for (int i = 0; i < previous.size(); i++) {
            json.append(i == 0 ? "" : ",").append(jwk(previous.get(i), false));
        }
        return json.append("]}").toString();
    }

    /** The public parts of every key, current first: what verifiers get. */
    public PublicKeys publicKeys() {
        return new PublicKeys(all());
    }

    /** The public keys as a JSON Web Key Set, for {@code /v1/.well-known/jwks.json}. */
    public String toJwks() {
        return publicKeys().toJwks();
    }

    /**
     * A ring as kept in its secret, or empty for {@code {}} (the secret as the template creates it, before the first
     * direct-access token). Anything else must be a ring.
     */
    public static Optional<SigningKeyRing> parseStored(String json) {
        return json == null || EMPTY.matcher(json).matches() ? Optional.empty() : Optional.of(parse(json));
    }

    public static SigningKeyRing parse(String json) {
        Matcher current = CURRENT.matcher(json);
        if (!current.find()) {
            throw new IllegalArgumentException("the signing key ring has no current key");
        }
        SigningKey now = key(current.group(1), true);
        List<SigningKey> previous = new ArrayList<>();
        Matcher older = PREVIOUS.matcher(json);
        if (older.find()) {
            Matcher each = OBJECT.matcher(older.group(1));
            while (each.find()) {
                previous.add(key(each.group(), false));
            }
        }
        return new SigningKeyRing(now, previous);
    }

    static String jwk(SigningKey key, boolean withPrivate) {
        StringBuilder jwk = new StringBuilder("{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"")
                .append(key.kid()).append("\",\"x\":\"").append(B64.encodeToString(Es256.coordinate(key.publicKey().getW().getAffineX())))
                .append("\",\"y\":\"").append(B64.encodeToString(Es256.coordinate(key.publicKey().getW().getAffineY()))).append('"');
        if (withPrivate && key.privateKey() != null) {
            jwk.append(",\"d\":\"").append(B64.encodeToString(Es256.coordinate(key.privateKey().getS()))).append('"');
        }
        return jwk.append('}').toString();
    }

    static SigningKey key(String jwk, boolean needPrivate) {
        String kid = field(jwk, "kid");
        try {
            var publicKey = Es256.publicKey(D64.decode(field(jwk, "x")), D64.decode(field(jwk, "y")));
            String d = optionalField(jwk, "d");
            if (needPrivate && d == null) {
                throw new IllegalArgumentException("the current signing key " + kid + " has no private part");
            }
            return new SigningKey(kid, publicKey, d == null ? null : Es256.privateKey(D64.decode(d)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("signing key " + kid + " is not a P-256 key", e);
        }
    }

    static String field(String json, String name) {
        String value = optionalField(json, name);
        if (value == null) {
            throw new IllegalArgumentException("a key lacks \"" + name + "\"");
        }
        return value;
    }

    static String optionalField(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public String toString() {
        return "SigningKeyRing[current=" + current.kid() + ", previous=" + previous.stream().map(SigningKey::kid).toList() + "]";
    }
}
