package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Ipv6Address;
import org.warplab.run.PacketKind;

/**
 * One Ethernet frame in flight: the Ethernet header (with an 802.1Q tag when {@code vlan} is set),
 * then an IPv4 packet (UDP, ICMP echo, or VXLAN carrying an inner Ethernet frame), an IPv6 packet
 * (UDP, ICMPv6, a Mobility Header, or an inner IPv6 packet: IPv6-in-IPv6), or an ARP/RARP body.
 * Routers rewrite it in place as it travels (MACs, TTL, translated addresses), so a switch
 * flooding it hands each port its own copy.
 */
public final class Frame {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_RARP = 0x8035;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int PROTOCOL_IPV6_IN_IP = 41;
    public static final int PROTOCOL_ICMPV6 = 58;
    public static final int PROTOCOL_MOBILITY = 135;
    public static final int IPV6_HEADER_BYTES = 40;
    static final int VLAN_TAG_BYTES = 4;
    /** VXLAN over IPv4: IPv4 20 + UDP 8 + VXLAN 8 bytes before the inner Ethernet frame. */
    public static final int VXLAN_OVERHEAD_BYTES = 36;
    // ICMPv6 types
    static final int ICMPV6_ECHO_REQUEST = 128;
    static final int ICMPV6_ECHO_REPLY = 129;
    public static final int ICMPV6_ROUTER_ADVERTISEMENT = 134;
    static final int ICMPV6_NEIGHBOR_SOLICITATION = 135;
    static final int ICMPV6_NEIGHBOR_ADVERTISEMENT = 136;
    // Mobility Header types (RFC 6275 6.1.2)
    static final int MH_BINDING_REFRESH_REQUEST = 0;
    public static final int MH_HOME_TEST_INIT = 1;
    public static final int MH_CARE_OF_TEST_INIT = 2;
    public static final int MH_HOME_TEST = 3;
    public static final int MH_CARE_OF_TEST = 4;
    public static final int MH_BINDING_UPDATE = 5;
    public static final int MH_BINDING_ACK = 6;
    static final int PROTOCOL_ICMP = 1;
    public static final int PROTOCOL_UDP = 17;
    static final int ETHERNET_HEADER_BYTES = 14;
    static final int ARP_BODY_BYTES = 28;
    /** Preamble, start delimiter, FCS and inter-frame gap: what a frame costs on the wire beyond its bytes. */
    static final int WIRE_OVERHEAD_BYTES = 8 + 4 + 12;

    public long id;
    public PacketKind kind;
    public long sourceMac;
    public long destinationMac;
    public int etherType;

    // IPv4
    public int sourceIp;
    public int destinationIp;
    public int protocol;
    public int ttl;
    /** IP total length (header included). */
    public int ipBytes;
    public int sourcePort;
    public int destinationPort;

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

    // IPv6 (protocol holds the upper-layer next header, ttl the hop limit)
    public Ipv6Address source6;
    public Ipv6Address destination6;
    public int icmpType;
    /** Neighbour discovery target; the prefix of a router advertisement. */
    public Ipv6Address target6;
    public int prefixLength6;
    /** The source/target link-layer address option of neighbour discovery (0: none). */
    public long linkLayerOption;
    /** Advertisement Interval option of a router advertisement, in ms. */
    public long advertisementIntervalMs;
    /** Neighbour advertisement R flag: the sender is a router. */
    boolean routerFlag;
    public int mobilityType = -1;
    public int mobilitySequence;
    public int mobilityStatus;
    public long mobilityLifetimeNs;
    /** Binding Update flags A (acknowledge) and H (home registration). */
    public boolean acknowledge;
    public boolean homeRegistration;
    /** Home Address destination option (RFC 6275 6.3): the packet comes from this home address. */
    public Ipv6Address homeAddressOption;
    /** Type 2 routing header (RFC 6275 6.4): the packet's final destination is this home address. */
    public Ipv6Address routingHomeAddress;
    /** The encapsulated packet: an IPv6 packet (IPv6-in-IPv6) or a whole Ethernet frame (VXLAN). */
    public Frame inner;
    /** 802.1Q VLAN id on the wire (0: untagged). */
    public int vlan;
    public long vni;

    /** A configuration message, or the migration stream burst this frame stands for. */
    public Object control;
    /** For a migration burst: the bytes of the many MTU-sized frames it stands for. */
    long bulkBytes;

    /** Nodes crossed so far, recorded only when the run keeps a trace. */
    public List<String> path;

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
        c.source6 = source6;
        c.destination6 = destination6;
        c.icmpType = icmpType;
        c.target6 = target6;
        c.prefixLength6 = prefixLength6;
        c.linkLayerOption = linkLayerOption;
        c.advertisementIntervalMs = advertisementIntervalMs;
        c.routerFlag = routerFlag;
        c.mobilityType = mobilityType;
        c.mobilitySequence = mobilitySequence;
        c.mobilityStatus = mobilityStatus;
        c.mobilityLifetimeNs = mobilityLifetimeNs;
        c.acknowledge = acknowledge;
        c.homeRegistration = homeRegistration;
        c.homeAddressOption = homeAddressOption;
        c.routingHomeAddress = routingHomeAddress;
        c.inner = inner == null ? null : inner.copy();
        c.vlan = vlan;
        c.vni = vni;
        c.path = path == null ? null : new ArrayList<>(path);
        return c;
    }

    boolean isIpv4() {
        return etherType == ETHERTYPE_IPV4;
    }

    boolean isIpv6() {
        return etherType == ETHERTYPE_IPV6;
    }

    boolean isIp() {
        return etherType == ETHERTYPE_IPV4 || etherType == ETHERTYPE_IPV6;
    }

    /** The address a trace shows as the source: IP for IP packets, MAC otherwise. */
    String sourceText() {
        if (isIpv4()) {
            return Ipv4.text(sourceIp);
        }
        return isIpv6() ? source6.toString() : Ipv4.mac(sourceMac);
    }

    String destinationText() {
        if (isIpv4()) {
            return Ipv4.text(destinationIp);
        }
        return isIpv6() ? destination6.toString() : Ipv4.mac(destinationMac);
    }

    /** Bytes of the frame (Ethernet header, tag and payload, padded to the 60-byte minimum), FCS excluded. */
    public int frameBytes() {
        int payload = isIp() ? ipBytes : ARP_BODY_BYTES;
        return Math.max(60, ETHERNET_HEADER_BYTES + (vlan != 0 ? VLAN_TAG_BYTES : 0) + payload);
    }

    /** Bytes this frame occupies on a link, for serialization time. */
    long wireBytes() {
        if (bulkBytes > 0) {
            return bulkBytes;
        }
        return frameBytes() + WIRE_OVERHEAD_BYTES;
    }

    /** A new outer packet that carries {@code inner}: same id, kind, flow and sequence, so the trace follows one packet through a tunnel. */
    public static Frame carrying(Frame inner) {
        Frame outer = new Frame();
        outer.id = inner.id;
        outer.kind = inner.kind;
        outer.flow = inner.flow;
        outer.sequence = inner.sequence;
        outer.probeSentNs = inner.probeSentNs;
        return outer;
    }
}
