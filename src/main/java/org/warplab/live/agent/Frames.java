package org.warplab.live.agent;

import java.util.Optional;
import org.warplab.model.AnnounceKind;
import org.warplab.model.Ipv4Address;
import org.warplab.model.MacAddress;

/**
 * The announcement frames a hypervisor sends after a move, built and recognized byte by byte:
 * RARP as QEMU's announce-self writes it (ethertype 0x8035, opcode 3 "request reverse", the VM's
 * MAC as sender and target, no IP) and gratuitous ARP as Xen does (an ARP request for the VM's own IP).
 */
public final class Frames {

    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_RARP = 0x8035;
    static final int FRAME_BYTES = 60; // minimum Ethernet frame without FCS; ARP's 42 bytes are padded

    private Frames() {
    }

    /** A recognized announcement: who, and (for GARP) at which IPv4 address. */
    public record Announcement(AnnounceKind kind, MacAddress mac, Ipv4Address address) { }

    public static byte[] rarp(MacAddress vm) {
        return arpLike(ETHERTYPE_RARP, 3, vm, new Ipv4Address(0), vm, new Ipv4Address(0));
    }

    public static byte[] garp(MacAddress vm, Ipv4Address address) {
        return arpLike(ETHERTYPE_ARP, 1, vm, address, new MacAddress(0), address);
    }

    private static byte[] arpLike(int ethertype, int opcode, MacAddress sender, Ipv4Address senderIp, MacAddress target, Ipv4Address targetIp) {
        byte[] frame = new byte[FRAME_BYTES];
        System.arraycopy(MacAddress.BROADCAST.toBytes(), 0, frame, 0, 6);
        System.arraycopy(sender.toBytes(), 0, frame, 6, 6);
        frame[12] = (byte) (ethertype >> 8);
        frame[13] = (byte) ethertype;
        frame[14] = 0;
        frame[15] = 1; // hardware type: Ethernet
        frame[16] = 0x08;
        frame[17] = 0x00; // protocol type: IPv4
        frame[18] = 6;
        frame[19] = 4;
        frame[20] = 0;
        frame[21] = (byte) opcode;
        System.arraycopy(sender.toBytes(), 0, frame, 22, 6);
        System.arraycopy(senderIp.toBytes(), 0, frame, 28, 4);
        System.arraycopy(target.toBytes(), 0, frame, 32, 6);
        System.arraycopy(targetIp.toBytes(), 0, frame, 38, 4);
        return frame;
    }

    /** The announcement in {@code frame}, if it is one: a RARP reverse request, or an ARP whose sender and target IP are equal. */
    public static Optional<Announcement> parse(byte[] frame) {
        if (frame.length < 42) {
            return Optional.empty();
        }
        int ethertype = (frame[12] & 0xff) << 8 | (frame[13] & 0xff);
        int opcode = (frame[20] & 0xff) << 8 | (frame[21] & 0xff);
        MacAddress sender = mac(frame, 22);
        Ipv4Address senderIp = ipv4(frame, 28);
        Ipv4Address targetIp = ipv4(frame, 38);
        if (ethertype == ETHERTYPE_RARP && opcode == 3) {
            return Optional.of(new Announcement(AnnounceKind.RARP, sender, senderIp));
        }
        if (ethertype == ETHERTYPE_ARP && (opcode == 1 || opcode == 2) && senderIp.equals(targetIp) && senderIp.bits() != 0) {
            return Optional.of(new Announcement(AnnounceKind.GARP, sender, senderIp));
        }
        return Optional.empty();
    }

    static MacAddress mac(byte[] frame, int at) {
        long bits = 0;
        for (int i = 0; i < 6; i++) {
            bits = (bits << 8) | (frame[at + i] & 0xff);
        }
        return new MacAddress(bits);
    }

    private static Ipv4Address ipv4(byte[] frame, int at) {
        return Ipv4Address.of(frame[at], frame[at + 1], frame[at + 2], frame[at + 3]);
    }
}
