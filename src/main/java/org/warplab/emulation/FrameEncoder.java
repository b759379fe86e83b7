package org.warplab.emulation;

import java.nio.ByteBuffer;
import org.warplab.model.Ipv6Address;
import org.warplab.run.InternetChecksum;

/**
 * Real bytes for a {@link Frame}: Ethernet II (with an 802.1Q tag when the frame carries one),
 * then IPv4 (with header checksum) carrying UDP (with its pseudo-header checksum), ICMP echo or
 * VXLAN with the inner Ethernet frame; or IPv6 with its extension headers (type 2 routing header,
 * Home Address destination option) carrying UDP, ICMPv6 (echo, neighbour discovery, router
 * advertisements), the Mobility Header (RFC 6275) or an inner IPv6 packet; or an ARP/RARP body.
 * What a capture point writes into its pcap file, so tshark decodes it like a frame off the wire.
 */
final class FrameEncoder {
    static final int EXTENSION_HEADER_BYTES = 24;
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
    static int mobilityBytes(int type) {
        return switch (type) {
            case Frame.MH_BINDING_REFRESH_REQUEST -> 8;
            case Frame.MH_HOME_TEST_INIT, Frame.MH_CARE_OF_TEST_INIT, Frame.MH_BINDING_UPDATE, Frame.MH_BINDING_ACK -> 16;
            case Frame.MH_HOME_TEST, Frame.MH_CARE_OF_TEST -> 24;
            default -> throw new IllegalArgumentException("no mobility message of type " + type);
        };
    }

    /** Bytes of an ICMPv6 message of {@code type} as the emulator sends it, with a link-layer address option or not. */
    static int icmpv6Bytes(int type, boolean linkLayerOption) {
        return switch (type) {
            case Frame.ICMPV6_NEIGHBOR_SOLICITATION, Frame.ICMPV6_NEIGHBOR_ADVERTISEMENT -> linkLayerOption ? 32 : 24;
            case Frame.ICMPV6_ROUTER_ADVERTISEMENT -> 64;
            default -> throw new IllegalArgumentException("no ICMPv6 message of type " + type);
        };
    }

    static byte[] encode(Frame frame) {
        byte[] bytes = new byte[frame.frameBytes()];
        ByteBuffer out = ByteBuffer.wrap(bytes);
        encodeEthernet(frame, out);
        return bytes;
    }

