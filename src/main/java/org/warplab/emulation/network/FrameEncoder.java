package org.warplab.emulation.network;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.warplab.model.Ipv4Address;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MacAddress;
import org.warplab.wire.ArpPacket;
import org.warplab.wire.EthernetFrame;
import org.warplab.wire.InternetChecksum;
import org.warplab.wire.Ipv4Packet;
import org.warplab.wire.Ipv6Extension;
import org.warplab.wire.Ipv6Packet;
import org.warplab.wire.MobilityHeader;
import org.warplab.wire.Octets;
import org.warplab.wire.UdpDatagram;
import org.warplab.wire.VxlanHeader;
import org.warplab.wire.Wire;

/**
 * Real bytes for a {@link Frame}: Ethernet II (with an 802.1Q tag when the frame carries one),
 * then IPv4 (with header checksum) carrying UDP (with its pseudo-header checksum), ICMP echo or
 * VXLAN with the inner Ethernet frame; or IPv6 with its extension headers (type 2 routing header,
 * Home Address destination option) carrying UDP, ICMPv6 (echo, neighbour discovery, router
 * advertisements), the Mobility Header (RFC 6275) or an inner IPv6 packet; or an ARP/RARP body.
 * What a capture point writes into its pcap file, so tshark decodes it like a frame off the wire.
 */
public final class FrameEncoder {
    public static final int EXTENSION_HEADER_BYTES = 24;
    private static final int NEXT_HEADER_ROUTING = 43;
    private static final int NEXT_HEADER_DESTINATION_OPTIONS = 60;
    private static final int NEXT_HEADER_NONE = 59;

    private FrameEncoder() {
    }

    /** Bytes of the extension headers the frame carries (routing header type 2, Home Address option). */
    static int extensionBytes(Frame frame) {
        return (frame.routingHomeAddress != null ? EXTENSION_HEADER_BYTES : 0) + (frame.homeAddressOption != null ? EXTENSION_HEADER_BYTES : 0);
    }

    /** Bytes of a Mobility Header message of {@code type}, padded to 8 octets as RFC 6275 requires. */
    public static int mobilityBytes(int type) {
        return switch (type) {
            case Frame.MH_BINDING_REFRESH_REQUEST -> 8;
            case Frame.MH_HOME_TEST_INIT, Frame.MH_CARE_OF_TEST_INIT, Frame.MH_BINDING_UPDATE, Frame.MH_BINDING_ACK -> 16;
            case Frame.MH_HOME_TEST, Frame.MH_CARE_OF_TEST -> 24;
            default -> throw new IllegalArgumentException("no mobility message of type " + type);
        };
    }

    /** Bytes of an ICMPv6 message of {@code type} as the emulator sends it, with a link-layer address option or not. */
    public static int icmpv6Bytes(int type, boolean linkLayerOption) {
        return switch (type) {
            case Frame.ICMPV6_NEIGHBOR_SOLICITATION, Frame.ICMPV6_NEIGHBOR_ADVERTISEMENT -> linkLayerOption ? 32 : 24;
            case Frame.ICMPV6_ROUTER_ADVERTISEMENT -> 64;
            default -> throw new IllegalArgumentException("no ICMPv6 message of type " + type);
        };
    }

    static byte[] encode(Frame frame) {
        byte[] content = ethernet(frame).encode();
        return content.length == frame.frameBytes() ? content : Arrays.copyOf(content, frame.frameBytes());
    }

    private static EthernetFrame ethernet(Frame frame) {
        byte[] payload;
        if (frame.isIpv4()) {
            payload = ipv4(frame).encode();
        } else if (frame.isIpv6()) {
            payload = ipv6(frame).encode();
        } else {
            payload = new ArpPacket(frame.arpOperation, new MacAddress(frame.senderMac), new Ipv4Address(frame.senderIp),
                    new MacAddress(frame.targetMac), new Ipv4Address(frame.targetIp)).encode();
        }
        return new EthernetFrame(new MacAddress(frame.destinationMac), new MacAddress(frame.sourceMac),
                frame.vlan != 0 ? Optional.of(EthernetFrame.VlanTag.of(frame.vlan & 0x0fff)) : Optional.empty(), frame.etherType, Octets.of(payload));
    }

