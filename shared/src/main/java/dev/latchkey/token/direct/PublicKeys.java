package dev.latchkey.token.direct;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys that verify direct-access tokens, public parts only, as a JSON Web Key Set ({@code {"keys":[...]}}): what
 * {@code GET /v1/.well-known/jwks.json} serves and what the public-key secret holds. {@code {}} (the secret as the
 * template creates it, before the first direct-access token) is the empty set.
 */
public record PublicKeys(List<SigningKey> keys) {

    private static final Pattern KEYS = Pattern.compile("\"keys\"\\s*:\\s*\\[(.*?)]", Pattern.DOTALL);
    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*}");
    private static final Pattern EMPTY = Pattern.compile("\\s*(\\{\\s*})?\\s*");

    public PublicKeys {
        // Only public parts, whatever was passed in: nothing built from this set can leak a private key.
        keys = keys.stream().map(k -> k.privateKey() == null ? k : new SigningKey(k.kid(), k.publicKey(), null)).toList();
    }

    public static PublicKeys none() {
        return new PublicKeys(List.of());
    }

    /** A JWKS, or {@code {}} / nothing for no keys; anything else that is not a JWKS of P-256 keys is refused. */
    public static PublicKeys parse(String json) {
        if (json == null || EMPTY.matcher(json).matches()) {
            return none();
        }
        Matcher list = KEYS.matcher(json);
        if (!list.find()) {
            throw new IllegalArgumentException("not a JSON Web Key Set: no \"keys\"");
        }
        List<SigningKey> keys = new ArrayList<>();
        Matcher each = OBJECT.matcher(list.group(1));
        while (each.find()) {
            keys.add(SigningKeyRing.key(each.group(), false));
        }
        return new PublicKeys(keys);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public Optional<SigningKey> find(String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    public Set<String> kids() {
        Set<String> kids = new LinkedHashSet<>();
        keys.forEach(k -> kids.add(k.kid()));
        return kids;
    }

    /** These keys, then those of {@code other} whose kid is not among them (a publication never drops a key). */
    public PublicKeys plus(PublicKeys other) {
        List<SigningKey> all = new ArrayList<>(keys);
        Set<String> kids = kids();
        other.keys.stream().filter(k -> !kids.contains(k.kid())).forEach(all::add);
        return new PublicKeys(all);
    }

    public String toJwks() {
        StringBuilder json = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.size(); i++) {
            json.append(i == 0 ? "" : ",").append(SigningKeyRing.jwk(keys.get(i), false));
        }
        return json.append("]}").toString();
    }

    @Override
    public String toString() {
        return "PublicKeys" + kids();
    }
}
