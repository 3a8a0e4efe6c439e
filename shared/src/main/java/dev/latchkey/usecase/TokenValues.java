package dev.latchkey.usecase;

import dev.latchkey.token.ParsedToken;
import dev.latchkey.token.TokenFormat;
import dev.latchkey.token.direct.DirectAccessTokens;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Recognises a presented value without touching the table: a standard value by shape and checksum, a direct-access
 * value by its ES256 signature under one of the signing keys. Anything else is MALFORMED.
 */
@Singleton
public class TokenValues {

    private final TokenFormat format;
    private final SigningKeys keys;

    public TokenValues(TokenFormat format, SigningKeys keys) {
        this.format = format;
        this.keys = keys;
    }

    public Optional<ParsedToken> parse(String value) {
        Optional<ParsedToken> standard = format.parse(value);
        if (standard.isPresent() || !DirectAccessTokens.looksLikeJws(value)) {
            return standard;
        }
        return keys.ring().flatMap(ring -> DirectAccessTokens.verify(value, ring::find))
                .map(claims -> ParsedToken.verifiedDirectAccess(value, claims.scope()));
    }

    public String shortToken(String value) {
        return DirectAccessTokens.looksLikeJws(value) ? "jwt..." + value.substring(value.length() - 4) : format.shortToken(value);
    }
}