    private static Ipv4Packet ipv4(Frame frame) {
        Ipv4Address source = new Ipv4Address(frame.sourceIp);
        Ipv4Address destination = new Ipv4Address(frame.destinationIp);
        int l4Length = frame.ipBytes - Ipv4Packet.HEADER_BYTES;
        byte[] upper;
        if (frame.protocol == Frame.PROTOCOL_UDP) {
            if (frame.inner != null && frame.destinationPort == Wire.VXLAN_PORT) {
                // VXLAN (RFC 7348) with the inner Ethernet frame; UDP checksum 0 is allowed over IPv4
                byte[] vxlan = new VxlanHeader((int) (frame.vni & 0xff_ffffL), Octets.of(encode(frame.inner))).encode();
                upper = new UdpDatagram(frame.sourcePort, frame.destinationPort, Octets.of(vxlan)).encodeWithoutChecksum();
            } else {
                upper = new UdpDatagram(frame.sourcePort, frame.destinationPort, Octets.of(payload(frame, l4Length - UdpDatagram.HEADER_BYTES)))
                        .encode(InternetChecksum.ipv4PseudoHeader(source, destination, l4Length, Frame.PROTOCOL_UDP));
            }
        } else {
            boolean request = frame.kind == org.warplab.run.PacketKind.PING;
            ByteBuffer icmp = ByteBuffer.allocate(l4Length);
            icmp.put((byte) (request ? 8 : 0)).put((byte) 0).putShort((short) 0);
            icmp.putShort((short) (frame.flow & 0xffff)).putShort((short) frame.sequence);
            icmp.put(payload(frame, l4Length - 8));
            icmp.putShort(2, (short) InternetChecksum.of(icmp.array(), 0, l4Length, 0));
            upper = icmp.array();
        }
        // identification from the packet id, don't fragment
        return new Ipv4Packet(0, (int) (frame.id & 0xffff), Ipv4Packet.DONT_FRAGMENT, frame.ttl, frame.protocol, source, destination,
                Octets.EMPTY, Octets.of(upper));
    }

    private static Ipv6Packet ipv6(Frame frame) {
        ByteBuffer payload = ByteBuffer.allocate(frame.ipBytes - Frame.IPV6_HEADER_BYTES);
        int first = frame.routingHomeAddress != null ? NEXT_HEADER_ROUTING
                : frame.homeAddressOption != null ? NEXT_HEADER_DESTINATION_OPTIONS : frame.protocol;
        Ipv6Address finalDestination = frame.destination6;
        if (frame.routingHomeAddress != null) {
            // RFC 6275 6.4: type 2 routing header, one segment left, the home address
            payload.put(Ipv6Extension.routingType2(frame.homeAddressOption != null ? NEXT_HEADER_DESTINATION_OPTIONS : frame.protocol,
                    frame.routingHomeAddress).encode());
            finalDestination = frame.routingHomeAddress;
        }
        if (frame.homeAddressOption != null) {
            // RFC 6275 6.3: PadN to reach the 8n+6 alignment, then the Home Address option (type 201)
            payload.put(Ipv6Extension.homeAddressOption(frame.protocol, frame.homeAddressOption).encode());
        }
        Ipv6Address pseudoSource = frame.homeAddressOption != null ? frame.homeAddressOption : frame.source6;
        int upperLength = frame.ipBytes - Frame.IPV6_HEADER_BYTES - extensionBytes(frame);
        long pseudo = InternetChecksum.ipv6PseudoHeader(pseudoSource, finalDestination, upperLength, frame.protocol);
        switch (frame.protocol) {
            case Frame.PROTOCOL_UDP -> payload.put(new UdpDatagram(frame.sourcePort, frame.destinationPort,
                    Octets.of(payload(frame, upperLength - UdpDatagram.HEADER_BYTES))).encode(pseudo));
            case Frame.PROTOCOL_ICMPV6 -> {
                int upper = payload.position();
                encodeIcmpv6(frame, payload, upperLength);
                payload.putShort(upper + 2, (short) InternetChecksum.of(payload.array(), upper, upperLength, pseudo));
            }
            case Frame.PROTOCOL_MOBILITY -> payload.put(mobility(frame, upperLength).encode(pseudo));
            case Frame.PROTOCOL_IPV6_IN_IP -> payload.put(ipv6(frame.inner).encode());
            default -> throw new IllegalStateException("no encoding for IPv6 next header " + frame.protocol);
        }
        return new Ipv6Packet(0, 0, first, frame.ttl, frame.source6, frame.destination6, Octets.of(payload.array()));
    }

