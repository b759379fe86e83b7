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
    MIGRATION
}
