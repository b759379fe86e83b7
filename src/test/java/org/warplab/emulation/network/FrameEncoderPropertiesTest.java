package org.warplab.emulation.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.warplab.model.Ipv4Address;
import org.warplab.model.MacAddress;
import org.warplab.run.PacketKind;
import org.warplab.wire.ArpPacket;
import org.warplab.wire.Decoded;
import org.warplab.wire.EthernetFrame;
import org.warplab.wire.InternetChecksum;
import org.warplab.wire.Ipv4Packet;
import org.warplab.wire.UdpDatagram;
import org.warplab.wire.VxlanHeader;
import org.warplab.wire.Wire;

/**
 * The emulator's frames as the pcap export writes them, read back by the wire package a live
 * capture is read with: every field the emulator set comes back, lengths match what the links
 * charged for ({@link Frame#frameBytes()}), and the checksums verify.
 */
class FrameEncoderPropertiesTest {

    private static <T> T ok(Decoded<T> decoded, String what) {
        if (decoded instanceof Decoded.Ok<T> value) {
            return value.value();
        }
        fail(what + " does not decode: " + decoded);
        return null;
    }

    /** A UDP datagram in IPv4 in Ethernet, layer by layer. */
    private static Frame udp(long mac, int source, int destination, int ttl, int ipBytes, int sourcePort, int destinationPort, long id) {
        Frame frame = ethernet(mac, Frame.ETHERTYPE_IPV4, id);
        ipv4(frame, source, destination, ttl, ipBytes);
        frame.sourcePort = sourcePort;
        frame.destinationPort = destinationPort;
        return frame;
    }

    private static Frame ethernet(long mac, int etherType, long id) {
        Frame frame = new Frame();
        frame.id = id;
        frame.kind = etherType == Frame.ETHERTYPE_IPV4 ? PacketKind.PROBE : PacketKind.ARP_REQUEST;
        frame.etherType = etherType;
        frame.sourceMac = mac;
        frame.destinationMac = mac ^ 0x0000_0000_ff00L;
        return frame;
    }

    private static void ipv4(Frame frame, int source, int destination, int ttl, int ipBytes) {
        frame.sourceIp = source;
        frame.destinationIp = destination;
        frame.protocol = Frame.PROTOCOL_UDP;
        frame.ttl = ttl;
        frame.ipBytes = ipBytes;
    }

    @Property(tries = 200)
    void aUdpProbeComesBackFieldForField(@ForAll long mac, @ForAll int source, @ForAll int destination, @ForAll @IntRange(min = 1, max = 255) int ttl,
                                        @ForAll @IntRange(min = 28, max = 1500) int ipBytes, @ForAll @IntRange(min = 0, max = 65535) int sourcePort,
                                        @ForAll @IntRange(min = 0, max = 65535) int destinationPort, @ForAll @IntRange(min = 0, max = 4094) int vlan,
                                        @ForAll long id) {
        long mac48 = mac & 0xfeff_ffff_ffffL; // unicast
        int port = destinationPort == Wire.VXLAN_PORT ? destinationPort + 2 : destinationPort; // VXLAN has its own property
        Frame frame = udp(mac48, source, destination, ttl, ipBytes, sourcePort, port, id);
        frame.vlan = vlan;
        byte[] bytes = FrameEncoder.encode(frame);
        assertEquals(frame.frameBytes(), bytes.length, "the bytes the links charged for");
        EthernetFrame ethernet = ok(EthernetFrame.decode(bytes), "Ethernet");
        assertEquals(new MacAddress(frame.destinationMac), ethernet.destination());
        assertEquals(new MacAddress(mac48), ethernet.source());
        assertEquals(vlan == 0 ? java.util.Optional.empty() : java.util.Optional.of(vlan), ethernet.vlan().map(EthernetFrame.VlanTag::id));
        assertEquals(Frame.ETHERTYPE_IPV4, ethernet.etherType());
        Ipv4Packet ip = ok(Ipv4Packet.decode(ethernet.payload().toArray()), "IPv4");
        assertEquals(ipBytes, ip.totalBytes(), "IPv4 total length");
        assertEquals(new Ipv4Address(source), ip.source());
        assertEquals(new Ipv4Address(destination), ip.destination());
        assertEquals(ttl, ip.ttl());
        assertEquals(Frame.PROTOCOL_UDP, ip.protocol());
        assertEquals((int) (id & 0xffff), ip.identification());
        UdpDatagram datagram = ok(UdpDatagram.decode(ip.payload().toArray()), "UDP");
        assertEquals(sourcePort, datagram.sourcePort());
        assertEquals(port, datagram.destinationPort());
        assertEquals(ipBytes - Ipv4Packet.HEADER_BYTES, datagram.bytes(), "UDP length");
        byte[] segment = ip.payload().toArray();
        long pseudo = InternetChecksum.ipv4PseudoHeader(ip.source(), ip.destination(), segment.length, Frame.PROTOCOL_UDP);
        assertEquals(0, InternetChecksum.of(segment, 0, segment.length, pseudo), "the UDP checksum verifies");
    }

