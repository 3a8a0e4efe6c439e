package dev.latchkey.token.direct;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/** One ES256 key; {@code privateKey} is null for a previous key kept only so older tokens still verify. */
public record SigningKey(String kid, ECPublicKey publicKey, ECPrivateKey privateKey) {

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + (privateKey == null ? "" : ", private=<redacted>") + "]";
    }
}
