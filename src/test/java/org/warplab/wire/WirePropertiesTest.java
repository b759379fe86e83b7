package org.warplab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.warplab.model.Ipv4Address;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MacAddress;

/** Every frame type written and read back is the same value; no parser throws on arbitrary bytes, or reads past a cut. */
class WirePropertiesTest {

    // ---- round trips --------------------------------------------------------------------------

    @Property
    void ethernetRoundTrips(@ForAll("ethernet") EthernetFrame frame) {
        assertEquals(new Decoded.Ok<>(frame), EthernetFrame.decode(frame.encode()));
    }

    @Property
    void arpAndRarpRoundTrip(@ForAll("arp") ArpPacket arp, @ForAll @IntRange(max = 40) int padding) {
        // what follows the body in a padded frame is not part of it
        assertEquals(new Decoded.Ok<>(arp), ArpPacket.decode(Arrays.copyOf(arp.encode(), ArpPacket.BYTES + padding)));
    }

    @Property
    void ipv4RoundTripsAndDropsEthernetPadding(@ForAll("ipv4") Ipv4Packet packet, @ForAll @IntRange(max = 46) int padding) {
        byte[] bytes = packet.encode();
        assertEquals(0, InternetChecksum.of(bytes, 0, Ipv4Packet.HEADER_BYTES + packet.options().length(), 0), "the header checksum verifies");
        assertEquals(new Decoded.Ok<>(packet), Ipv4Packet.decode(Arrays.copyOf(bytes, bytes.length + padding)));
    }

    @Property
    void ipv6RoundTrips(@ForAll("ipv6") Ipv6Packet packet, @ForAll @IntRange(max = 46) int padding) {
        byte[] bytes = packet.encode();
        assertEquals(new Decoded.Ok<>(packet), Ipv6Packet.decode(Arrays.copyOf(bytes, bytes.length + padding)));
    }

    @Property
    void extensionHeadersRoundTripThroughTheChain(@ForAll("extension") Ipv6Extension first, @ForAll("extension") Ipv6Extension second,
                                                   @ForAll("payload") byte[] upper) {
        Ipv6Extension a = new Ipv6Extension(first.type(), second.type(), first.body());
        Ipv6Extension b = new Ipv6Extension(second.type(), Wire.PROTOCOL_UDP, second.body());
        byte[] payload = concat(concat(a.encode(), b.encode()), upper);
        Ipv6Packet packet = Ipv6Packet.of(a.type(), 64, new Ipv6Address(1, 2), new Ipv6Address(3, 4), payload);
        assertEquals(new Decoded.Ok<>(new Ipv6Packet.Chain(java.util.List.of(a, b), Wire.PROTOCOL_UDP, Octets.of(upper))),
                Ipv6Packet.decode(packet.encode()).then(Ipv6Packet::chain));
    }

    @Property
    void homeAddressesRoundTripInBothMobileIpv6Headers(@ForAll("ipv6Address") Ipv6Address home) {
        for (Ipv6Extension header : new Ipv6Extension[] {Ipv6Extension.routingType2(Wire.PROTOCOL_MOBILITY, home),
                Ipv6Extension.homeAddressOption(Wire.PROTOCOL_MOBILITY, home)}) {
            WireReader in = new WireReader(header.encode(), 0, header.bytes());
            Ipv6Extension read = Ipv6Extension.read(header.type(), in);
            assertEquals(header, read);
            assertEquals(new Decoded.Ok<>(Optional.of(home)), read.homeAddress());
        }
    }

    @Property
    void udpRoundTripsWithAChecksumThatVerifies(@ForAll("udp") UdpDatagram udp, @ForAll("ipv4Address") Ipv4Address source,
                                                @ForAll("ipv4Address") Ipv4Address destination) {
        long pseudo = InternetChecksum.ipv4PseudoHeader(source, destination, udp.bytes(), Wire.PROTOCOL_UDP);
        byte[] bytes = udp.encode(pseudo);
        assertEquals(0, InternetChecksum.of(bytes, 0, bytes.length, pseudo), "the UDP checksum verifies");
        assertEquals(new Decoded.Ok<>(udp), UdpDatagram.decode(bytes));
        assertEquals(new Decoded.Ok<>(udp), UdpDatagram.decode(udp.encodeWithoutChecksum()));
    }

    @Property
    void vxlanRoundTrips(@ForAll @IntRange(max = 0xff_ffff) int vni, @ForAll("ethernet") EthernetFrame inner) {
        VxlanHeader vxlan = new VxlanHeader(vni, Octets.of(inner.encode()));
        assertEquals(new Decoded.Ok<>(vxlan), VxlanHeader.decode(vxlan.encode()));
        assertEquals(new Decoded.Ok<>(inner), VxlanHeader.decode(vxlan.encode()).then(v -> EthernetFrame.decode(v.inner().toArray())));
    }

