package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The addresses every lab is made of: each is written in its one canonical form (RFC 5952 for
 * IPv6) and read back as itself from any spelling a user may type; prefixes contain, overlap and
 * translate consistently; and only ASCII is read as a number.
 */
class AddressPropertiesTest {

    @Property
    void ipv4IsWrittenAsFourNumbersAndReadBack(@ForAll int bits) {
        Ipv4Address address = new Ipv4Address(bits);
        String text = address.toString();
        assertTrue(text.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}"), text);
        assertEquals(address, Ipv4Address.parse(text));
        assertEquals(address, IpAddress.parse(text));
    }

    @Provide
    Arbitrary<Ipv6Address> ipv6() {
        // groups that are often zero, so runs of zeros of every length and place occur
        Arbitrary<Long> group = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 0xffff)));
        return group.list().ofSize(8).map(g -> {
            long high = 0;
            long low = 0;
            for (int i = 0; i < 4; i++) {
                high = high << 16 | g.get(i);
                low = low << 16 | g.get(i + 4);
            }
            return new Ipv6Address(high, low);
        });
    }

    @Property
    void ipv6IsWrittenAsRfc5952SaysAndReadBackFromAnySpelling(@ForAll("ipv6") Ipv6Address address) {
        String text = address.toString();
        assertEquals(address, Ipv6Address.parse(text));
        assertEquals(text.toLowerCase(Locale.ROOT), text, "lowercase");
        assertFalse(text.matches(".*(^|:)0[0-9a-f].*"), "no leading zeros: " + text);
        assertTrue(text.indexOf("::") == text.lastIndexOf("::"), "'::' at most once: " + text);
        int longest = longestZeroRun(address);
        assertEquals(longest >= 2, text.contains("::"), "'::' exactly when two or more groups are zero: " + text);
        if (longest >= 2) {
            // the longest run, the first of equals: what is left of '::' holds no longer or equal run
            String left = text.substring(0, text.indexOf("::"));
            assertFalse(left.contains(":0:".repeat(1)) && zeroRunIn(left) >= longest, text);
        }
        StringBuilder full = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            full.append(i == 0 ? "" : ":").append(String.format(Locale.ROOT, "%04X", address.group(i)));
        }
        assertEquals(address, Ipv6Address.parse(full.toString()), "uppercase, leading zeros, nothing compressed");
        assertEquals(text, Ipv6Address.parse(full.toString()).toString());
    }

    @Property
    void aMacIsWrittenWithColonsAndReadFromEitherSeparator(@ForAll @net.jqwik.api.constraints.LongRange(max = 0xffff_ffff_ffffL) long bits) {
        MacAddress mac = new MacAddress(bits);
        String text = mac.toString();
        assertTrue(text.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}"), text);
        assertEquals(mac, MacAddress.parse(text));
        assertEquals(mac, MacAddress.parse(text.toUpperCase(Locale.ROOT).replace(':', '-')));
        assertEquals((bits >>> 40 & 1) == 1, mac.isMulticast(), "the I/G bit of the first octet");
    }

    @Property
    void aPrefixContainsItsHostsAndTranslatesThemOneToOne(@ForAll int bits, @ForAll int otherBits, @ForAll @IntRange(min = 8, max = 30) int length,
                                                         @ForAll @IntRange(min = 0, max = 3) int host) {
        IpPrefix from = IpPrefix.containing(new Ipv4Address(bits), length);
        IpPrefix to = IpPrefix.containing(new Ipv4Address(otherBits), length);
        assertEquals(from, IpPrefix.parse(from.toString()));
        assertTrue(from.contains(new Ipv4Address(bits)));
        IpAddress address = from.host(host);
        assertTrue(from.contains(address));
        IpAddress moved = from.translate(address, to);
        assertTrue(to.contains(moved));
        assertEquals(from.hostBits(address), to.hostBits(moved), "host bits kept");
        assertEquals(address, to.translate(moved, from), "translating back gives the address");
        assertEquals(BigInteger.ONE.shiftLeft(32 - length), from.size());
        assertEquals(from.overlaps(to), to.overlaps(from), "overlap is symmetric");
        assertEquals(from.equals(to), from.contains(to) && to.contains(from));
        IpPrefix wider = IpPrefix.containing(new Ipv4Address(bits), length - 1);
        assertTrue(wider.contains(from) && wider.overlaps(from) && !from.contains(wider));
    }

    @Property
    void onlyAsciiIsReadAsANumber(@ForAll("lookalikes") String text) {
        boolean parsed;
        try {
            IpAddress.parse(text);
            parsed = true;
        } catch (AddressFormatException e) {
            parsed = false;
        }
        assertFalse(parsed && !text.chars().allMatch(c -> c < 128), "read '" + text + "' as an address");
    }

    @Provide
    Arbitrary<String> lookalikes() {
        // real addresses with one character swapped for a digit or letter of another script
        List<Character> foreign = List.of('\u0661', '\u0967', '\uff11', '\uff41', '\u0660', '\u00b2', '\uff10');
        return Combinators.combine(Arbitraries.of("172.16.10.2", "10.0.0.1", "2001:db8::1", "fe80::a:b", "1.2.3.4"),
                Arbitraries.integers().between(0, 20), Arbitraries.of(foreign)).as((address, at, c) -> {
                    List<Integer> digits = new ArrayList<>();
                    for (int i = 0; i < address.length(); i++) {
                        if (Character.isLetterOrDigit(address.charAt(i))) {
                            digits.add(i);
                        }
                    }
                    int i = digits.get(at % digits.size());
                    return address.substring(0, i) + c + address.substring(i + 1);
                });
    }

    @Test
    void lookalikeDigitsAreRefusedInEveryKindOfAddress() {
        assertThrows(AddressFormatException.class, () -> Ipv4Address.parse("\u0661.2.3.4"), "Arabic-Indic one");
        assertThrows(AddressFormatException.class, () -> Ipv6Address.parse("\uff12001:db8::1"), "fullwidth two");
        assertThrows(AddressFormatException.class, () -> MacAddress.parse("0\uff12:00:00:00:00:01"), "fullwidth two");
        assertThrows(AddressFormatException.class, () -> IpPrefix.parse("10.0.0.0/\u0662\u0664"), "Arabic-Indic 24");
        assertThrows(AddressFormatException.class, () -> InterfaceAddress.parse("10.0.0.1/\u0662\u0664"), "Arabic-Indic 24");
    }

    /** Text made of what addresses are made of, plus a few characters that are not: most is malformed, some is not. */
    @Provide
    Arbitrary<String> addressLikeText() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF:.:/-  x\u0661\uff11%").ofMaxLength(45);
    }

    @Property(tries = 3000)
    void everyParserReadsAnyTextOrSaysWhatIsWrongWithIt(@ForAll("addressLikeText") String text) {
        List<java.util.function.Function<String, Object>> parsers = List.of(IpAddress::parse, IpPrefix::parse, InterfaceAddress::parse, MacAddress::parse);
        for (java.util.function.Function<String, Object> parser : parsers) {
            Object value;
            try {
                value = parser.apply(text);
            } catch (AddressFormatException e) {
                assertFalse(e.getMessage().isBlank(), "'" + text + "'");
                java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("'([^']*)'").matcher(e.getMessage());
                assertTrue(text.isBlank() ? e.getMessage().contains("found nothing") : quoted.find() && text.contains(quoted.group(1)),
                        "the message quotes what was read (" + text + "): " + e.getMessage());
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("'" + text + "' made a parser throw " + e, e);
            }
            assertEquals(value, parser.apply(value.toString()), "what is written is read back: '" + text + "' -> " + value);
        }
    }

    @Property
    void addressesOrderByFamilyThenNumberAndAgreeWithEquals(@ForAll("anyAddress") IpAddress a, @ForAll("anyAddress") IpAddress b) {
        int ab = a.compareTo(b);
        assertEquals(-Integer.signum(ab), Integer.signum(b.compareTo(a)), "antisymmetric");
        assertEquals(ab == 0, a.equals(b), "compareTo agrees with equals");
        if (a.equals(b)) {
            assertEquals(a.hashCode(), b.hashCode());
        }
        if (a.family() != b.family()) {
            assertEquals(a.family() == IpFamily.IPV4 ? -1 : 1, Integer.signum(ab), "IPv4 sorts before IPv6");
        }
        assertEquals(a.toBigInteger(), new BigInteger(1, a.toBytes()), "bytes in network order are the number");
        assertEquals(a.family().bits() / 8, a.toBytes().length);
        assertEquals(a, a.withValue(a.toBigInteger().add(BigInteger.ONE.shiftLeft(a.family().bits()))), "values are taken modulo 2^bits");
    }

    @Provide
    Arbitrary<IpAddress> anyAddress() {
        return Arbitraries.oneOf(Arbitraries.integers().map(Ipv4Address::new), ipv6().map(IpAddress.class::cast),
                Arbitraries.of(0, -1, 1).map(Ipv4Address::new));
    }

    @Property
    void anInterfaceAddressSitsInItsSubnetAndKeepsItsHost(@ForAll("anyAddress") IpAddress address, @ForAll @IntRange(min = 0, max = 128) int length) {
        int prefixLength = length % (address.family().bits() + 1);
        InterfaceAddress on = new InterfaceAddress(address, prefixLength);
        IpPrefix subnet = on.subnet();
        assertTrue(subnet.contains(address), on + " in " + subnet);
        assertEquals(prefixLength, subnet.length());
        assertEquals(address, address.withValue(subnet.network().toBigInteger().or(subnet.hostBits(address))), "network and host bits make the address");
        assertEquals(on, InterfaceAddress.parse(on.toString()));
        assertThrows(AddressFormatException.class, () -> new InterfaceAddress(address, address.family().bits() + 1));
        assertThrows(AddressFormatException.class, () -> new InterfaceAddress(address, -1));
    }

    private static int longestZeroRun(Ipv6Address address) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < 8; i++) {
            run = address.group(i) == 0 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static int zeroRunIn(String groups) {
        int longest = 0;
        int run = 0;
        for (String g : groups.split(":")) {
            run = g.equals("0") ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