    private static void encodeIcmpv6(Frame frame, ByteBuffer out, int length) {
        int start = out.position();
        out.put((byte) frame.icmpType).put((byte) 0).putShort((short) 0);
        switch (frame.icmpType) {
            case Frame.ICMPV6_ECHO_REQUEST, Frame.ICMPV6_ECHO_REPLY -> {
                out.putShort((short) (frame.flow & 0xffff)).putShort((short) frame.sequence);
                out.put(payload(frame, length - 8));
            }
            case Frame.ICMPV6_NEIGHBOR_SOLICITATION -> {
                out.putInt(0);
                putIpv6(out, frame.target6);
                if (frame.linkLayerOption != 0) {
                    putLinkLayerOption(out, 1, frame.linkLayerOption);
                }
            }
            case Frame.ICMPV6_NEIGHBOR_ADVERTISEMENT -> {
                // flags: router (R) when a router answers, solicited (S) unless unsolicited, override (O)
                int flags = (frame.routerFlag ? 1 << 31 : 0) | (Ipv6.isMulticast(frame.destination6) ? 0 : 1 << 30) | 1 << 29;
                out.putInt(flags);
                putIpv6(out, frame.target6);
                putLinkLayerOption(out, 2, frame.linkLayerOption);
            }
            case Frame.ICMPV6_ROUTER_ADVERTISEMENT -> {
                // hop limit 64, H flag (home agent) when the router is one, lifetime 1800 s
                out.put((byte) 64).put((byte) (frame.homeRegistration ? 0x20 : 0)).putShort((short) 1800);
                out.putInt(0).putInt(0);
                putLinkLayerOption(out, 1, frame.linkLayerOption);
                out.put((byte) 3).put((byte) 4).put((byte) frame.prefixLength6).put((byte) 0xc0);
                out.putInt(86400).putInt(14400).putInt(0);
                putIpv6(out, frame.target6);
                out.put((byte) 7).put((byte) 1).putShort((short) 0).putInt((int) frame.advertisementIntervalMs);
            }
            default -> throw new IllegalStateException("no encoding for ICMPv6 type " + frame.icmpType);
        }
    }

    private static MobilityHeader mobility(Frame frame, int length) {
        int lifetimeUnits = (int) Math.min(0xffff, (frame.mobilityLifetimeNs + 3_999_999_999L) / 4_000_000_000L);
        switch (frame.mobilityType) {
            case Frame.MH_BINDING_UPDATE -> {
                int flags = (frame.acknowledge ? MobilityHeader.BindingUpdate.ACKNOWLEDGE : 0) | (frame.homeRegistration
                        ? MobilityHeader.BindingUpdate.HOME_REGISTRATION | MobilityHeader.BindingUpdate.LINK_LOCAL_COMPATIBILITY : 0);
                return new MobilityHeader.BindingUpdate(frame.mobilitySequence & 0xffff, flags, lifetimeUnits).header();
            }
            case Frame.MH_BINDING_ACK -> {
                return new MobilityHeader.BindingAck(frame.mobilityStatus & 0xff, 0, frame.mobilitySequence & 0xffff, lifetimeUnits).header();
            }
            default -> {
                ByteBuffer message = ByteBuffer.allocate(length - MobilityHeader.FIXED_BYTES);
                switch (frame.mobilityType) {
                    case Frame.MH_HOME_TEST_INIT, Frame.MH_CARE_OF_TEST_INIT -> message.putShort((short) 0).putLong(cookie(frame));
                    case Frame.MH_HOME_TEST, Frame.MH_CARE_OF_TEST -> message.putShort((short) frame.mobilitySequence).putLong(cookie(frame))
                            .putLong(cookie(frame) * 31 + 7);
                    default -> message.putShort((short) 0);
                }
                int padding = message.remaining();
                if (padding >= 2) {
                    message.put((byte) 1).put((byte) (padding - 2)); // PadN
                }
                return new MobilityHeader(NEXT_HEADER_NONE, frame.mobilityType, Octets.of(message.array()));
            }
        }
    }

    /** A cookie the test messages carry: derived from the packet so a run's bytes are reproducible. */
    private static long cookie(Frame frame) {
        return frame.mobilitySequence * 0x9E3779B97F4A7C15L ^ (frame.homeAddressOption != null ? frame.homeAddressOption.low() : 0);
    }

    private static void putLinkLayerOption(ByteBuffer out, int type, long mac) {
        out.put((byte) type).put((byte) 1);
        putMac(out, mac);
    }


    /** The payload starts with the flow and sequence number, then the send time, as a probe program would. */
    private static byte[] payload(Frame frame, int length) {
        ByteBuffer payload = ByteBuffer.allocate(Math.max(length, 0));
        if (length >= 20) {
            payload.putInt(frame.flow).putLong(frame.sequence).putLong(frame.probeSentNs);
        }
        return payload.array();
    }

    private static void putIpv6(ByteBuffer out, Ipv6Address address) {
        out.putLong(address.high()).putLong(address.low());
    }

    private static void putMac(ByteBuffer out, long mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.put((byte) (mac >>> shift));
        }
    }

}
