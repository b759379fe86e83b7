package org.warplab.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Ipv6Address;

/**
 * An IPv6 packet (RFC 8200): the fixed header and its payload (extension headers included, see
 * {@link #chain()}), which ends where the payload length says.
 */
public record Ipv6Packet(int trafficClass, int flowLabel, int nextHeader, int hopLimit, Ipv6Address source, Ipv6Address destination,
                         Octets payload) {

    public static final int HEADER_BYTES = 40;

    public Ipv6Packet {
        if (trafficClass < 0 || trafficClass > 0xff || flowLabel < 0 || flowLabel > 0xf_ffff || nextHeader < 0 || nextHeader > 0xff
                || hopLimit < 0 || hopLimit > 0xff) {
            throw new IllegalArgumentException("an IPv6 header field is out of its range");
        }
        if (payload.length() > 0xffff) {
            throw new IllegalArgumentException("an IPv6 payload without a jumbogram option is at most 65535 bytes");
        }
    }

    public static Ipv6Packet of(int nextHeader, int hopLimit, Ipv6Address source, Ipv6Address destination, byte[] payload) {
        return new Ipv6Packet(0, 0, nextHeader, hopLimit, source, destination, Octets.of(payload));
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + payload.length());
        out.putInt(6 << 28 | trafficClass << 20 | flowLabel).putShort((short) payload.length()).put((byte) nextHeader).put((byte) hopLimit);
        out.putLong(source.high()).putLong(source.low()).putLong(destination.high()).putLong(destination.low());
        out.put(payload.shared());
        return out.array();
    }

    public static Decoded<Ipv6Packet> decode(byte[] bytes) {
        return Decoded.read(bytes, in -> {
            int word = in.u32("IPv6 version, class and flow label");
            if (word >>> 28 != 6) {
                throw WireReader.malformed("IP version " + (word >>> 28) + " where IPv6 was expected", in);
            }
            int length = in.u16("IPv6 payload length");
            int next = in.u8("next header");
            int hopLimit = in.u8("hop limit");
            Ipv6Address source = in.ipv6("source address");
            Ipv6Address destination = in.ipv6("destination address");
            return new Ipv6Packet(word >>> 20 & 0xff, word & 0xf_ffff, next, hopLimit, source, destination,
                    in.octets(length, "IPv6 payload (payload length " + length + ")"));
        });
    }

    /** The extension headers before the upper layer, and the upper layer's protocol and bytes. */
    public record Chain(List<Ipv6Extension> extensions, int upperProtocol, Octets upper) { }

    /** Walks the extension headers (hop-by-hop, routing, destination options) to the upper layer. */
    public Decoded<Chain> chain() {
        return Decoded.read(payload.shared(), in -> {
            List<Ipv6Extension> extensions = new ArrayList<>();
            int next = nextHeader;
            while (Ipv6Extension.isExtension(next)) {
                Ipv6Extension extension = Ipv6Extension.read(next, in);
                extensions.add(extension);
                next = extension.nextHeader();
            }
            return new Chain(extensions, next, in.rest());
        });
    }
}