    /** 802.1Q inside VXLAN inside UDP inside IPv4 inside Ethernet, read back layer by layer. */
    @Property
    void nestedLayersRoundTrip(@ForAll("ethernet") EthernetFrame inner, @ForAll @IntRange(max = 4095) int vlan, @ForAll("ipv4Address") Ipv4Address a,
                               @ForAll("ipv4Address") Ipv4Address b) {
        byte[] udp = new UdpDatagram(50000, Wire.LAN_VXLAN_PORT, Octets.of(new VxlanHeader(7, Octets.of(inner.encode())).encode())).encodeWithoutChecksum();
        byte[] ip = Ipv4Packet.of(1, 64, Wire.PROTOCOL_UDP, a, b, udp).encode();
        EthernetFrame outer = new EthernetFrame(MacAddress.BROADCAST, new MacAddress(2), Optional.of(EthernetFrame.VlanTag.of(vlan)), Wire.ETHERTYPE_IPV4,
                Octets.of(ip));
        Decoded<EthernetFrame> read = EthernetFrame.decode(outer.encode(EthernetFrame.MINIMUM_BYTES))
                .then(e -> Ipv4Packet.decode(e.payload().toArray()))
                .then(p -> UdpDatagram.decode(p.payload().toArray()))
                .then(u -> VxlanHeader.decode(u.payload().toArray()))
                .then(v -> EthernetFrame.decode(v.inner().toArray()));
        assertEquals(new Decoded.Ok<>(inner), read);
    }

    @Property
    void mobilityHeadersRoundTrip(@ForAll("mobility") MobilityHeader header, @ForAll("ipv6Address") Ipv6Address source,
                                  @ForAll("ipv6Address") Ipv6Address destination) {
        long pseudo = InternetChecksum.ipv6PseudoHeader(source, destination, header.bytes(), Wire.PROTOCOL_MOBILITY);
        byte[] bytes = header.encode(pseudo);
        assertEquals(0, InternetChecksum.of(bytes, 0, bytes.length, pseudo), "the Mobility Header checksum verifies");
        assertEquals(new Decoded.Ok<>(header), MobilityHeader.decode(bytes));
    }

    @Property
    void bindingUpdatesAndAcknowledgementsRoundTrip(@ForAll @IntRange(max = 0xffff) int sequence, @ForAll @IntRange(max = 0xffff) int flags,
                                                    @ForAll @IntRange(max = 0xffff) int lifetime, @ForAll @IntRange(max = 0xff) int status) {
        MobilityHeader.BindingUpdate bu = new MobilityHeader.BindingUpdate(sequence, flags, lifetime);
        assertEquals(new Decoded.Ok<>(bu), MobilityHeader.decode(bu.header().encode(0)).then(MobilityHeader.BindingUpdate::of));
        MobilityHeader.BindingAck ba = new MobilityHeader.BindingAck(status, flags & 0xff, sequence, lifetime);
        assertEquals(new Decoded.Ok<>(ba), MobilityHeader.decode(ba.header().encode(0)).then(MobilityHeader.BindingAck::of));
    }

    @Property
    void icmpv6RoundTrips(@ForAll @IntRange(max = 255) int type, @ForAll @IntRange(max = 255) int code, @ForAll("payload") byte[] body) {
        Icmpv6Message message = new Icmpv6Message(type, code, Octets.of(body));
        assertEquals(new Decoded.Ok<>(message), Icmpv6Message.decode(message.encode(0)));
    }

    // ---- arbitrary and cut bytes ----------------------------------------------------------------

    @Property(tries = 2000)
    void noParserThrowsOnArbitraryBytes(@ForAll("anyBytes") byte[] bytes) {
        EthernetFrame.decode(bytes);
        ArpPacket.decode(bytes);
        Ipv4Packet.decode(bytes);
        UdpDatagram.decode(bytes);
        VxlanHeader.decode(bytes);
        MobilityHeader.decode(bytes).then(MobilityHeader.BindingUpdate::of);
        MobilityHeader.decode(bytes).then(MobilityHeader.BindingAck::of);
        Icmpv6Message.decode(bytes).then(m -> m.options(12));
        Icmpv6Message.decode(bytes).then(m -> m.address(4));
        Ipv6Packet.decode(bytes).then(Ipv6Packet::chain);
        // the chain and the home address read from whatever bytes an IPv6 payload holds
        for (int first : new int[] {Wire.PROTOCOL_HOP_BY_HOP, Wire.PROTOCOL_ROUTING, Wire.PROTOCOL_DESTINATION_OPTIONS}) {
            Decoded<Ipv6Packet.Chain> chain = new Ipv6Packet(0, 0, first, 1, new Ipv6Address(0, 1), new Ipv6Address(0, 2), Octets.of(bytes)).chain();
            chain.ok().ifPresent(c -> c.extensions().forEach(Ipv6Extension::homeAddress));
        }
    }

