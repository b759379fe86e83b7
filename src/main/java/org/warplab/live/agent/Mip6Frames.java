package org.warplab.live.agent;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.model.IpPrefix;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MacAddress;
import org.warplab.wire.InternetChecksum;

/**
 * The Mobile IPv6 frames the live agents send and read, byte by byte: router advertisements
 * (read), DAD neighbour solicitations (RFC 4862, sent) and neighbour advertisements (read), and the
 * Mobility Header (RFC 6275) Binding Update with its Home Address option and Binding Acknowledgement
 * with its type 2 routing header (both sent and read).
 */
final class Mip6Frames {

    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int NEXT_HEADER_ICMPV6 = 58;
    static final int NEXT_HEADER_MOBILITY = 135;
    static final int NEXT_HEADER_DESTINATION_OPTIONS = 60;
    static final int NEXT_HEADER_ROUTING = 43;
    static final int NEXT_HEADER_NONE = 59;
    static final int NEXT_HEADER_UDP = 17;
    static final int NEXT_HEADER_IPV6 = 41;
    static final int ICMPV6_ROUTER_ADVERTISEMENT = 134;
    static final int ICMPV6_NEIGHBOR_SOLICITATION = 135;
    static final int ICMPV6_NEIGHBOR_ADVERTISEMENT = 136;
    static final int MH_BINDING_UPDATE = 5;
    static final int MH_BINDING_ACK = 6;
    static final int OPTION_HOME_ADDRESS = 201;
    /** RFC 6275 6.1.7: lifetimes travel in units of 4 seconds. */
    static final long LIFETIME_UNIT_S = 4;
    private static final int ETHERNET_BYTES = 14;
    private static final int IPV6_BYTES = 40;
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

    static Optional<RouterAdvertisement> routerAdvertisement(byte[] frame) {
        int icmp = icmpv6Start(frame);
        if (icmp < 0 || (frame[icmp] & 0xff) != ICMPV6_ROUTER_ADVERTISEMENT || frame.length < icmp + 16) {
            return Optional.empty();
        }
        List<IpPrefix> prefixes = new ArrayList<>();
        int at = icmp + 16;
        while (at + 2 <= frame.length) {
            int type = frame[at] & 0xff;
            int length = (frame[at + 1] & 0xff) * 8;
            if (length == 0 || at + length > frame.length) {
                break;
            }
            boolean autonomous = (frame[at + 3] & 0x40) != 0;
            if (type == 3 && length == 32 && autonomous) {
                prefixes.add(new IpPrefix(ipv6(frame, at + 16), frame[at + 2] & 0xff));
            }
            at += length;
        }
        return Optional.of(new RouterAdvertisement(Frames.mac(frame, 6), ipv6(frame, ETHERNET_BYTES + 8), prefixes));
    }

    /** The target of a neighbour advertisement: someone defends that address. */
    static Optional<Ipv6Address> neighborAdvertisementTarget(byte[] frame) {
        int icmp = icmpv6Start(frame);
        if (icmp < 0 || (frame[icmp] & 0xff) != ICMPV6_NEIGHBOR_ADVERTISEMENT || frame.length < icmp + 24) {
            return Optional.empty();
        }
        return Optional.of(ipv6(frame, icmp + 8));
    }

    /** The target of a neighbour solicitation from the unspecified address: someone else's DAD for that address. */
    static Optional<Ipv6Address> dadTarget(byte[] frame) {
        int icmp = icmpv6Start(frame);
        if (icmp < 0 || (frame[icmp] & 0xff) != ICMPV6_NEIGHBOR_SOLICITATION || frame.length < icmp + 24
                || !ipv6(frame, ETHERNET_BYTES + 8).equals(UNSPECIFIED)) {
            return Optional.empty();
        }
        return Optional.of(ipv6(frame, icmp + 8));
    }

