package org.warplab.live.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recognizes a probe or its echo in a raw Ethernet frame, as the relay sees it on a link: UDP to
 * or from the probe port, whose payload starts with the probe's sequence number and its send time
 * (as {@link ProbeAgent} writes them; the echo carries the same bytes back). Looks through an
 * 802.1Q tag, a VXLAN encapsulation (a segment's traffic across the WAN on 4789, or on a data center's LAN link on 4790), IPv4-in-IPv6 and
 * IPv6-in-IPv6 tunnels and IPv6 extension headers, and reports the inner packet's addresses.
 */
public final class ProbeFrames {

    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int UDP = 17;
    private static final int IPV4_IN = 4;
    private static final int IPV6_IN = 41;
    /** Extension headers walked over: hop-by-hop, routing (seg6's SRH), destination options. */
    private static final int[] EXTENSIONS = {0, 43, 60};
    /** A frame nests at most this deep (a VXLAN frame carrying a tunnelled packet is already two). */
    private static final int MAX_DEPTH = 4;

    private ProbeFrames() {
    }

    /**
     * A probe ({@code echo} false: towards the probe port) or an echo (from it).
     *
     * @param sentNs the probe's send time as its sender stamped it: with {@code sequence}, names the probe
     */
    public record Probe(long sequence, long sentNs, String source, String destination, boolean echo) { }

    public static Optional<Probe> parse(byte[] frame, int probePort) {
        return frame == null ? Optional.empty() : ethernet(frame, 0, probePort, 0);
    }

    private static Optional<Probe> ethernet(byte[] f, int at, int port, int depth) {
        if (depth > MAX_DEPTH || f.length < at + 14) {
            return Optional.empty();
        }
        int ethertype = u16(f, at + 12);
        int ip = at + 14;
        if (ethertype == ETHERTYPE_VLAN) {
            if (f.length < at + 18) {
                return Optional.empty();
            }
            ethertype = u16(f, at + 16);
            ip = at + 18;
        }
        if (ethertype == ETHERTYPE_IPV4) {
            return ipv4(f, ip, port, depth);
        }
        if (ethertype == ETHERTYPE_IPV6) {
            return ipv6(f, ip, port, depth);
        }
        return Optional.empty();
    }

    private static Optional<Probe> ipv4(byte[] f, int at, int port, int depth) {
        if (f.length < at + 20 || (f[at] & 0xf0) != 0x40) {
            return Optional.empty();
        }
        int headerBytes = (f[at] & 0x0f) * 4;
        int protocol = f[at + 9] & 0xff;
        boolean fragment = (u16(f, at + 6) & 0x3fff) != 0;
        if (fragment) {
            return Optional.empty();
        }
        return transport(f, at + headerBytes, protocol, address(f, at + 12, 4), address(f, at + 16, 4), port, depth);
    }

    private static Optional<Probe> ipv6(byte[] f, int at, int port, int depth) {
        if (f.length < at + 40 || (f[at] & 0xf0) != 0x60) {
            return Optional.empty();
        }
        int next = f[at + 6] & 0xff;
        int payload = at + 40;
        while (isExtension(next) && f.length >= payload + 8) {
            int following = f[payload] & 0xff;
            payload += ((f[payload + 1] & 0xff) + 1) * 8;
            next = following;
        }
        return transport(f, payload, next, address(f, at + 8, 16), address(f, at + 24, 16), port, depth);
    }

    private static boolean isExtension(int header) {
        for (int e : EXTENSIONS) {
            if (e == header) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Probe> transport(byte[] f, int at, int protocol, String source, String destination, int port, int depth) {
        if (protocol == IPV4_IN) {
            return ipv4(f, at, port, depth + 1);
        }
        if (protocol == IPV6_IN) {
            return ipv6(f, at, port, depth + 1);
        }
        if (protocol != UDP || f.length < at + 8 || source == null || destination == null) {
            return Optional.empty();
        }
        int sourcePort = u16(f, at);
        int destinationPort = u16(f, at + 2);
        if (org.warplab.wire.Wire.isVxlanPort(destinationPort)) {
            return ethernet(f, at + 16, port, depth + 1);
        }
        boolean echo = sourcePort == port;
        if ((destinationPort != port && !echo) || f.length < at + 8 + 16) {
            return Optional.empty();
        }
        return Optional.of(new Probe(u64(f, at + 8), u64(f, at + 16), source, destination, echo));
    }

    private static int u16(byte[] f, int at) {
        return (f[at] & 0xff) << 8 | (f[at + 1] & 0xff);
    }

    private static long u64(byte[] f, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (f[at + i] & 0xff);
        }
        return value;
    }

    private static String address(byte[] f, int at, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(f, at, at + length)).getHostAddress();
        } catch (UnknownHostException e) {
            return null; // only for a wrong length, which the callers never pass
        }
    }
}
