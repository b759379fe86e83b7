package org.warplab.wire;

import java.nio.ByteBuffer;

/** A UDP datagram (RFC 768); its checksum is computed when it is written, over the pseudo-header sum the IP layer gives. */
public record UdpDatagram(int sourcePort, int destinationPort, Octets payload) {

    public static final int HEADER_BYTES = 8;

    public UdpDatagram {
        if (sourcePort < 0 || sourcePort > 0xffff || destinationPort < 0 || destinationPort > 0xffff) {
            throw new IllegalArgumentException("UDP ports are 0-65535; got " + sourcePort + ", " + destinationPort);
        }
        if (payload.length() > 0xffff - HEADER_BYTES) {
            throw new IllegalArgumentException("a UDP datagram is at most 65535 bytes");
        }
    }

    public static UdpDatagram of(int sourcePort, int destinationPort, byte[] payload) {
        return new UdpDatagram(sourcePort, destinationPort, Octets.of(payload));
    }

    public int bytes() {
        return HEADER_BYTES + payload.length();
    }

    /** With its checksum over {@code pseudoHeaderSum} (0 computed is sent as 0xffff, RFC 768). */
    public byte[] encode(long pseudoHeaderSum) {
        byte[] bytes = encodeWithoutChecksum();
        int sum = InternetChecksum.of(bytes, 0, bytes.length, pseudoHeaderSum);
        ByteBuffer.wrap(bytes).putShort(6, (short) (sum == 0 ? 0xffff : sum));
        return bytes;
    }

    /** With checksum 0, "none", which IPv4 allows (VXLAN sends it so). */
    public byte[] encodeWithoutChecksum() {
        return ByteBuffer.allocate(bytes()).putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) bytes())
                .putShort((short) 0).put(payload.shared()).array();
    }

    /** Reads a datagram; it ends where its length field says. */
    public static Decoded<UdpDatagram> decode(byte[] bytes) {
        return Decoded.read(bytes, in -> {
            int source = in.u16("UDP source port");
            int destination = in.u16("UDP destination port");
            int length = in.u16("UDP length");
            in.skip(2, "UDP checksum");
            if (length < HEADER_BYTES) {
                throw WireReader.malformed("a UDP length of " + length + " bytes, shorter than its header", in);
            }
            return new UdpDatagram(source, destination, in.octets(length - HEADER_BYTES, "UDP payload (length " + length + ")"));
        });
    }
}
