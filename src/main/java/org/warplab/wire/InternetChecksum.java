package org.warplab.wire;

import org.warplab.model.Ipv6Address;

/**
 * The Internet checksum (RFC 1071) and the IPv6 pseudo-header sum (RFC 8200 8.1) that upper-layer
 * checksums start from: one implementation for the frames the emulator exports and the ones live
 * agents put on the wire.
 */
public final class InternetChecksum {

    private InternetChecksum() {
    }

    /** The checksum of {@code length} bytes of {@code data} from {@code offset}, on top of {@code initial} (a pseudo-header sum). */
    public static int of(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((data[offset + i] & 0xff) << 8) | (data[offset + i + 1] & 0xff);
        }
        if ((length & 1) == 1) {
            sum += (data[offset + length - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** The sum of the IPv4 pseudo-header (RFC 768): source, destination, protocol and upper-layer length. */
    public static long ipv4PseudoHeader(org.warplab.model.Ipv4Address source, org.warplab.model.Ipv4Address destination, int length, int protocol) {
        int s = source.bits();
        int d = destination.bits();
        return (s >>> 16) + (s & 0xffff) + (d >>> 16) + (d & 0xffff) + protocol + length;
    }

    /** The sum of the IPv6 pseudo-header: source, destination, upper-layer length and next header. */
    public static long ipv6PseudoHeader(Ipv6Address source, Ipv6Address destination, int length, int nextHeader) {
        long sum = 0;
        for (long half : new long[] {source.high(), source.low(), destination.high(), destination.low()}) {
            sum += (half >>> 48) + ((half >>> 32) & 0xffff) + ((half >>> 16) & 0xffff) + (half & 0xffff);
        }
        return sum + (length >>> 16) + (length & 0xffff) + nextHeader;
    }
}
