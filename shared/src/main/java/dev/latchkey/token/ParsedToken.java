package dev.latchkey.token;

import dev.latchkey.domain.Scope;

/**
 * A presented value whose shape and checksum are right. Holding one says nothing about whether the token exists.
 * {@link #toString()} is deliberately free of the value so that it can never reach a log by accident.
 */
public final class ParsedToken {

    private final String value;
    private final Scope scope;

    ParsedToken(String value, Scope scope) {
        this.value = value;
        this.scope = scope;
    }

    /** A direct-access value whose signature the caller has already checked (its scope comes from its claims). */
    public static ParsedToken verifiedDirectAccess(String value, Scope scope) {
        return new ParsedToken(value, scope);
    }

    /** The full value, for hashing only. */
    public String value() {
        return value;
    }

    public Scope scope() {
        return scope;
    }

    @Override
    public String toString() {
        return "ParsedToken[scope=" + scope + ", value=<redacted>]";
    }
}
