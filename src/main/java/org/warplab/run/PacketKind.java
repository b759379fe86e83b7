package org.warplab.run;

/** What a packet in a trace is, so a reader (or an animator) can colour and filter it. */
public enum PacketKind {
    /** Client → VM probe (G.711-like UDP). */
    PROBE,
    /** VM → client echo of a probe. */
    ECHO,
    PING,
    PONG,
    ARP_REQUEST,
    ARP_REPLY,
    /** Reverse ARP announcement (ethertype 0x8035), sent by QEMU/VMware after a move. */
    RARP,
    /** Gratuitous ARP announcement, sent by Xen after a move. */
    GARP,
    /** The capture program's configuration message to a client-edge translator. */
    CONFIG,
    /** A burst of the migration stream on the management link. */
    MIGRATION,
    /** IPv6 neighbour discovery: a solicitation (also a duplicate address detection probe) and the advertisement answering it. */
    NEIGHBOR_SOLICITATION,
    NEIGHBOR_ADVERTISEMENT,
    /** An IPv6 router advertisement (radvd's, every MinRtrAdvInterval..MaxRtrAdvInterval). */
    ROUTER_ADVERTISEMENT,
    /** Mobile IPv6 (RFC 6275) mobility messages. */
    BINDING_UPDATE,
    BINDING_ACK,
    HOME_TEST_INIT,
    CARE_OF_TEST_INIT,
    HOME_TEST,
    CARE_OF_TEST
}
