package dev.latchkey.domain;

/** {@code DIRECT_ACCESS} tokens (signed, verifiable offline) are declared here and refused until they are built. */
public enum TokenKind {
    STANDARD, DIRECT_ACCESS
}
