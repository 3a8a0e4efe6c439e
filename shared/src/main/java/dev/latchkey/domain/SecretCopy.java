package dev.latchkey.domain;

/** Where a token's Secrets Manager copy lives. Only its coordinates are stored; the value lives in the secret. */
public record SecretCopy(String secretName, String secretArn) {
}
