package org.warplab.emulation;

import java.util.ArrayList;
import java.util.List;
import org.warplab.run.PacketKind;

/**
 * One Ethernet frame in flight: the Ethernet header, then either an IPv4 packet (UDP or ICMP
 * echo) or an ARP/RARP body. Routers rewrite it in place as it travels (MACs, TTL, translated
 * addresses), so a switch flooding it hands each port its own copy.
 */
final class Frame {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_RARP = 0x8035;
    static final int PROTOCOL_ICMP = 1;
    static final int PROTOCOL_UDP = 17;
    static final int ETHERNET_HEADER_BYTES = 14;
    static final int ARP_BODY_BYTES = 28;
    /** Preamble, start delimiter, FCS and inter-frame gap: what a frame costs on the wire beyond its bytes. */
    static final int WIRE_OVERHEAD_BYTES = 8 + 4 + 12;

    long id;
    PacketKind kind;
    long sourceMac;
    long destinationMac;
    int etherType;

    // IPv4
    int sourceIp;
    int destinationIp;
    int protocol;
    int ttl;
    /** IP total length (header included). */
    int ipBytes;
    int sourcePort;
    int destinationPort;

    // ARP / RARP
    int arpOperation;
    long senderMac;
    int senderIp;
    long targetMac;
    int targetIp;

    // What the probe carries: its flow, its sequence number, when the client sent it.
    int flow = -1;
    long sequence;
    long probeSentNs;

    /** A configuration message, or the migration stream burst this frame stands for. */
    Object control;
    /** For a migration burst: the bytes of the many MTU-sized frames it stands for. */
    long bulkBytes;

    /** Nodes crossed so far, recorded only when the run keeps a trace. */
    List<String> path;

    Frame copy() {
        Frame c = new Frame();
        c.id = id;
        c.kind = kind;
        c.sourceMac = sourceMac;
        c.destinationMac = destinationMac;
        c.etherType = etherType;
        c.sourceIp = sourceIp;
        c.destinationIp = destinationIp;
        c.protocol = protocol;
        c.ttl = ttl;
        c.ipBytes = ipBytes;
        c.sourcePort = sourcePort;
        c.destinationPort = destinationPort;
        c.arpOperation = arpOperation;
        c.senderMac = senderMac;
        c.senderIp = senderIp;
        c.targetMac = targetMac;
        c.targetIp = targetIp;
        c.flow = flow;
        c.sequence = sequence;
        c.probeSentNs = probeSentNs;
        c.control = control;
        c.bulkBytes = bulkBytes;
        c.path = path == null ? null : new ArrayList<>(path);
        return c;
    }

    boolean isIpv4() {
        return etherType == ETHERTYPE_IPV4;
    }

    /** Bytes of the frame (Ethernet header and payload, padded to the 60-byte minimum), FCS excluded. */
    int frameBytes() {
        int payload = etherType == ETHERTYPE_IPV4 ? ipBytes : ARP_BODY_BYTES;
        return Math.max(60, ETHERNET_HEADER_BYTES + payload);
    }

    /** Bytes this frame occupies on a link, for serialization time. */
    long wireBytes() {
        if (bulkBytes > 0) {
            return bulkBytes;
        }
        return frameBytes() + WIRE_OVERHEAD_BYTES;
    }
}
