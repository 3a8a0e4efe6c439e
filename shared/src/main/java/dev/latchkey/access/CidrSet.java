package dev.latchkey.access;

import dev.latchkey.error.FieldError;
import dev.latchkey.error.LatchkeyException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The networks a token may be used from (its {@code allowedCidrs}): empty means unbound, usable from anywhere.
 * Entries are normalised on the way in, so that what is stored and shown is one canonical text per network:
 * <ul>
 *   <li>a bare address is a host network ({@code /32} or {@code /128});</li>
 *   <li>a network with host bits set ({@code 10.0.0.1/8}) is refused, not silently widened or narrowed: the error
 *   names the network it probably meant;</li>
 *   <li>IPv4-mapped IPv6 networks of prefix 96 or more ({@code ::ffff:10.0.0.0/104}) are written as IPv4
 *   ({@code 10.0.0.0/8});</li>
 *   <li>duplicates collapse, and entries sort IPv4 first, then by address and prefix.</li>
 * </ul>
 * {@code 0.0.0.0/0} and {@code ::/0} are ordinary entries: they exist only when written, never as a default.
 */
public final class CidrSet {

    public static final int MAX_ENTRIES = 50;
    public static final CidrSet UNBOUND = new CidrSet(List.of());

    /** One network: an address with no bits set after {@code prefix}. */
    private record Cidr(IpAddress network, int prefix) implements Comparable<Cidr> {
        boolean contains(IpAddress address) {
            return network.samePrefix(address, prefix);
        }

        @Override
        public int compareTo(Cidr o) {
            int byNetwork = network.compareTo(o.network);
            return byNetwork != 0 ? byNetwork : Integer.compare(prefix, o.prefix);
        }

        @Override
        public String toString() {
            return network + "/" + prefix;
        }
    }

    private final List<Cidr> entries;

    private CidrSet(List<Cidr> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads a client's list; {@code null} or empty is {@link #UNBOUND}. Every entry must be a string.
     *
     * @param field the JSON field name, for the field errors ({@code field[3]})
     * @throws LatchkeyException INVALID_INPUT with one field error per bad entry, or one for more than
     *                           {@value #MAX_ENTRIES} entries
     */
    public static CidrSet parse(String field, List<?> input) {
        if (input == null || input.isEmpty()) {
            return UNBOUND;
        }
        if (input.size() > MAX_ENTRIES) {
            throw LatchkeyException.invalid(field, "TOO_MANY", field + " holds at most " + MAX_ENTRIES + " entries");
        }
        List<FieldError> errors = new ArrayList<>();
        TreeSet<Cidr> cidrs = new TreeSet<>();
        for (int i = 0; i < input.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(input.get(i) instanceof String text)) {
                errors.add(new FieldError(at, "INVALID_CIDR", at + " must be a string such as 203.0.113.0/24 or 2001:db8::/32"));
                continue;
            }
            try {
                cidrs.add(cidr(at, text));
            } catch (LatchkeyException e) {
                errors.addAll(e.fieldErrors());
            }
        }
        if (!errors.isEmpty()) {
            throw LatchkeyException.invalid(errors);
        }
        return new CidrSet(new ArrayList<>(cidrs));
    }

    /** The stored, already canonical entries of a token: read back as written. */
    public static CidrSet stored(List<String> canonical) {
        return parse("allowedCidrs", canonical);
    }

    /**
     * A source address as a client sends it ({@code sourceIp}): a literal address only.
     *
     * @throws LatchkeyException INVALID_INPUT naming {@code field}
     */
    public static IpAddress address(String field, String text) {
        return IpAddress.parse(text).orElseThrow(() -> LatchkeyException.invalid(field, "INVALID_IP",
                field + " must be an IPv4 or IPv6 address literal (no hostname, port, zone id or whitespace)"));
    }

    public boolean bound() {
        return !entries.isEmpty();
    }

    /**
     * Whether {@code source} may use the token: always when unbound; otherwise when an entry contains it. An
     * IPv4-mapped source ({@code ::ffff:a.b.c.d}) is the IPv4 client it stands for, so IPv4 entries match it.
     */
    public boolean allows(IpAddress source) {
        if (!bound()) {
            return true;
        }
        if (source == null) {
            return false;
        }
        IpAddress v4 = source.unmapped();
        return entries.stream().anyMatch(c -> c.contains(source) || c.contains(v4));
    }

    /** The canonical text of each entry, in order. */
    public List<String> cidrs() {
        return entries.stream().map(Cidr::toString).toList();
    }

    private static Cidr cidr(String field, String text) {
        String[] parts = text.split("/", 2);
        Optional<IpAddress> parsed = IpAddress.parse(parts[0]);
        if (parsed.isEmpty()) {
            throw LatchkeyException.invalid(field, "INVALID_CIDR", field + " must be an IPv4 or IPv6 address or network "
                    + "such as 203.0.113.0/24 or 2001:db8::/32 (no hostname, zone id or whitespace)");
        }
        IpAddress address = parsed.get();
        int prefix = address.bitLength();
        if (parts.length == 2) {
            String digits = parts[1];
            boolean number = !digits.isEmpty() && digits.length() <= 3 && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    && (digits.length() == 1 || digits.charAt(0) != '0');
            prefix = number ? Integer.parseInt(digits) : -1;
            if (prefix < 0 || prefix > address.bitLength()) {
                throw LatchkeyException.invalid(field, "INVALID_CIDR",
                        field + " has a prefix length that is not 0-" + address.bitLength());
            }
        }
        if (address.hasBitsAfter(prefix)) {
            throw LatchkeyException.invalid(field, "HOST_BITS_SET", field + " has bits set after its /" + prefix
                    + " prefix: write the network, " + address.masked(prefix) + "/" + prefix);
        }
        if (address.isIpv4Mapped() && prefix >= 96) {
            return new Cidr(address.unmapped(), prefix - 96);
        }
        return new Cidr(address, prefix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrSet other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", cidrs());
    }
}
