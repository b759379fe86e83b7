package org.warplab.live.agent;

import java.util.Optional;
import org.warplab.model.AnnounceKind;
import org.warplab.model.Ipv4Address;
import org.warplab.model.MacAddress;
import org.warplab.wire.ArpPacket;
import org.warplab.wire.EthernetFrame;
import org.warplab.wire.Wire;

/**
 * The announcement frames a hypervisor sends after a move, built and recognized byte by byte:
 * RARP as QEMU's announce-self writes it (ethertype 0x8035, opcode 3 "request reverse", the VM's
 * MAC as sender and target, no IP) and gratuitous ARP as Xen does (an ARP request for the VM's own IP).
 */
public final class Frames {

    public static final int ETHERTYPE_ARP = Wire.ETHERTYPE_ARP;
    public static final int ETHERTYPE_RARP = Wire.ETHERTYPE_RARP;
    static final int FRAME_BYTES = EthernetFrame.MINIMUM_BYTES; // ARP's 42 bytes are padded

    private Frames() {
    }

    /** A recognized announcement: who, and (for GARP) at which IPv4 address. */
    public record Announcement(AnnounceKind kind, MacAddress mac, Ipv4Address address) { }

    public static byte[] rarp(MacAddress vm) {
        return arpLike(ETHERTYPE_RARP, new ArpPacket(ArpPacket.REVERSE_REQUEST, vm, new Ipv4Address(0), vm, new Ipv4Address(0)));
    }

    public static byte[] garp(MacAddress vm, Ipv4Address address) {
        return arpLike(ETHERTYPE_ARP, new ArpPacket(ArpPacket.REQUEST, vm, address, new MacAddress(0), address));
    }

    private static byte[] arpLike(int ethertype, ArpPacket body) {
        return EthernetFrame.of(MacAddress.BROADCAST, body.senderMac(), ethertype, body.encode()).encode(FRAME_BYTES);
    }

    /** The announcement in {@code frame}, if it is one: a RARP reverse request, or an ARP whose sender and target IP are equal. */
    public static Optional<Announcement> parse(byte[] frame) {
        Optional<EthernetFrame> ethernet = EthernetFrame.decode(frame).ok();
        if (ethernet.isEmpty() || (ethernet.get().etherType() != ETHERTYPE_RARP && ethernet.get().etherType() != ETHERTYPE_ARP)) {
            return Optional.empty();
        }
        Optional<ArpPacket> arp = ArpPacket.decode(ethernet.get().payload().toArray()).ok();
        if (arp.isEmpty()) {
            return Optional.empty();
        }
        ArpPacket a = arp.get();
        if (ethernet.get().etherType() == ETHERTYPE_RARP && a.operation() == ArpPacket.REVERSE_REQUEST) {
            return Optional.of(new Announcement(AnnounceKind.RARP, a.senderMac(), a.senderIp()));
        }
        boolean requestOrReply = a.operation() == ArpPacket.REQUEST || a.operation() == ArpPacket.REPLY;
        if (ethernet.get().etherType() == ETHERTYPE_ARP && requestOrReply && a.senderIp().equals(a.targetIp()) && a.senderIp().bits() != 0) {
            return Optional.of(new Announcement(AnnounceKind.GARP, a.senderMac(), a.senderIp()));
        }
        return Optional.empty();
    }
}
