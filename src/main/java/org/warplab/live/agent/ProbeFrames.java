package org.warplab.live.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.warplab.wire.EthernetFrame;
import org.warplab.wire.Ipv4Packet;
import org.warplab.wire.Ipv6Packet;
import org.warplab.wire.Octets;
import org.warplab.wire.UdpDatagram;
import org.warplab.wire.VxlanHeader;
import org.warplab.wire.Wire;

/**
 * Recognizes a probe or its echo in a raw Ethernet frame, as the relay sees it on a link: UDP to
 * or from the probe port, whose payload starts with the probe's sequence number and its send time
 * (as {@link ProbeAgent} writes them; the echo carries the same bytes back). Looks through an
 * 802.1Q tag, a VXLAN encapsulation (a segment's traffic across the WAN on 4789, a data center's
 * LAN carried to the delay relay on 4790), IPv4-in-IPv6 and IPv6-in-IPv6 tunnels and IPv6
 * extension headers, and reports the inner packet's addresses. Reads through {@link org.warplab.wire},
 * so no layer is read past its own length.
 */
public final class ProbeFrames {

    /** A frame nests at most this deep (a VXLAN frame carrying a tunnelled packet is already two). */
    private static final int MAX_DEPTH = 4;
    /** The probe's sequence number and send time at the start of its payload. */
    private static final int STAMP_BYTES = 16;

    private ProbeFrames() {
    }

    /**
     * A probe ({@code echo} false: towards the probe port) or an echo (from it).
     *
     * @param sentNs the probe's send time as its sender stamped it: with {@code sequence}, names the probe
     */
    public record Probe(long sequence, long sentNs, String source, String destination, boolean echo) { }

    public static Optional<Probe> parse(byte[] frame, int probePort) {
        return frame == null ? Optional.empty() : ethernet(frame, probePort, 0);
    }

    private static Optional<Probe> ethernet(byte[] bytes, int port, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        return EthernetFrame.decode(bytes).ok().flatMap(f -> switch (f.etherType()) {
            case Wire.ETHERTYPE_IPV4 -> ipv4(f.payload(), port, depth);
            case Wire.ETHERTYPE_IPV6 -> ipv6(f.payload(), port, depth);
            default -> Optional.empty();
        });
    }

    private static Optional<Probe> ipv4(Octets bytes, int port, int depth) {
        return Ipv4Packet.decode(bytes.toArray()).ok().filter(p -> !p.isFragment())
                .flatMap(p -> transport(p.payload(), p.protocol(), address(p.source().toBytes()), address(p.destination().toBytes()), port, depth));
    }

    private static Optional<Probe> ipv6(Octets bytes, int port, int depth) {
        Optional<Ipv6Packet> packet = Ipv6Packet.decode(bytes.toArray()).ok();
        return packet.flatMap(p -> p.chain().ok().flatMap(c -> transport(c.upper(), c.upperProtocol(), address(p.source().toBytes()),
                address(p.destination().toBytes()), port, depth)));
    }

    private static Optional<Probe> transport(Octets bytes, int protocol, String source, String destination, int port, int depth) {
        if (protocol == Wire.PROTOCOL_IPV4_IN_IP) {
            return ipv4(bytes, port, depth + 1);
        }
        if (protocol == Wire.PROTOCOL_IPV6_IN_IP) {
            return ipv6(bytes, port, depth + 1);
        }
        if (protocol != Wire.PROTOCOL_UDP) {
            return Optional.empty();
        }
        Optional<UdpDatagram> udp = UdpDatagram.decode(bytes.toArray()).ok();
        if (udp.isEmpty()) {
            return Optional.empty();
        }
        if (Wire.isVxlanPort(udp.get().destinationPort())) {
            return VxlanHeader.decode(udp.get().payload().toArray()).ok().flatMap(v -> ethernet(v.inner().toArray(), port, depth + 1));
        }
        boolean echo = udp.get().sourcePort() == port;
        if ((udp.get().destinationPort() != port && !echo) || udp.get().payload().length() < STAMP_BYTES) {
            return Optional.empty();
        }
        ByteBuffer stamp = ByteBuffer.wrap(udp.get().payload().toArray());
        return Optional.of(new Probe(stamp.getLong(), stamp.getLong(), source, destination, echo));
    }

    private static String address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e); // 4 or 16 from the wire records, never another length
        }
    }
}
