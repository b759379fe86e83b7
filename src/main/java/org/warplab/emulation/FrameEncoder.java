package org.warplab.emulation;

import java.nio.ByteBuffer;

/**
 * Real bytes for a {@link Frame}: Ethernet II, then IPv4 (with header checksum) carrying UDP (with
 * its pseudo-header checksum) or ICMP echo, or an ARP/RARP body. What a capture point writes into
 * its pcap file, so tshark decodes it like a frame off the wire.
 */
final class FrameEncoder {
    private FrameEncoder() {
    }

    static byte[] encode(Frame frame) {
        byte[] bytes = new byte[frame.frameBytes()];
        ByteBuffer out = ByteBuffer.wrap(bytes);
        putMac(out, frame.destinationMac);
        putMac(out, frame.sourceMac);
        out.putShort((short) frame.etherType);
        if (frame.etherType == Frame.ETHERTYPE_IPV4) {
            encodeIpv4(frame, out);
        } else {
            out.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4);
            out.putShort((short) frame.arpOperation);
            putMac(out, frame.senderMac);
            out.putInt(frame.senderIp);
            putMac(out, frame.targetMac);
            out.putInt(frame.targetIp);
        }
        return bytes;
    }

    private static void encodeIpv4(Frame frame, ByteBuffer out) {
        int start = out.position();
        int length = frame.ipBytes;
        out.put((byte) 0x45).put((byte) 0).putShort((short) length);
        out.putShort((short) frame.id).putShort((short) 0x4000); // identification, don't fragment
        out.put((byte) frame.ttl).put((byte) frame.protocol).putShort((short) 0);
        out.putInt(frame.sourceIp).putInt(frame.destinationIp);
        out.putShort(start + 10, (short) checksum(out.array(), start, 20, 0));
        int l4 = start + 20;
        int l4Length = length - 20;
        if (frame.protocol == Frame.PROTOCOL_UDP) {
            out.putShort((short) frame.sourcePort).putShort((short) frame.destinationPort).putShort((short) l4Length).putShort((short) 0);
            putPayload(frame, out, l4 + 8, l4Length - 8);
            long pseudo = (frame.sourceIp >>> 16) + (frame.sourceIp & 0xffff) + (frame.destinationIp >>> 16)
                    + (frame.destinationIp & 0xffff) + Frame.PROTOCOL_UDP + l4Length;
            int sum = checksum(out.array(), l4, l4Length, pseudo);
            out.putShort(l4 + 6, (short) (sum == 0 ? 0xffff : sum));
        } else {
            boolean request = frame.kind == org.warplab.run.PacketKind.PING;
            out.put((byte) (request ? 8 : 0)).put((byte) 0).putShort((short) 0);
            out.putShort((short) (frame.flow & 0xffff)).putShort((short) frame.sequence);
            putPayload(frame, out, l4 + 8, l4Length - 8);
            out.putShort(l4 + 2, (short) checksum(out.array(), l4, l4Length, 0));
        }
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

    private static void putMac(ByteBuffer out, long mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.put((byte) (mac >>> shift));
        }
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes plus an initial sum. */
    static int checksum(byte[] data, int offset, int length, long initial) {
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
}
