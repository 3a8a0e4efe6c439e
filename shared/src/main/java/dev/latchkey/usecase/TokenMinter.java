package dev.latchkey.usecase;

import dev.latchkey.domain.Scope;
import dev.latchkey.token.PepperRing;
import dev.latchkey.token.TokenFormat;
import dev.latchkey.token.TokenHasher;
import dev.latchkey.token.TokenIds;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Makes new values and ids. A fresh {@link SecureRandom} per request: nothing random lives in a field, so a SnapStart
 * snapshot restored twice still hands out different values.
 */
@Singleton
public class TokenMinter {

    /** A value, the key of its hash item and what may be shown of it later. */
    public record Minted(String value, String hashKey, String shortToken) {
        @Override
        public String toString() {
            return "Minted[hashKey=" + hashKey + ", value=<redacted>]";
        }
    }

    private final TokenFormat format;
    private final PepperRing peppers;

    public TokenMinter(TokenFormat format, PepperRing peppers) {
        this.format = format;
        this.peppers = peppers;
    }

    public Minted mint(Scope scope) {
        String value = format.mint(scope, new SecureRandom());
        return new Minted(value, TokenHasher.hashKey(peppers.current(), value), format.shortToken(value));
    }

    public String newTokenId(Instant now) {
        return TokenIds.newId(now, new SecureRandom());
    }
}
