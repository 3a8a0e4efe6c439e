package dev.latchkey.access;

import dev.latchkey.error.FieldError;
import dev.latchkey.error.LatchkeyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parsing, normalisation and matching of a token's {@code allowedCidrs} and of a validate {@code sourceIp}. */
class CidrSetTest {

    static CidrSet set(String... cidrs) {
        return CidrSet.parse("allowedCidrs", Arrays.asList(cidrs));
    }

    static IpAddress ip(String text) {
        return IpAddress.parse(text).orElseThrow(() -> new AssertionError("not an address: " + text));
    }

    static List<FieldError> refusal(List<?> input) {
        return assertThrows(LatchkeyException.class, () -> CidrSet.parse("allowedCidrs", input)).fieldErrors();
    }

    // ---- normalisation -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "203.0.113.0/24, 203.0.113.0/24",
            "203.0.113.7, 203.0.113.7/32",
            "203.0.113.7/32, 203.0.113.7/32",
            "0.0.0.0/0, 0.0.0.0/0",
            "0.0.0.0, 0.0.0.0/32",
            "::/0, ::/0",
            "::, ::/128",
            "::1, ::1/128",
            "2001:DB8::/32, 2001:db8::/32",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1/128",
            "2001:db8:0:0:1:0:0:1/128, 2001:db8::1:0:0:1/128",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1/128",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3/128",
            "fe80::/10, fe80::/10",
            "1::, 1::/128",
            "::ffff:203.0.113.7, 203.0.113.7/32",
            "::ffff:203.0.113.0/120, 203.0.113.0/24",
            "::ffff:0:0/96, 0.0.0.0/0",
            "::ffff:cb00:7100/120, 203.0.113.0/24",
            "64:ff9b::203.0.113.7, 64:ff9b::cb00:7107/128",
            "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0/128",
            "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8/128",
            "a0f9:A0F9:b:c:d:e:B:C, a0f9:a0f9:b:c:d:e:b:c/128",
            "0000:0000:0000:0000:0000:ffff:255.255.255.255, 255.255.255.255/32",
    })
    void entriesAreWrittenInCanonicalForm(String input, String canonical) {
        assertEquals(List.of(canonical), set(input).cidrs());
    }

    @Test
    void duplicatesCollapseAndEntriesSortIpv4FirstThenByAddressAndPrefix() {
        CidrSet s = set("2001:db8::/32", "10.0.0.0/8", "192.0.2.1", "10.0.0.0/16", "10.0.0.0/8", "::ffff:192.0.2.1",
                "2001:DB8::/32", "9.0.0.0/8");
        assertEquals(List.of("9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "192.0.2.1/32", "2001:db8::/32"), s.cidrs());
        assertEquals(s, set(s.cidrs().toArray(String[]::new)), "the canonical list reads back as itself");
        assertEquals(s, CidrSet.stored(s.cidrs()));
    }

    @Test
    void nullAndEmptyAreUnboundAndAllowEverySourceIncludingNone() {
        assertEquals(CidrSet.UNBOUND, CidrSet.parse("allowedCidrs", null));
        assertEquals(CidrSet.UNBOUND, set());
        assertFalse(CidrSet.UNBOUND.bound());
        assertTrue(CidrSet.UNBOUND.allows(ip("198.51.100.1")));
        assertTrue(CidrSet.UNBOUND.allows(null));
        assertEquals(List.of(), CidrSet.UNBOUND.cidrs());
    }

    // ---- matching ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "203.0.113.0/24, 203.0.113.0, true",
            "203.0.113.0/24, 203.0.113.255, true",
            "203.0.113.0/24, 203.0.114.0, false",
            "203.0.113.0/24, 203.0.112.255, false",
            "203.0.113.7/32, 203.0.113.7, true",
            "203.0.113.7/32, 203.0.113.6, false",
            "203.0.113.7/32, 203.0.113.8, false",
            "10.0.0.0/9, 10.127.255.255, true",
            "10.0.0.0/9, 10.128.0.0, false",
            "0.0.0.0/0, 198.51.100.1, true",
            "0.0.0.0/0, 2001:db8::1, false",
            "::/0, 2001:db8::1, true",
            "::/0, 198.51.100.1, false",
            "2001:db8::/32, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
            "2001:db8::/32, 2001:db9::, false",
            "2001:db8::1/128, 2001:db8::1, true",
            "2001:db8::1/128, 2001:db8::2, false",
            "2001:db8::/127, 2001:db8::1, true",
            "2001:db8::/127, 2001:db8::2, false",
            // An IPv4-mapped source is the IPv4 client it stands for.
            "203.0.113.0/24, ::ffff:203.0.113.9, true",
            "203.0.113.0/24, ::ffff:cb00:7109, true",
            "203.0.113.0/24, ::ffff:198.51.100.1, false",
            "::ffff:203.0.113.0/120, 203.0.113.9, true",
            "::/0, ::ffff:203.0.113.9, true",
            // An IPv4-compatible or NAT64 address is not an IPv4 client.
            "203.0.113.0/24, ::203.0.113.9, false",
            "203.0.113.0/24, 64:ff9b::203.0.113.9, false",
    })
    void aSourceIsAllowedWhenAnEntryContainsIt(String cidr, String source, boolean allowed) {
        assertEquals(allowed, set(cidr).allows(ip(source)));
    }

    @Test
    void aBoundSetRefusesAnUnknownSource() {
        assertFalse(set("0.0.0.0/0", "::/0").allows(null), "fail closed: no source address, no use of a bound token");
    }

    @Test
    void anyEntryOfSeveralMayAllow() {
        CidrSet s = set("198.51.100.0/24", "2001:db8::/48");
        assertTrue(s.allows(ip("198.51.100.20")));
        assertTrue(s.allows(ip("2001:db8:0:1::5")));
        assertFalse(s.allows(ip("2001:db8:1::5")));
        assertFalse(s.allows(ip("192.0.2.1")));
    }

    // ---- refusals ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "203.0.113.0/24 ", " 203.0.113.0/24", "203.0.113.0 /24", "203.0.113.0/ 24", "203.0.113.0/24\n",
            "203.0.113.0/33", "203.0.113.0/-1", "203.0.113.0/", "203.0.113.0/024", "203.0.113.0/00", "203.0.113.0/1a",
            "203.0.113.0/24/24", "203.0.113.0/8.0", "::/129", "2001:db8::/1280", "::/0128",
            "010.0.0.0/8", "10.00.0.0/16", "203.0.113.07", "0x7f.0.0.1", "256.0.0.0/8", "10.1", "10.1.2", "10.1.2.3.4",
            "1.2.3.4.", ".1.2.3.4", "1..2.3", "localhost", "example.com", "example.com/24", "metadata.google.internal",
            "fe80::1%eth0", "fe80::%eth0/64", "fe80::1%25eth0", "[2001:db8::1]", "[::1]/128",
            "2001:db8:::1", "2001:db8::1::2", ":::", ":1::", "1::2:", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
            "g::", "1:2:3:4:5:6:7::8", "::1.2.3", "::1.2.3.4.5", "::256.0.0.1", "1.2.3.4::", "::1.2.3.4:5",
            "203.0.113.0\u200b/24", "２０３.0.113.0", "10.0.0.0/８",
    })
    void anythingButAnAddressOrNetworkLiteralIsRefused(String input) {
        List<FieldError> errors = refusal(List.of(input));
        assertEquals(1, errors.size());
        assertEquals("allowedCidrs[0]", errors.get(0).field());
        assertEquals("INVALID_CIDR", errors.get(0).code());
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.1/8, 10.0.0.0/8",
            "203.0.113.7/24, 203.0.113.0/24",
            "0.0.0.1/0, 0.0.0.0/0",
            "203.0.113.77/26, 203.0.113.64/26",
            "2001:db8::ffff/113, 2001:db8::8000/113",
            "2001:db8::1/32, 2001:db8::/32",
            "::1/0, ::/0",
    })
    void aNetworkWithHostBitsSetIsRefusedNamingTheNetworkItProbablyMeant(String input, String meant) {
        List<FieldError> errors = refusal(List.of(input));
        assertEquals("HOST_BITS_SET", errors.get(0).code());
        assertTrue(errors.get(0).message().contains(meant), errors.get(0).message());
    }

    @Test
    void addressesAndSetsAreEqualByValue() {
        assertEquals(ip("2001:db8::1"), ip("2001:DB8:0:0:0:0:0:1"));
        assertEquals(ip("2001:db8::1").hashCode(), ip("2001:DB8:0:0:0:0:0:1").hashCode());
        assertFalse(ip("203.0.113.1").equals(ip("203.0.113.2")));
        assertFalse(ip("0.0.0.0").equals(ip("::")), "another family is another address");
        assertFalse(ip("203.0.113.1").equals("203.0.113.1"));
        assertFalse(ip("203.0.113.1").hashCode() == ip("203.0.113.2").hashCode());
        assertEquals(set("10.0.0.0/8", "::/0"), set("::/0", "10.0.0.0/8"));
        assertEquals(set("10.0.0.0/8").hashCode(), set("10.0.0.0/8").hashCode());
        assertFalse(set("10.0.0.0/8").equals(set("10.0.0.0/9")));
        assertFalse(set("10.0.0.0/8").equals(List.of("10.0.0.0/8")));
        assertFalse(set("10.0.0.0/8").hashCode() == set("11.0.0.0/8").hashCode());
        assertEquals("10.0.0.0/8,::/0", set("::/0", "10.0.0.0/8").toString());
    }

    @Test
    void everyBadEntryGetsItsOwnFieldErrorByIndex() {
        List<Object> input = new ArrayList<>(List.of("10.0.0.0/8", "nope", "192.0.2.0/24", "10.0.0.1/8"));
        input.add(null);
        input.add(42);
        List<FieldError> errors = refusal(input);
        assertEquals(List.of("allowedCidrs[1]", "allowedCidrs[3]", "allowedCidrs[4]", "allowedCidrs[5]"),
                errors.stream().map(FieldError::field).toList());
        assertEquals(List.of("INVALID_CIDR", "HOST_BITS_SET", "INVALID_CIDR", "INVALID_CIDR"),
                errors.stream().map(FieldError::code).toList());
    }

    @Test
    void fiftyEntriesAreAcceptedAndFiftyOneRefused() {
        List<String> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add("10.0." + i + ".0/24");
        }
        assertEquals(50, CidrSet.parse("allowedCidrs", fifty).cidrs().size());
        fifty.add("10.0.50.0/24");
        List<FieldError> errors = refusal(fifty);
        assertEquals(List.of(new FieldError("allowedCidrs", "TOO_MANY", "allowedCidrs holds at most 50 entries")), errors);
        List<String> duplicates = new ArrayList<>(java.util.Collections.nCopies(51, "10.0.0.0/8"));
        assertEquals("TOO_MANY", refusal(duplicates).get(0).code(), "the limit counts entries as sent");
    }

    // ---- source addresses ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "203.0.113.9, 203.0.113.9",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "2001:DB8::A, 2001:db8::a",
            "::ffff:203.0.113.9, ::ffff:203.0.113.9",
            "::FFFF:CB00:7109, ::ffff:203.0.113.9",
            "::, ::",
            "0:0:0:0:0:0:0:1, ::1",
    })
    void aSourceAddressIsReadAsALiteral(String input, String canonical) {
        assertEquals(canonical, CidrSet.address("sourceIp", input).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 203.0.113.9", "203.0.113.9 ", "203.0.113.9/32", "203.0.113.9:443", "localhost", "example.com",
            "fe80::1%eth0", "[::1]", "010.0.0.1", "1.2.3", "::g"})
    void aSourceAddressThatIsNotALiteralIs400(String input) {
        LatchkeyException e = assertThrows(LatchkeyException.class, () -> CidrSet.address("sourceIp", input));
        assertEquals(LatchkeyException.Kind.INVALID_INPUT, e.kind());
        assertEquals("sourceIp", e.fieldErrors().get(0).field());
        assertEquals("INVALID_IP", e.fieldErrors().get(0).code());
    }

    @Test
    void noTextResolvesANameEvenWhenItLooksLikeOne() {
        // A hostname is refused by the grammar before anything could look it up: this returns at once, offline.
        assertTrue(IpAddress.parse("localhost").isEmpty());
        assertTrue(IpAddress.parse("a.b.c.d").isEmpty());
        assertTrue(IpAddress.parse("1.2.3.4.nip.io").isEmpty());
        assertTrue(IpAddress.parse("x".repeat(10_000)).isEmpty());
    }
}
