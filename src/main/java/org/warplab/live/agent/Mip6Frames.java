package org.warplab.live.agent;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.model.IpPrefix;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MacAddress;
import org.warplab.wire.EthernetFrame;
import org.warplab.wire.Icmpv6Message;
import org.warplab.wire.InternetChecksum;
import org.warplab.wire.Ipv6Extension;
import org.warplab.wire.Ipv6Packet;
import org.warplab.wire.MobilityHeader;
import org.warplab.wire.Octets;
import org.warplab.wire.Wire;

/**
 * The Mobile IPv6 frames the live agents send and read, through {@link org.warplab.wire}: router
 * advertisements (read), DAD neighbour solicitations (RFC 4862, sent) and neighbour advertisements
 * (read), and the Mobility Header (RFC 6275) Binding Update with its Home Address option and
 * Binding Acknowledgement with its type 2 routing header (both sent and read). A frame that is
 * not one of these, or is malformed, reads as empty.
 */
final class Mip6Frames {

    static final int NEXT_HEADER_UDP = Wire.PROTOCOL_UDP;
    static final int NEXT_HEADER_IPV6 = Wire.PROTOCOL_IPV6_IN_IP;
    static final int NEXT_HEADER_ROUTING = Wire.PROTOCOL_ROUTING;
    /** RFC 4861 4.2: an advertisement's fixed part after type, code and checksum. */
    private static final int ROUTER_ADVERTISEMENT_FIXED_BYTES = 12;
    private static final int OPTION_PREFIX_INFORMATION = 3;
    private static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);

    private Mip6Frames() {
    }

    /** A router advertisement: who sent it (its MAC, for the first hop) and the prefixes hosts may autoconfigure on. */
    record RouterAdvertisement(MacAddress router, Ipv6Address routerAddress, List<IpPrefix> autonomousPrefixes) { }

    /** A Binding Update as the home agent reads it: the care-of address is the packet's source. */
    record BindingUpdate(MacAddress sender, Ipv6Address careOf, Ipv6Address homeAgent, Ipv6Address home, int sequence, long lifetimeS,
                         boolean acknowledge, boolean homeRegistration) { }

    /** A Binding Acknowledgement as the mobile node reads it; status below 128 means accepted. */
    record BindingAck(Ipv6Address homeAgent, Ipv6Address careOf, Ipv6Address home, int status, int sequence, long lifetimeS) {
        boolean accepted() {
            return status < 128;
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    /** An IPv6 packet in an Ethernet frame, with the frame's source MAC. */
    private record Ipv6InFrame(MacAddress sender, Ipv6Packet packet) { }

    private static Optional<Ipv6InFrame> ipv6(byte[] frame) {
        return EthernetFrame.decode(frame).ok().filter(f -> f.etherType() == Wire.ETHERTYPE_IPV6)
                .flatMap(f -> Ipv6Packet.decode(f.payload().toArray()).ok().map(p -> new Ipv6InFrame(f.source(), p)));
    }

    /** The ICMPv6 message of a packet whose upper layer directly follows the IPv6 header. */
    private static Optional<Icmpv6Message> icmpv6(Ipv6Packet packet, int type) {
        if (packet.nextHeader() != Wire.PROTOCOL_ICMPV6) {
            return Optional.empty();
        }
        return Icmpv6Message.decode(packet.payload().toArray()).ok().filter(m -> m.type() == type);
    }

    static Optional<RouterAdvertisement> routerAdvertisement(byte[] frame) {
        Optional<Ipv6InFrame> ip = ipv6(frame);
        Optional<Icmpv6Message> ra = ip.flatMap(p -> icmpv6(p.packet(), Icmpv6Message.ROUTER_ADVERTISEMENT));
        if (ra.isEmpty()) {
            return Optional.empty();
        }
        List<IpPrefix> prefixes = new ArrayList<>();
        for (Icmpv6Message.Option option : ra.get().options(ROUTER_ADVERTISEMENT_FIXED_BYTES).ok().orElse(List.of())) {
            byte[] value = option.value().toArray();
            // prefix length, flags (L, A), valid and preferred lifetimes, reserved, then the prefix
            if (option.type() == OPTION_PREFIX_INFORMATION && value.length == 30 && (value[1] & 0x40) != 0) {
                ByteBuffer prefix = ByteBuffer.wrap(value, 14, 16);
                prefixes.add(new IpPrefix(new Ipv6Address(prefix.getLong(), prefix.getLong()), value[0] & 0xff));
            }
        }
        return Optional.of(new RouterAdvertisement(ip.get().sender(), ip.get().packet().source(), prefixes));
    }

    /** The target of a neighbour advertisement: someone defends that address. */
    static Optional<Ipv6Address> neighborAdvertisementTarget(byte[] frame) {
        return ipv6(frame).flatMap(p -> icmpv6(p.packet(), Icmpv6Message.NEIGHBOR_ADVERTISEMENT)).flatMap(m -> m.address(4).ok());
    }

    /** The target of a neighbour solicitation from the unspecified address: someone else's DAD for that address. */
    static Optional<Ipv6Address> dadTarget(byte[] frame) {
        return ipv6(frame).filter(p -> p.packet().source().equals(UNSPECIFIED))
                .flatMap(p -> icmpv6(p.packet(), Icmpv6Message.NEIGHBOR_SOLICITATION)).flatMap(m -> m.address(4).ok());
    }

    /** A mobility message after exactly one extension header of {@code extensionType}, with the home address that header carries. */
    private record Mobility(Ipv6InFrame ip, Ipv6Address home, MobilityHeader header) { }

    private static Optional<Mobility> mobility(byte[] frame, int extensionType) {
        Optional<Ipv6InFrame> ip = ipv6(frame).filter(p -> p.packet().nextHeader() == extensionType);
        Optional<Ipv6Packet.Chain> chain = ip.flatMap(p -> p.packet().chain().ok())
                .filter(c -> c.extensions().size() == 1 && c.upperProtocol() == Wire.PROTOCOL_MOBILITY);
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        Optional<Ipv6Address> home = chain.get().extensions().get(0).homeAddress().ok().flatMap(h -> h);
        Optional<MobilityHeader> header = MobilityHeader.decode(chain.get().upper().toArray()).ok();
        if (home.isEmpty() || header.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Mobility(ip.get(), home.get(), header.get()));
    }

    static Optional<BindingUpdate> bindingUpdate(byte[] frame) {
        return mobility(frame, Wire.PROTOCOL_DESTINATION_OPTIONS).flatMap(m -> MobilityHeader.BindingUpdate.of(m.header()).ok()
                .map(bu -> new BindingUpdate(m.ip().sender(), m.ip().packet().source(), m.ip().packet().destination(), m.home(), bu.sequence(),
                        bu.lifetimeUnits() * MobilityHeader.LIFETIME_UNIT_S, (bu.flags() & MobilityHeader.BindingUpdate.ACKNOWLEDGE) != 0,
                        (bu.flags() & MobilityHeader.BindingUpdate.HOME_REGISTRATION) != 0)));
    }

    static Optional<BindingAck> bindingAck(byte[] frame) {
        return mobility(frame, Wire.PROTOCOL_ROUTING).flatMap(m -> MobilityHeader.BindingAck.of(m.header()).ok()
                .map(ba -> new BindingAck(m.ip().packet().source(), m.ip().packet().destination(), m.home(), ba.status(), ba.sequence(),
                        ba.lifetimeUnits() * MobilityHeader.LIFETIME_UNIT_S)));
    }

    /** An IPv6 packet's destination and first next header, for frames that are IPv6 at all. */
    record Ipv6Header(Ipv6Address destination, int nextHeader) { }

    static Optional<Ipv6Header> ipv6Header(byte[] frame) {
        return ipv6(frame).map(p -> new Ipv6Header(p.packet().destination(), p.packet().nextHeader()));
    }

    // ---- writing ------------------------------------------------------------------------------

    /**
     * The duplicate address detection probe for {@code target} (RFC 4862 5.4.2): a neighbour
     * solicitation from the unspecified address to the target's solicited-node multicast group.
     */
    static byte[] dadSolicitation(MacAddress sender, Ipv6Address target) {
        Ipv6Address group = new Ipv6Address(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (target.low() & 0xff_ffffL));
        MacAddress groupMac = new MacAddress(0x3333_0000_0000L | (group.low() & 0xffff_ffffL));
        Icmpv6Message solicitation = new Icmpv6Message(Icmpv6Message.NEIGHBOR_SOLICITATION, 0,
                Octets.of(ByteBuffer.allocate(20).putInt(0).putLong(target.high()).putLong(target.low()).array()));
        byte[] icmp = solicitation.encode(InternetChecksum.ipv6PseudoHeader(UNSPECIFIED, group, solicitation.bytes(), Wire.PROTOCOL_ICMPV6));
        return frame(groupMac, sender, Ipv6Packet.of(Wire.PROTOCOL_ICMPV6, 255, UNSPECIFIED, group, icmp));
    }

    /**
     * A home registration (RFC 6275 6.1.7, 11.7.1): from the care-of address to the home agent,
     * the home address in a Home Address destination option, flags A (acknowledge) and H (home
     * registration), the lifetime in 4-second units.
     */
    static byte[] bindingUpdate(MacAddress sender, MacAddress firstHop, Ipv6Address careOf, Ipv6Address homeAgent, Ipv6Address home,
                                int sequence, long lifetimeS) {
        MobilityHeader mh = new MobilityHeader.BindingUpdate(sequence & 0xffff, MobilityHeader.BindingUpdate.ACKNOWLEDGE
                | MobilityHeader.BindingUpdate.HOME_REGISTRATION, MobilityHeader.lifetimeUnits(lifetimeS)).header();
        // the pseudo-header of a packet with a Home Address option carries the home address (RFC 6275 6.3)
        byte[] upper = mh.encode(InternetChecksum.ipv6PseudoHeader(home, homeAgent, mh.bytes(), Wire.PROTOCOL_MOBILITY));
        return frame(firstHop, sender, Ipv6Packet.of(Wire.PROTOCOL_DESTINATION_OPTIONS, 64, careOf, homeAgent,
                concat(Ipv6Extension.homeAddressOption(Wire.PROTOCOL_MOBILITY, home).encode(), upper)));
    }

    /**
     * The home agent's answer (RFC 6275 6.1.8): to the care-of address, with a type 2 routing
     * header holding the home address, the status (0 accepted, 128 and above refused), the
     * Binding Update's sequence number and the granted lifetime.
     */
    static byte[] bindingAck(MacAddress sender, MacAddress nextHop, Ipv6Address homeAgent, Ipv6Address careOf, Ipv6Address home,
                             int status, int sequence, long lifetimeS) {
        MobilityHeader mh = new MobilityHeader.BindingAck(status, 0, sequence & 0xffff, MobilityHeader.lifetimeUnits(lifetimeS)).header();
        // a routing header puts the final destination, the home address, into the pseudo-header
        byte[] upper = mh.encode(InternetChecksum.ipv6PseudoHeader(homeAgent, home, mh.bytes(), Wire.PROTOCOL_MOBILITY));
        return frame(nextHop, sender, Ipv6Packet.of(Wire.PROTOCOL_ROUTING, 64, homeAgent, careOf,
                concat(Ipv6Extension.routingType2(Wire.PROTOCOL_MOBILITY, home).encode(), upper)));
    }

    private static byte[] frame(MacAddress destination, MacAddress source, Ipv6Packet packet) {
        return EthernetFrame.of(destination, source, Wire.ETHERTYPE_IPV6, packet.encode()).encode();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

}
