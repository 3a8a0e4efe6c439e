package dev.latchkey.usecase;

import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.token.ParsedToken;
import dev.latchkey.token.TokenFormat;
import dev.latchkey.token.direct.DirectAccessTokens;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Recognises a presented value without touching the table: a standard value by shape and checksum, a direct-access
 * value by its ES256 signature under one of the published keys and by its {@code iss} and {@code aud} (this
 * deployment's). Anything else is MALFORMED. Validate, bearer authentication and leak reports all recognise values here.
 */
@Singleton
class TokenValues {

    private final TokenFormat format;
    private final SigningKeys keys;
    private final LatchkeyConfiguration config;

    public TokenValues(TokenFormat format, SigningKeys keys, LatchkeyConfiguration config) {
        this.format = format;
        this.keys = keys;
        this.config = config;
    }

    public Optional<ParsedToken> parse(String value) {
        Optional<ParsedToken> standard = format.parse(value);
        if (standard.isPresent() || !DirectAccessTokens.looksLikeJws(value)) {
            return standard;
        }
        return DirectAccessTokens.verify(value, keys::verificationKey, config.getDirectAccessIssuer(), config.getDirectAccessAudience())
                .map(claims -> ParsedToken.verifiedDirectAccess(value, claims.scope()));
    }

    public String shortToken(String value) {
        return DirectAccessTokens.looksLikeJws(value) ? "jwt..." + value.substring(value.length() - 4) : format.shortToken(value);
    }
}