    static Optional<BindingUpdate> bindingUpdate(byte[] frame) {
        if (!isIpv6(frame) || (frame[ETHERNET_BYTES + 6] & 0xff) != NEXT_HEADER_DESTINATION_OPTIONS) {
            return Optional.empty();
        }
        int options = ETHERNET_BYTES + IPV6_BYTES;
        if (frame.length < options + 8) {
            return Optional.empty();
        }
        int next = frame[options] & 0xff;
        int end = options + ((frame[options + 1] & 0xff) + 1) * 8;
        Ipv6Address home = null;
        for (int at = options + 2; at + 2 <= end && end <= frame.length; ) {
            int type = frame[at] & 0xff;
            if (type == 0) {
                at++;
                continue;
            }
            int length = frame[at + 1] & 0xff;
            if (at + 2 + length > end) {
                return Optional.empty(); // an option longer than its header holds: nothing past the header is read
            }
            if (type == OPTION_HOME_ADDRESS && length == 16) {
                home = ipv6(frame, at + 2);
            }
            at += 2 + length;
        }
        int mh = end;
        if (home == null || next != NEXT_HEADER_MOBILITY || frame.length < mh + 12 || (frame[mh + 2] & 0xff) != MH_BINDING_UPDATE) {
            return Optional.empty();
        }
        int flags = u16(frame, mh + 8);
        return Optional.of(new BindingUpdate(Frames.mac(frame, 6), ipv6(frame, ETHERNET_BYTES + 8), ipv6(frame, ETHERNET_BYTES + 24), home,
                u16(frame, mh + 6), u16(frame, mh + 10) * LIFETIME_UNIT_S, (flags & 0x8000) != 0, (flags & 0x4000) != 0));
    }

    static Optional<BindingAck> bindingAck(byte[] frame) {
        if (!isIpv6(frame) || (frame[ETHERNET_BYTES + 6] & 0xff) != NEXT_HEADER_ROUTING) {
            return Optional.empty();
        }
        int routing = ETHERNET_BYTES + IPV6_BYTES;
        if (frame.length < routing + 24 || (frame[routing + 2] & 0xff) != 2 || (frame[routing] & 0xff) != NEXT_HEADER_MOBILITY) {
            return Optional.empty();
        }
        int mh = routing + 24;
        if (frame.length < mh + 12 || (frame[mh + 2] & 0xff) != MH_BINDING_ACK) {
            return Optional.empty();
        }
        return Optional.of(new BindingAck(ipv6(frame, ETHERNET_BYTES + 8), ipv6(frame, ETHERNET_BYTES + 24), ipv6(frame, routing + 8),
                frame[mh + 6] & 0xff, u16(frame, mh + 8), u16(frame, mh + 10) * LIFETIME_UNIT_S));
    }

    /** An IPv6 packet's destination and first next header, for frames that are IPv6 at all. */
    record Ipv6Header(Ipv6Address destination, int nextHeader) { }

    static Optional<Ipv6Header> ipv6Header(byte[] frame) {
        if (!isIpv6(frame)) {
            return Optional.empty();
        }
        return Optional.of(new Ipv6Header(ipv6(frame, ETHERNET_BYTES + 24), frame[ETHERNET_BYTES + 6] & 0xff));
    }

    // ---- writing ------------------------------------------------------------------------------

    /**
     * The duplicate address detection probe for {@code target} (RFC 4862 5.4.2): a neighbour
     * solicitation from the unspecified address to the target's solicited-node multicast group.
     */
    static byte[] dadSolicitation(MacAddress sender, Ipv6Address target) {
        Ipv6Address group = new Ipv6Address(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (target.low() & 0xff_ffffL));
        MacAddress groupMac = new MacAddress(0x3333_0000_0000L | (group.low() & 0xffff_ffffL));
        ByteBuffer out = frame(groupMac, sender, UNSPECIFIED, group, NEXT_HEADER_ICMPV6, 24, 255);
        int icmp = out.position();
        out.put((byte) ICMPV6_NEIGHBOR_SOLICITATION).put((byte) 0).putShort((short) 0).putInt(0);
        putIpv6(out, target);
        out.putShort(icmp + 2, (short) InternetChecksum.of(out.array(), icmp, 24, InternetChecksum.ipv6PseudoHeader(UNSPECIFIED, group, 24, NEXT_HEADER_ICMPV6)));
        return out.array();
    }