    private static void encodeEthernet(Frame frame, ByteBuffer out) {
        putMac(out, frame.destinationMac);
        putMac(out, frame.sourceMac);
        if (frame.vlan != 0) {
            out.putShort((short) 0x8100).putShort((short) (frame.vlan & 0x0fff));
        }
        out.putShort((short) frame.etherType);
        if (frame.isIpv4()) {
            encodeIpv4(frame, out);
        } else if (frame.isIpv6()) {
            encodeIpv6(frame, out);
        } else {
            out.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4);
            out.putShort((short) frame.arpOperation);
            putMac(out, frame.senderMac);
            out.putInt(frame.senderIp);
            putMac(out, frame.targetMac);
            out.putInt(frame.targetIp);
        }
    }

    private static void encodeIpv4(Frame frame, ByteBuffer out) {
        int start = out.position();
        int length = frame.ipBytes;
        out.put((byte) 0x45).put((byte) 0).putShort((short) length);
        out.putShort((short) frame.id).putShort((short) 0x4000); // identification, don't fragment
        out.put((byte) frame.ttl).put((byte) frame.protocol).putShort((short) 0);
        out.putInt(frame.sourceIp).putInt(frame.destinationIp);
        out.putShort(start + 10, (short) InternetChecksum.of(out.array(), start, 20, 0));
        int l4 = start + 20;
        int l4Length = length - 20;
        if (frame.protocol == Frame.PROTOCOL_UDP) {
            out.putShort((short) frame.sourcePort).putShort((short) frame.destinationPort).putShort((short) l4Length).putShort((short) 0);
            if (frame.inner != null && frame.destinationPort == Frame.VXLAN_PORT) {
                // VXLAN (RFC 7348): flags with the I bit, the 24-bit VNI, then the inner Ethernet frame; UDP checksum 0 is allowed over IPv4
                out.put((byte) 0x08).put((byte) 0).putShort((short) 0);
                out.putInt((int) ((frame.vni & 0xff_ffffL) << 8));
                encodeEthernet(frame.inner, out);
                return;
            }
            putPayload(frame, out, l4 + 8, l4Length - 8);
            long pseudo = (frame.sourceIp >>> 16) + (frame.sourceIp & 0xffff) + (frame.destinationIp >>> 16)
                    + (frame.destinationIp & 0xffff) + Frame.PROTOCOL_UDP + l4Length;
            int sum = InternetChecksum.of(out.array(), l4, l4Length, pseudo);
            out.putShort(l4 + 6, (short) (sum == 0 ? 0xffff : sum));
        } else {
            boolean request = frame.kind == org.warplab.run.PacketKind.PING;
            out.put((byte) (request ? 8 : 0)).put((byte) 0).putShort((short) 0);
            out.putShort((short) (frame.flow & 0xffff)).putShort((short) frame.sequence);
            putPayload(frame, out, l4 + 8, l4Length - 8);
            out.putShort(l4 + 2, (short) InternetChecksum.of(out.array(), l4, l4Length, 0));
        }
    }

    private static void encodeIpv6(Frame frame, ByteBuffer out) {
        int first = frame.routingHomeAddress != null ? NEXT_HEADER_ROUTING
                : frame.homeAddressOption != null ? NEXT_HEADER_DESTINATION_OPTIONS : frame.protocol;
        out.putInt(0x6000_0000);
        out.putShort((short) (frame.ipBytes - Frame.IPV6_HEADER_BYTES)).put((byte) first).put((byte) frame.ttl);
        putIpv6(out, frame.source6);
        putIpv6(out, frame.destination6);
        Ipv6Address finalDestination = frame.destination6;
        if (frame.routingHomeAddress != null) {
            // RFC 6275 6.4: type 2 routing header, one segment left, the home address
            out.put((byte) (frame.homeAddressOption != null ? NEXT_HEADER_DESTINATION_OPTIONS : frame.protocol)).put((byte) 2);
            out.put((byte) 2).put((byte) 1).putInt(0);
            putIpv6(out, frame.routingHomeAddress);
            finalDestination = frame.routingHomeAddress;
        }
        if (frame.homeAddressOption != null) {
            // RFC 6275 6.3: PadN to reach the 8n+6 alignment, then the Home Address option (type 201)
            out.put((byte) frame.protocol).put((byte) 2);
            out.put((byte) 1).put((byte) 2).putShort((short) 0);
            out.put((byte) 201).put((byte) 16);
            putIpv6(out, frame.homeAddressOption);
        }
        Ipv6Address pseudoSource = frame.homeAddressOption != null ? frame.homeAddressOption : frame.source6;
        int upper = out.position();
        int upperLength = frame.ipBytes - Frame.IPV6_HEADER_BYTES - extensionBytes(frame);
        switch (frame.protocol) {
            case Frame.PROTOCOL_UDP -> {
                out.putShort((short) frame.sourcePort).putShort((short) frame.destinationPort).putShort((short) upperLength).putShort((short) 0);
                putPayload(frame, out, upper + 8, upperLength - 8);
                int sum = InternetChecksum.of(out.array(), upper, upperLength, InternetChecksum.ipv6PseudoHeader(pseudoSource, finalDestination, upperLength, Frame.PROTOCOL_UDP));
                out.putShort(upper + 6, (short) (sum == 0 ? 0xffff : sum));
            }
            case Frame.PROTOCOL_ICMPV6 -> {
                encodeIcmpv6(frame, out, upperLength);
                int sum = InternetChecksum.of(out.array(), upper, upperLength, InternetChecksum.ipv6PseudoHeader(pseudoSource, finalDestination, upperLength, Frame.PROTOCOL_ICMPV6));
                out.putShort(upper + 2, (short) sum);
            }
            case Frame.PROTOCOL_MOBILITY -> {
                encodeMobility(frame, out, upperLength);
                int sum = InternetChecksum.of(out.array(), upper, upperLength, InternetChecksum.ipv6PseudoHeader(pseudoSource, finalDestination, upperLength, Frame.PROTOCOL_MOBILITY));
                out.putShort(upper + 4, (short) sum);
            }
            case Frame.PROTOCOL_IPV6_IN_IP -> encodeIpv6(frame.inner, out);
            default -> throw new IllegalStateException("no encoding for IPv6 next header " + frame.protocol);
        }
    }

    private static void encodeIcmpv6(Frame frame, ByteBuffer out, int length) {
        int start = out.position();
        out.put((byte) frame.icmpType).put((byte) 0).putShort((short) 0);
        switch (frame.icmpType) {
            case Frame.ICMPV6_ECHO_REQUEST, Frame.ICMPV6_ECHO_REPLY -> {
                out.putShort((short) (frame.flow & 0xffff)).putShort((short) frame.sequence);
                putPayload(frame, out, start + 8, length - 8);
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

    private static void encodeMobility(Frame frame, ByteBuffer out, int length) {
        int start = out.position();
        out.put((byte) NEXT_HEADER_NONE).put((byte) (length / 8 - 1)).put((byte) frame.mobilityType).put((byte) 0).putShort((short) 0);
        long lifetimeUnits = Math.min(0xffff, (frame.mobilityLifetimeNs + 3_999_999_999L) / 4_000_000_000L);
        switch (frame.mobilityType) {
            case Frame.MH_BINDING_UPDATE -> {
                out.putShort((short) frame.mobilitySequence);
                int flags = (frame.acknowledge ? 0x8000 : 0) | (frame.homeRegistration ? 0x4000 | 0x2000 : 0);
                out.putShort((short) flags).putShort((short) lifetimeUnits);
            }
            case Frame.MH_BINDING_ACK -> {
                out.put((byte) frame.mobilityStatus).put((byte) 0).putShort((short) frame.mobilitySequence).putShort((short) lifetimeUnits);
            }
            case Frame.MH_HOME_TEST_INIT, Frame.MH_CARE_OF_TEST_INIT -> {
                out.putShort((short) 0).putLong(cookie(frame));
            }
            case Frame.MH_HOME_TEST, Frame.MH_CARE_OF_TEST -> {
                out.putShort((short) frame.mobilitySequence).putLong(cookie(frame)).putLong(cookie(frame) * 31 + 7);
            }
            default -> out.putShort((short) 0);
        }
        int padding = start + length - out.position();
        if (padding >= 2) {
            out.put((byte) 1).put((byte) (padding - 2));
            out.position(start + length);
        } else if (padding == 1) {
            out.put((byte) 0);
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
    private static void putPayload(Frame frame, ByteBuffer out, int offset, int length) {
        ByteBuffer payload = ByteBuffer.allocate(Math.max(length, 0));
        if (length >= 20) {
            payload.putInt(frame.flow).putLong(frame.sequence).putLong(frame.probeSentNs);
        }
        out.position(offset);
        out.put(payload.array(), 0, Math.max(length, 0));
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
