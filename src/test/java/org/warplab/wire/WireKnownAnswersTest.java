package org.warplab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.warplab.model.Ipv4Address;
import org.warplab.model.MacAddress;

/**
 * Bytes as the standards and well-known captures spell them, not as our own encoder last wrote
 * them (the round-trip properties cannot tell an encoder and a decoder that agree on a mistake).
 */
class WireKnownAnswersTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String text) {
        return HEX.parseHex(text.replace(" ", ""));
    }

    @Test
    void theChecksumOfRfc1071sExample() {
        // RFC 1071 section 3: the sum of 0001 f203 f4f5 f6f7 is ddf2, its complement 220d
        assertEquals(0x220d, InternetChecksum.of(hex("0001 f203 f4f5 f6f7"), 0, 8, 0));
        // an odd byte count pads the last byte with a zero on the right
        assertEquals(0xfeff, InternetChecksum.of(hex("01"), 0, 1, 0));
        // a carry out of the top folds back in: ffff + 0001 = 0001 (one's complement), complement fffe
        assertEquals(0xfffe, InternetChecksum.of(hex("ffff 0001"), 0, 4, 0));
        // only the given range counts
        assertEquals(0x220d, InternetChecksum.of(hex("9999 0001 f203 f4f5 f6f7 9999"), 2, 8, 0));
    }

    @Test
    void anIpv4HeaderAsACaptureHasIt() {
        // the classic example: 192.168.0.1 → 192.168.0.199, UDP, TTL 64, don't fragment, 115 bytes; checksum b861
        Ipv4Packet packet = Ipv4Packet.of(0, 64, Wire.PROTOCOL_UDP, Ipv4Address.parse("192.168.0.1"), Ipv4Address.parse("192.168.0.199"),
                new byte[0x73 - Ipv4Packet.HEADER_BYTES]);
        assertArrayEquals(hex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7"), Arrays.copyOf(packet.encode(), Ipv4Packet.HEADER_BYTES));
    }

    @Test
    void anIpv4HeaderThatLiesAboutItsLengthsIsMalformed() {
        byte[] good = hex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7");
        assertMalformed("IP version 6 where IPv4 was expected", Ipv4Packet.decode(with(good, 0, 0x65)));
        assertMalformed("an IPv4 header length of 16 bytes (at least 20)", Ipv4Packet.decode(with(good, 0, 0x44)));
        assertMalformed("an IPv4 total length of 19 bytes, shorter than its 20-byte header", Ipv4Packet.decode(with(good, 3, 19)));
        // 115 bytes announced, 20 present: the payload is past the end
        assertInstanceOf(Decoded.Malformed.class, Ipv4Packet.decode(good));
        // exactly the header: a packet with nothing inside
        Ipv4Packet empty = Ipv4Packet.decode(with(good, 3, 20)).ok().orElseThrow();
        assertEquals(0, empty.payload().length());
        assertEquals(Ipv4Address.parse("192.168.0.199"), empty.destination());
    }

    @Test
    void anArpRequestAsTheWireHasIt() {
        ArpPacket whoHas = new ArpPacket(ArpPacket.REQUEST, MacAddress.parse("02:00:00:00:00:01"), Ipv4Address.parse("10.0.0.1"),
                new MacAddress(0), Ipv4Address.parse("10.0.0.2"));
        byte[] bytes = hex("0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002");
        assertArrayEquals(bytes, whoHas.encode());
        assertEquals(new Decoded.Ok<>(whoHas), ArpPacket.decode(bytes));
        assertMalformed("ARP for hardware 6/protocol 0x800 with address lengths 6/4; only Ethernet/IPv4 (1/0x800, 6/4) is read",
                ArpPacket.decode(with(bytes, 1, 6)));
    }

    @Test
    void an8021qTagPacksPriorityDropEligibleAndId() {
        EthernetFrame frame = new EthernetFrame(MacAddress.BROADCAST, MacAddress.parse("02:00:00:00:00:01"),
                Optional.of(new EthernetFrame.VlanTag(5, true, 100)), Wire.ETHERTYPE_IPV4, Octets.EMPTY);
        // TCI: priority 5 (101), DEI 1, id 100 (0x064) = 1011 0000 0110 0100 = b064
        assertArrayEquals(hex("ffffffffffff 020000000001 8100 b064 0800"), frame.encode());
        assertEquals(EthernetFrame.MINIMUM_BYTES, frame.encode(EthernetFrame.MINIMUM_BYTES).length, "padded to the minimum");
        assertMalformed("a second 802.1Q tag (QinQ) is not read", EthernetFrame.decode(hex("ffffffffffff 020000000001 8100 0064 8100 0065 0800")));
        assertThrows(IllegalArgumentException.class, () -> new EthernetFrame.VlanTag(8, false, 1));
        assertThrows(IllegalArgumentException.class, () -> EthernetFrame.VlanTag.of(4096));
    }

    @Test
    void aVxlanHeaderCarriesTheVniInItsMiddleThreeBytes() {
        VxlanHeader header = new VxlanHeader(0x123456, Octets.of(hex("aa")));
        assertArrayEquals(hex("08 000000 123456 00 aa"), header.encode());
        assertEquals(0xffffff, VxlanHeader.decode(new VxlanHeader(0xffffff, Octets.EMPTY).encode()).ok().orElseThrow().vni(), "the top VNI");
        assertMalformed("VXLAN without the I flag: no VNI", VxlanHeader.decode(hex("00 000000 123456 00")));
        assertThrows(IllegalArgumentException.class, () -> new VxlanHeader(0x1000000, Octets.EMPTY), "a VNI is 24 bits");
        assertMalformed("VXLAN without the I flag: no VNI", VxlanHeader.decode(hex("f7 000000 123456 00")));
    }

    @Test
    void bindingUpdateAndAcknowledgementAsRfc6275LaysThemOut() {
        // fixed part (no next header 59, length 1 = 16 bytes, type 5, reserved, checksum), sequence 7, flags A|H, lifetime 1 (4 s), PadN
        MobilityHeader update = new MobilityHeader.BindingUpdate(7, MobilityHeader.BindingUpdate.ACKNOWLEDGE | MobilityHeader.BindingUpdate.HOME_REGISTRATION,
                MobilityHeader.lifetimeUnits(4)).header();
        assertArrayEquals(hex("3b 01 05 00 fef3 0007 c000 0001 01 02 0000"), update.encode(0));
        // status 128 (reason unspecified: refused), no flags, sequence 7, lifetime 255 units
        MobilityHeader ack = new MobilityHeader.BindingAck(128, 0, 7, 255).header();
        assertArrayEquals(hex("3b 01 06 00 3cf6 80 00 0007 00ff 01 02 0000"), ack.encode(0));
        assertTrue(!MobilityHeader.BindingAck.of(ack).ok().orElseThrow().accepted(), "128 and above are refusals");
        assertMalformed("mobility message type 6, not a Binding Update", MobilityHeader.BindingUpdate.of(ack));
        assertEquals(0, MobilityHeader.lifetimeUnits(0));
        assertEquals(2, MobilityHeader.lifetimeUnits(5), "rounded up: a binding never expires early");
        assertEquals(0xffff, MobilityHeader.lifetimeUnits(Long.MAX_VALUE / 8), "at most what 16 bits hold");
    }

    @Test
    void aMalformedLayerStopsTheChainWithItsReasonAndPlace() {
        Decoded<Integer> bad = new Decoded.Malformed<>("cut", 7);
        Decoded<String> after = bad.then(v -> new Decoded.Ok<>("never " + v));
        assertEquals(new Decoded.Malformed<>("cut", 7), after);
        assertTrue(after.ok().isEmpty());
        assertEquals(new Decoded.Ok<>("2"), new Decoded.Ok<>(1).then(v -> new Decoded.Ok<>(String.valueOf(v + 1))));
    }

    private static void assertMalformed(String reason, Decoded<?> decoded) {
        Decoded.Malformed<?> malformed = assertInstanceOf(Decoded.Malformed.class, decoded);
        assertEquals(reason, malformed.reason());
    }

    private static byte[] with(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }
}