    @Property(tries = 200)
    void aVxlanFrameCarriesItsInnerFrameWhole(@ForAll long mac, @ForAll int source, @ForAll int destination,
                                              @ForAll @IntRange(min = 0, max = 0xff_ffff) int vni, @ForAll @IntRange(min = 28, max = 1400) int innerIpBytes) {
        long mac48 = mac & 0xfeff_ffff_ffffL;
        Frame inner = udp(mac48 ^ 0x0200_0000_0000L, destination, source, 64, innerIpBytes, 40000, 7, 3);
        Frame outer = udp(mac48, source, destination, 64, Frame.VXLAN_OVERHEAD_BYTES + inner.frameBytes(), 49152, Wire.VXLAN_PORT, 3);
        outer.inner = inner;
        outer.vni = vni;
        EthernetFrame ethernet = ok(EthernetFrame.decode(FrameEncoder.encode(outer)), "outer Ethernet");
        Ipv4Packet ip = ok(Ipv4Packet.decode(ethernet.payload().toArray()), "outer IPv4");
        assertEquals(outer.ipBytes, ip.totalBytes());
        UdpDatagram datagram = ok(UdpDatagram.decode(ip.payload().toArray()), "outer UDP");
        assertEquals(Wire.VXLAN_PORT, datagram.destinationPort());
        VxlanHeader vxlan = ok(VxlanHeader.decode(datagram.payload().toArray()), "VXLAN");
        assertEquals(vni, vxlan.vni());
        assertTrue(java.util.Arrays.equals(FrameEncoder.encode(inner), vxlan.inner().toArray()), "the inner frame, byte for byte");
    }

    private static void arpBody(Frame frame, int senderIp, long targetMac, int targetIp) {
        frame.senderMac = frame.sourceMac;
        frame.senderIp = senderIp;
        frame.targetMac = targetMac;
        frame.targetIp = targetIp;
    }

    @Property(tries = 200)
    void anArpFrameComesBackFieldForFieldPaddedToTheMinimum(@ForAll @IntRange(min = 1, max = 2) int operation, @ForAll long senderMac,
                                                           @ForAll int senderIp, @ForAll long targetMac, @ForAll int targetIp) {
        Frame frame = ethernet(senderMac & 0xffff_ffff_ffffL, Frame.ETHERTYPE_ARP, 1);
        frame.kind = operation == 1 ? PacketKind.ARP_REQUEST : PacketKind.ARP_REPLY;
        frame.destinationMac = NetworkContext.BROADCAST_MAC;
        frame.arpOperation = operation;
        arpBody(frame, senderIp, targetMac & 0xffff_ffff_ffffL, targetIp);
        byte[] bytes = FrameEncoder.encode(frame);
        assertEquals(60, bytes.length, "an ARP frame is padded to Ethernet's 60-byte minimum");
        EthernetFrame ethernet = ok(EthernetFrame.decode(bytes), "Ethernet");
        ArpPacket arp = ok(ArpPacket.decode(ethernet.payload().toArray()), "ARP");
        assertEquals(new ArpPacket(operation, new MacAddress(frame.senderMac), new Ipv4Address(senderIp), new MacAddress(frame.targetMac),
                new Ipv4Address(targetIp)), arp);
    }
}
