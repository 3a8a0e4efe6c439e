package dev.latchkey.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address read from its literal text only: nothing here resolves a name, so a hostname is simply not
 * an address (no DNS lookup can be triggered by client input). Accepted: dotted-quad IPv4 without leading zeros
 * ({@code 010.0.0.1} is refused, since other parsers read it as octal), and RFC 4291 IPv6 text, with {@code ::} and a
 * trailing dotted quad. Refused: zone ids ({@code fe80::1%eth0}), brackets, whitespace, and every shorthand such as
 * {@code 10.1} or {@code 0x7f.0.0.1}. {@link #toString()} is the canonical text (RFC 5952 for IPv6).
 */
public final class IpAddress implements Comparable<IpAddress> {

    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The address {@code text} spells, or empty when it is not exactly an address literal. */
    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        byte[] parsed = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
        return parsed == null ? Optional.empty() : Optional.of(new IpAddress(parsed));
    }

    public boolean isIpv4() {
        return bytes.length == 4;
    }

    /** {@code ::ffff:a.b.c.d}: an IPv4 client as seen by a dual-stack listener. */
    public boolean isIpv4Mapped() {
        return bytes.length == 16 && Arrays.equals(bytes, 0, 12, MAPPED_PREFIX, 0, 12);
    }

    /** The IPv4 address inside an IPv4-mapped one; this address otherwise. */
    public IpAddress unmapped() {
        return isIpv4Mapped() ? new IpAddress(Arrays.copyOfRange(bytes, 12, 16)) : this;
    }

    int bitLength() {
        return bytes.length * 8;
    }

    /** Whether the first {@code prefix} bits equal {@code other}'s (same family only). */
    boolean samePrefix(IpAddress other, int prefix) {
        if (other.bytes.length != bytes.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit += 8) {
            int mask = (0xff << (8 - Math.min(8, prefix - bit))) & 0xff;
            if (((bytes[bit / 8] ^ other.bytes[bit / 8]) & mask) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether any bit after the first {@code prefix} is set. */
    boolean hasBitsAfter(int prefix) {
        for (int bit = prefix; bit < bitLength(); bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return true;
            }
        }
        return false;
    }

    /** This address with every bit after the first {@code prefix} cleared (for error messages). */
    IpAddress masked(int prefix) {
        byte[] out = bytes.clone();
        for (int bit = prefix; bit < bitLength(); bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new IpAddress(out);
    }

    @Override
    public int compareTo(IpAddress o) {
        int byFamily = Integer.compare(bytes.length, o.bytes.length);
        return byFamily != 0 ? byFamily : Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        if (isIpv4()) {
            return dotted(bytes, 0);
        }
        if (isIpv4Mapped()) {
            return "::ffff:" + dotted(bytes, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static String dotted(byte[] b, int from) {
        return (b[from] & 0xff) + "." + (b[from + 1] & 0xff) + "." + (b[from + 2] & 0xff) + "." + (b[from + 3] & 0xff);
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(p);
            if (value > 255) {
                return null;
            }
            out[i] = (byte) value;
        }
        return out;
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (text.lastIndexOf("::") != gap) {
            return null;
        }
        // With "::" the groups after it are the last ones and at least one group is elided; without, all 8 are written.
        boolean elided = gap != -1;
        int[] headGroups = groups(elided ? text.substring(0, gap) : text, !elided);
        int[] tailGroups = elided ? groups(text.substring(gap + 2), true) : new int[0];
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int count = headGroups.length + tailGroups.length;
        if (elided ? count > 7 : count != 8) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            out[2 * i] = (byte) (headGroups[i] >> 8);
            out[2 * i + 1] = (byte) headGroups[i];
        }
        for (int i = 0; i < tailGroups.length; i++) {
            int at = 8 - tailGroups.length + i;
            out[2 * at] = (byte) (tailGroups[i] >> 8);
            out[2 * at + 1] = (byte) tailGroups[i];
        }
        return out;
    }

    /**
     * The 16-bit groups of one side of {@code ::} (an empty side has none); {@code last} lets the final part be a
     * dotted quad, which counts as two groups.
     */
    private static int[] groups(String side, boolean last) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (last && i == parts.length - 1 && p.contains(".")) {
                byte[] v4 = ipv4(p);
                if (v4 == null) {
                    return null;
                }
                out[n++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[n++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(IpAddress::isHex)) {
                return null;
            }
            out[n++] = Integer.parseInt(p, 16);
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
