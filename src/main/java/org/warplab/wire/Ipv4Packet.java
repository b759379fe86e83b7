package org.warplab.wire;

import java.nio.ByteBuffer;
import org.warplab.model.Ipv4Address;

/**
 * An IPv4 packet (RFC 791). The header checksum is computed when it is written and not kept;
 * the payload ends where the total length says, so Ethernet padding never becomes payload.
 *
 * @param flagsAndFragment the flags (don't fragment 0x4000, more fragments 0x2000) and the fragment offset in 8-byte units
 * @param options          header options, a multiple of 4 bytes, at most 40
 */
public record Ipv4Packet(int typeOfService, int identification, int flagsAndFragment, int ttl, int protocol, Ipv4Address source,
                         Ipv4Address destination, Octets options, Octets payload) {

    public static final int HEADER_BYTES = 20;
    public static final int DONT_FRAGMENT = 0x4000;

    public Ipv4Packet {
        if (typeOfService < 0 || typeOfService > 0xff || identification < 0 || identification > 0xffff || flagsAndFragment < 0
                || flagsAndFragment > 0xffff || ttl < 0 || ttl > 0xff || protocol < 0 || protocol > 0xff) {
            throw new IllegalArgumentException("an IPv4 header field is out of its range");
        }
        if (options.length() % 4 != 0 || options.length() > 40) {
            throw new IllegalArgumentException("IPv4 options are a multiple of 4 bytes, at most 40; got " + options.length());
        }
        if (HEADER_BYTES + options.length() + payload.length() > 0xffff) {
            throw new IllegalArgumentException("an IPv4 packet is at most 65535 bytes");
        }
    }

    public static Ipv4Packet of(int identification, int ttl, int protocol, Ipv4Address source, Ipv4Address destination, byte[] payload) {
        return new Ipv4Packet(0, identification, DONT_FRAGMENT, ttl, protocol, source, destination, Octets.EMPTY, Octets.of(payload));
    }

    public int totalBytes() {
        return HEADER_BYTES + options.length() + payload.length();
    }

    /** A fragment (more to come, or not the first): its payload is not a whole upper-layer packet. */
    public boolean isFragment() {
        return (flagsAndFragment & 0x3fff) != 0;
    }

    /** The pseudo-header sum an upper-layer checksum (UDP) starts from. */
    public long pseudoHeaderSum(int upperLength) {
        return InternetChecksum.ipv4PseudoHeader(source, destination, upperLength, protocol);
    }

    public byte[] encode() {
        int headerBytes = HEADER_BYTES + options.length();
        ByteBuffer out = ByteBuffer.allocate(totalBytes());
        out.put((byte) (0x40 | headerBytes / 4)).put((byte) typeOfService).putShort((short) totalBytes());
        out.putShort((short) identification).putShort((short) flagsAndFragment);
        out.put((byte) ttl).put((byte) protocol).putShort((short) 0);
        out.put(source.toBytes()).put(destination.toBytes()).put(options.shared());
        out.putShort(10, (short) InternetChecksum.of(out.array(), 0, headerBytes, 0));
        out.put(payload.shared());
        return out.array();
    }

    public static Decoded<Ipv4Packet> decode(byte[] bytes) {
        return Decoded.read(bytes, in -> {
            int first = in.u8("IPv4 version and header length");
            if (first >>> 4 != 4) {
                throw WireReader.malformed("IP version " + (first >>> 4) + " where IPv4 was expected", in);
            }
            int headerBytes = (first & 0x0f) * 4;
            if (headerBytes < HEADER_BYTES) {
                throw WireReader.malformed("an IPv4 header length of " + headerBytes + " bytes (at least 20)", in);
            }
            int tos = in.u8("type of service");
            int total = in.u16("IPv4 total length");
            if (total < headerBytes) {
                throw WireReader.malformed("an IPv4 total length of " + total + " bytes, shorter than its " + headerBytes + "-byte header", in);
            }
            int id = in.u16("identification");
            int flags = in.u16("flags and fragment offset");
            int ttl = in.u8("TTL");
            int protocol = in.u8("protocol");
            in.skip(2, "header checksum");
            Ipv4Address source = in.ipv4("source address");
            Ipv4Address destination = in.ipv4("destination address");
            Octets options = in.octets(headerBytes - HEADER_BYTES, "IPv4 options");
            Octets payload = in.octets(total - headerBytes, "IPv4 payload (total length " + total + ")");
            return new Ipv4Packet(tos, id, flags, ttl, protocol, source, destination, options, payload);
        });
    }
}
