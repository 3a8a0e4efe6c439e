package dev.latchkey.token;

import dev.latchkey.domain.Scope;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Token values in GitHub's style: {@code <prefix><scope letter>_<43 base62 random chars><6 base62 CRC32 chars>}.
 * 43 base62 characters carry 256.03 bits. The checksum lets {@link #parse} turn away typos and lookalikes without a
 * database read. Randomness is drawn per call from the {@link SecureRandom} given, never held from class init, so a
 * SnapStart snapshot cannot replay it.
 */
public final class TokenFormat {

    static final int RANDOM_LENGTH = 43;
    static final int CHECKSUM_LENGTH = 6;
    private static final int MAX_PREFIX_LENGTH = 16;

    private final String prefix;
    private final int valueLength;

    public TokenFormat(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.length() > MAX_PREFIX_LENGTH || !prefix.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            throw new IllegalArgumentException("token prefix must be 1-" + MAX_PREFIX_LENGTH + " lowercase letters");
        }
        this.prefix = prefix;
        this.valueLength = prefix.length() + 2 + RANDOM_LENGTH + CHECKSUM_LENGTH;
    }

    public String prefix() {
        return prefix;
    }

    /** Mints a new value for a token of the given scope. */
    public String mint(Scope scope, SecureRandom random) {
        StringBuilder value = new StringBuilder(valueLength).append(prefix).append(scope.letter()).append('_');
        int randomStart = value.length();
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            value.append(Base62.ALPHABET.charAt(random.nextInt(62)));
        }
        value.append(checksum(value, randomStart));
        return value.toString();
    }

    /** Checks shape and checksum only; no I/O. Empty for anything that is not a well-formed value of this deployment. */
    public Optional<ParsedToken> parse(String candidate) {
        if (candidate == null || candidate.length() != valueLength || !candidate.startsWith(prefix)) {
            return Optional.empty();
        }
        Optional<Scope> scope = Scope.ofLetter(candidate.charAt(prefix.length()));
        if (scope.isEmpty() || candidate.charAt(prefix.length() + 1) != '_') {
            return Optional.empty();
        }
        int randomStart = prefix.length() + 2;
        for (int i = randomStart; i < valueLength; i++) {
            if (!Base62.isBase62(candidate.charAt(i))) {
                return Optional.empty();
            }
        }
        String expected = checksum(candidate.subSequence(0, randomStart + RANDOM_LENGTH), randomStart);
        if (!candidate.regionMatches(randomStart + RANDOM_LENGTH, expected, 0, CHECKSUM_LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(new ParsedToken(candidate, scope.get()));
    }

    /** What may be shown of a value after creation: its prefix and its last four characters. */
    public String shortToken(String value) {
        return value.substring(0, prefix.length() + 2) + "..." + value.substring(value.length() - 4);
    }

    private static String checksum(CharSequence value, int randomStart) {
        CRC32 crc = new CRC32();
        for (int i = randomStart; i < randomStart + RANDOM_LENGTH; i++) {
            crc.update(value.charAt(i));
        }
        return Base62.encodeFixed(crc.getValue(), CHECKSUM_LENGTH);
    }
}
