package org.warplab.wire;

/** The numbers the wire formats share: EtherTypes, IP protocol numbers, the VXLAN ports. */
public final class Wire {

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_RARP = 0x8035;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int ETHERTYPE_IPV6 = 0x86DD;

    public static final int PROTOCOL_HOP_BY_HOP = 0;
    public static final int PROTOCOL_ICMP = 1;
    public static final int PROTOCOL_IPV4_IN_IP = 4;
    public static final int PROTOCOL_UDP = 17;
    public static final int PROTOCOL_IPV6_IN_IP = 41;
    public static final int PROTOCOL_ROUTING = 43;
    public static final int PROTOCOL_ICMPV6 = 58;
    public static final int PROTOCOL_NONE = 59;
    public static final int PROTOCOL_DESTINATION_OPTIONS = 60;
    public static final int PROTOCOL_MOBILITY = 135;

    /** VXLAN's IANA port (RFC 7348): the segments' tunnels across the WAN. */
    public static final int VXLAN_PORT = 4789;
    /**
     * The port of the VXLAN that carries a data center's segments over its LAN link to its router
     * (generated configs, segment transport VXLAN, link-local underlay), apart from the WAN tunnels' 4789.
     */
    public static final int LAN_VXLAN_PORT = 4790;

    private Wire() {
    }

    /** Whether UDP to {@code port} carries VXLAN in the configs WarPlab generates. */
    public static boolean isVxlanPort(int port) {
        return port == VXLAN_PORT || port == LAN_VXLAN_PORT;
    }
}
