package dev.latchkey.usecase;

/** "Keep a Secrets Manager copy", optionally under a chosen name (default {@code latchkey/<org>/<tokenId>}). */
public record SecretCopyRequest(String secretName) {
}