    /** A packet cut before the end its own length field names is malformed: no parser reads what is not there. */
    @Property
    void aCutPacketIsMalformed(@ForAll("ipv4") Ipv4Packet v4, @ForAll("ipv6") Ipv6Packet v6, @ForAll("udp") UdpDatagram udp,
                               @ForAll("mobility") MobilityHeader mh, @ForAll @IntRange(min = 1, max = 1000) int cut) {
        assertCutIsMalformed(v4.encode(), cut, Ipv4Packet::decode);
        assertCutIsMalformed(v6.encode(), cut, Ipv6Packet::decode);
        assertCutIsMalformed(udp.encode(0), cut, UdpDatagram::decode);
        assertCutIsMalformed(mh.encode(0), cut, MobilityHeader::decode);
    }

    private static void assertCutIsMalformed(byte[] whole, int cut, java.util.function.Function<byte[], Decoded<?>> parser) {
        byte[] part = Arrays.copyOf(whole, Math.max(0, whole.length - cut));
        assertInstanceOf(Decoded.Malformed.class, parser.apply(part));
    }

    // ---- generators ---------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }

    @Provide
    Arbitrary<byte[]> payload() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
    }

    @Provide
    Arbitrary<MacAddress> mac() {
        return Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(MacAddress::new);
    }

    @Provide
    Arbitrary<Ipv4Address> ipv4Address() {
        return Arbitraries.integers().map(Ipv4Address::new);
    }

    @Provide
    Arbitrary<Ipv6Address> ipv6Address() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(Ipv6Address::new);
    }

    @Provide
    Arbitrary<EthernetFrame> ethernet() {
        Arbitrary<Optional<EthernetFrame.VlanTag>> tag = Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 4095)).as(EthernetFrame.VlanTag::new).optional();
        Arbitrary<Integer> etherType = Arbitraries.integers().between(0, 0xffff).filter(t -> t != Wire.ETHERTYPE_VLAN);
        return Combinators.combine(mac(), mac(), tag, etherType, payload().map(Octets::of)).as(EthernetFrame::new);
    }

    @Provide
    Arbitrary<ArpPacket> arp() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xffff), mac(), ipv4Address(), mac(), ipv4Address()).as(ArpPacket::new);
    }

    @Provide
    Arbitrary<Ipv4Packet> ipv4() {
        Arbitrary<Octets> options = Arbitraries.integers().between(0, 10).flatMap(words -> Arbitraries.bytes().array(byte[].class).ofSize(words * 4))
                .map(Octets::of);
        Arbitrary<Integer> byteValue = Arbitraries.integers().between(0, 0xff);
        Arbitrary<Integer> shortValue = Arbitraries.integers().between(0, 0xffff);
        return Combinators.combine(byteValue, shortValue, shortValue, byteValue, byteValue, ipv4Address(), ipv4Address(), options)
                .flatAs((tos, id, flags, ttl, protocol, source, destination, opts) -> payload().map(p ->
                        new Ipv4Packet(tos, id, flags, ttl, protocol, source, destination, opts, Octets.of(p))));
    }

    @Provide
    Arbitrary<Ipv6Packet> ipv6() {
        Arbitrary<Integer> byteValue = Arbitraries.integers().between(0, 0xff);
        return Combinators.combine(byteValue, Arbitraries.integers().between(0, 0xf_ffff), byteValue, byteValue, ipv6Address(), ipv6Address(),
                payload().map(Octets::of)).as(Ipv6Packet::new);
    }

    @Provide
    Arbitrary<Ipv6Extension> extension() {
        return Combinators.combine(Arbitraries.of(Wire.PROTOCOL_HOP_BY_HOP, Wire.PROTOCOL_ROUTING, Wire.PROTOCOL_DESTINATION_OPTIONS),
                Arbitraries.integers().between(0, 0xff),
                Arbitraries.integers().between(1, 8).flatMap(units -> Arbitraries.bytes().array(byte[].class).ofSize(units * 8 - 2)).map(Octets::of))
                .as(Ipv6Extension::new);
    }

    @Provide
    Arbitrary<UdpDatagram> udp() {
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 0xffff);
        return Combinators.combine(port, port, payload().map(Octets::of)).as(UdpDatagram::new);
    }

    @Provide
    Arbitrary<MobilityHeader> mobility() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xff), Arbitraries.integers().between(0, 0xff),
                Arbitraries.integers().between(0, 10).flatMap(units -> Arbitraries.bytes().array(byte[].class).ofSize(units * 8 + 2)).map(Octets::of))
                .as(MobilityHeader::new);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
