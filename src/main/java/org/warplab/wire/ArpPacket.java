package org.warplab.wire;

import java.nio.ByteBuffer;
import org.warplab.model.Ipv4Address;
import org.warplab.model.MacAddress;

/**
 * An ARP or RARP body for Ethernet and IPv4 (RFC 826, RFC 903): the EtherType around it says
 * which. Operations: 1 request, 2 reply, 3 reverse request, 4 reverse reply.
 */
public record ArpPacket(int operation, MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp) {

    public static final int BYTES = 28;
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    public static final int REVERSE_REQUEST = 3;

    public ArpPacket {
        if (operation < 0 || operation > 0xffff) {
            throw new IllegalArgumentException("an ARP operation is 16 bits; got " + operation);
        }
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(BYTES);
        out.putShort((short) 1).putShort((short) Wire.ETHERTYPE_IPV4).put((byte) 6).put((byte) 4).putShort((short) operation);
        out.put(senderMac.toBytes()).put(senderIp.toBytes()).put(targetMac.toBytes()).put(targetIp.toBytes());
        return out.array();
    }

    /** Reads the body at the start of {@code bytes}; what follows it (Ethernet padding) is ignored. */
    public static Decoded<ArpPacket> decode(byte[] bytes) {
        return Decoded.read(bytes, in -> {
            int hardware = in.u16("ARP hardware type");
            int protocol = in.u16("ARP protocol type");
            int hardwareLength = in.u8("ARP hardware address length");
            int protocolLength = in.u8("ARP protocol address length");
            if (hardware != 1 || protocol != Wire.ETHERTYPE_IPV4 || hardwareLength != 6 || protocolLength != 4) {
                throw WireReader.malformed("ARP for hardware " + hardware + "/protocol 0x" + Integer.toHexString(protocol)
                        + " with address lengths " + hardwareLength + "/" + protocolLength + "; only Ethernet/IPv4 (1/0x800, 6/4) is read", in);
            }
            return new ArpPacket(in.u16("ARP operation"), in.mac("sender MAC"), in.ipv4("sender IP"), in.mac("target MAC"), in.ipv4("target IP"));
        });
    }
}
