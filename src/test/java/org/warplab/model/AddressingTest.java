package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressingTest {

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0, 0.0.0.0",
            "172.16.10.2, 172.16.10.2",
            "255.255.255.255, 255.255.255.255",
            "2001:db8::1, 2001:db8::1",
            "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "::ffff:192.0.2.1, ::ffff:c000:201",
            "64:ff9b::10.1.2.3, 64:ff9b::a01:203",
    })
    void parsesAndPrintsCanonically(String text, String canonical) {
        IpAddress address = IpAddress.parse(text);
        assertEquals(canonical, address.toString());
        assertEquals(address, IpAddress.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "a.b.c.d", "1:2:3:4:5:6:7:8:9", "1::2::3",
            "12345::", "gggg::", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "::1.2.3"})
    void refusesMalformedAddresses(String text) {
        assertThrows(AddressFormatException.class, () -> IpAddress.parse(text));
    }

    @Test
    void prefixRefusesHostBitsAndLongLengths() {
        AddressFormatException tooLong = assertThrows(AddressFormatException.class, () -> IpPrefix.parse("172.16.0.0/33"));
        assertEquals("'172.16.0.0/33' is not a prefix (an IPv4 prefix length is at most 32)", tooLong.getMessage());
        AddressFormatException hostBits = assertThrows(AddressFormatException.class, () -> IpPrefix.parse("172.16.0.1/16"));
        assertEquals("'172.16.0.1/16' has host bits set (did you mean 172.16.0.0/16?)", hostBits.getMessage());
        assertThrows(AddressFormatException.class, () -> IpPrefix.parse("2001:db8::/129"));
        assertThrows(AddressFormatException.class, () -> IpPrefix.parse("172.16.0.0"));
    }

    @Test
    void containmentAndOverlap() {
        IpPrefix s = IpPrefix.parse("172.16.0.0/16");
        assertTrue(s.contains(IpAddress.parse("172.16.10.2")));
        assertFalse(s.contains(IpAddress.parse("172.15.10.2")));
        assertFalse(s.contains(IpAddress.parse("2001:db8::1")));
        assertTrue(s.overlaps(IpPrefix.parse("172.16.4.0/24")));
        assertTrue(IpPrefix.parse("172.16.4.0/24").overlaps(s));
        assertFalse(s.overlaps(IpPrefix.parse("172.17.0.0/16")));
        assertFalse(s.overlaps(IpPrefix.parse("2001:db8::/32")));
        assertTrue(IpPrefix.parse("0.0.0.0/0").contains(s));
    }

    @Test
    void translationKeepsHostBits() {
        IpPrefix s = IpPrefix.parse("172.16.0.0/16");
        IpPrefix sPrime = IpPrefix.parse("172.15.0.0/16");
        assertEquals(IpAddress.parse("172.15.10.2"), s.translate(IpAddress.parse("172.16.10.2"), sPrime));
        assertEquals(IpAddress.parse("172.16.10.2"), sPrime.translate(IpAddress.parse("172.15.10.2"), s));
        IpPrefix v6 = IpPrefix.parse("2001:db8:1::/48");
        IpPrefix v6Prime = IpPrefix.parse("2001:db8:ff::/48");
        assertEquals(IpAddress.parse("2001:db8:ff:5::1:2"), v6.translate(IpAddress.parse("2001:db8:1:5::1:2"), v6Prime));
        assertThrows(IllegalArgumentException.class, () -> s.translate(IpAddress.parse("10.0.0.1"), sPrime));
        assertThrows(IllegalArgumentException.class, () -> s.translate(IpAddress.parse("172.16.0.1"), IpPrefix.parse("172.15.0.0/24")));
    }

    @Test
    void hostsAndInterfaceAddresses() {
        assertEquals(IpAddress.parse("10.0.12.1"), IpPrefix.parse("10.0.12.0/30").host(1));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.12.0/30").host(4));
        InterfaceAddress a = InterfaceAddress.parse("10.0.12.1/30");
        assertEquals(IpPrefix.parse("10.0.12.0/30"), a.subnet());
        assertEquals("10.0.12.1/30", a.toString());
        assertEquals(IpPrefix.parse("2001:db8:ff:1::/64"), InterfaceAddress.parse("2001:db8:ff:1::1/64").subnet());
    }

    @Test
    void macAddresses() {
        MacAddress mac = MacAddress.parse("52:54:00:AB:cd:0F");
        assertEquals("52:54:00:ab:cd:0f", mac.toString());
        assertEquals(mac, MacAddress.parse("52-54-00-ab-cd-0f"));
        assertFalse(mac.isMulticast());
        assertTrue(MacAddress.BROADCAST.isMulticast());
        assertEquals(6, mac.toBytes().length);
        assertThrows(AddressFormatException.class, () -> MacAddress.parse("52:54:00:ab:cd"));
        assertThrows(AddressFormatException.class, () -> MacAddress.parse("52:54:00:ab:cd:zz"));
    }

    @Test
    void addressesOrderByFamilyThenValue() {
        assertTrue(IpAddress.parse("10.0.0.2").compareTo(IpAddress.parse("10.0.0.10")) < 0);
        assertTrue(IpAddress.parse("255.255.255.255").compareTo(IpAddress.parse("::")) < 0);
    }
}