    /**
     * A home registration (RFC 6275 6.1.7, 11.7.1): from the care-of address to the home agent,
     * the home address in a Home Address destination option, flags A (acknowledge) and H (home
     * registration), the lifetime in 4-second units.
     */
    static byte[] bindingUpdate(MacAddress sender, MacAddress firstHop, Ipv6Address careOf, Ipv6Address homeAgent, Ipv6Address home,
                                int sequence, long lifetimeS) {
        int mobility = 16;
        ByteBuffer out = frame(firstHop, sender, careOf, homeAgent, NEXT_HEADER_DESTINATION_OPTIONS, 24 + mobility, 64);
        // PadN to reach the option's 8n+6 alignment, then the Home Address option
        out.put((byte) NEXT_HEADER_MOBILITY).put((byte) 2).put((byte) 1).put((byte) 2).putShort((short) 0);
        out.put((byte) OPTION_HOME_ADDRESS).put((byte) 16);
        putIpv6(out, home);
        int mh = out.position();
        out.put((byte) NEXT_HEADER_NONE).put((byte) (mobility / 8 - 1)).put((byte) MH_BINDING_UPDATE).put((byte) 0).putShort((short) 0);
        out.putShort((short) sequence).putShort((short) (0x8000 | 0x4000)).putShort((short) lifetimeUnits(lifetimeS));
        out.put((byte) 1).put((byte) 2).putShort((short) 0);
        // the pseudo-header of a packet with a Home Address option carries the home address (RFC 6275 6.3)
        out.putShort(mh + 4, (short) InternetChecksum.of(out.array(), mh, mobility, InternetChecksum.ipv6PseudoHeader(home, homeAgent, mobility, NEXT_HEADER_MOBILITY)));
        return out.array();
    }

    /**
     * The home agent's answer (RFC 6275 6.1.8): to the care-of address, with a type 2 routing
     * header holding the home address, the status (0 accepted, 128 and above refused), the
     * Binding Update's sequence number and the granted lifetime.
     */
    static byte[] bindingAck(MacAddress sender, MacAddress nextHop, Ipv6Address homeAgent, Ipv6Address careOf, Ipv6Address home,
                             int status, int sequence, long lifetimeS) {
        int mobility = 16;
        ByteBuffer out = frame(nextHop, sender, homeAgent, careOf, NEXT_HEADER_ROUTING, 24 + mobility, 64);
        out.put((byte) NEXT_HEADER_MOBILITY).put((byte) 2).put((byte) 2).put((byte) 1).putInt(0);
        putIpv6(out, home);
        int mh = out.position();
        out.put((byte) NEXT_HEADER_NONE).put((byte) (mobility / 8 - 1)).put((byte) MH_BINDING_ACK).put((byte) 0).putShort((short) 0);
        out.put((byte) status).put((byte) 0).putShort((short) sequence).putShort((short) lifetimeUnits(lifetimeS));
        out.put((byte) 1).put((byte) 2).putShort((short) 0);
        // a routing header puts the final destination, the home address, into the pseudo-header
        out.putShort(mh + 4, (short) InternetChecksum.of(out.array(), mh, mobility, InternetChecksum.ipv6PseudoHeader(homeAgent, home, mobility, NEXT_HEADER_MOBILITY)));
        return out.array();
    }

    private static long lifetimeUnits(long seconds) {
        return Math.min(0xffff, (seconds + LIFETIME_UNIT_S - 1) / LIFETIME_UNIT_S);
    }

    private static ByteBuffer frame(MacAddress destination, MacAddress source, Ipv6Address from, Ipv6Address to, int nextHeader,
                                    int payloadBytes, int hopLimit) {
        ByteBuffer out = ByteBuffer.allocate(ETHERNET_BYTES + IPV6_BYTES + payloadBytes);
        out.put(destination.toBytes()).put(source.toBytes()).putShort((short) ETHERTYPE_IPV6);
        out.putInt(0x6000_0000).putShort((short) payloadBytes).put((byte) nextHeader).put((byte) hopLimit);
        putIpv6(out, from);
        putIpv6(out, to);
        return out;
    }

    // ---- bytes --------------------------------------------------------------------------------

    private static boolean isIpv6(byte[] frame) {
        return frame.length >= ETHERNET_BYTES + IPV6_BYTES && u16(frame, 12) == ETHERTYPE_IPV6 && (frame[ETHERNET_BYTES] & 0xf0) == 0x60;
    }

    /** Where the ICMPv6 message starts when it directly follows the IPv6 header, else -1. */
    private static int icmpv6Start(byte[] frame) {
        if (!isIpv6(frame) || (frame[ETHERNET_BYTES + 6] & 0xff) != NEXT_HEADER_ICMPV6 || frame.length < ETHERNET_BYTES + IPV6_BYTES + 8) {
            return -1;
        }
        return ETHERNET_BYTES + IPV6_BYTES;
    }

    private static int u16(byte[] frame, int at) {
        return (frame[at] & 0xff) << 8 | (frame[at + 1] & 0xff);
    }

    private static Ipv6Address ipv6(byte[] frame, int at) {
        ByteBuffer in = ByteBuffer.wrap(frame, at, 16);
        return new Ipv6Address(in.getLong(), in.getLong());
    }

    private static void putIpv6(ByteBuffer out, Ipv6Address address) {
        out.putLong(address.high()).putLong(address.low());
    }
}
