package dev.latchkey.usecase;

import dev.latchkey.domain.ApiToken;

/** A token together with its value: returned by create and rotate only, the one time the value is shown. */
public record IssuedToken(ApiToken token, String value) {

    @Override
    public String toString() {
        return "IssuedToken[token=" + token.id() + ", value=<redacted>]";
    }
}
