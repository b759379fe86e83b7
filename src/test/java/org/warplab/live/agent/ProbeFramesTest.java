package org.warplab.live.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.warplab.model.IpAddress;

class ProbeFramesTest {

    private static final int PORT = 7007;

    private static byte[] payload(long sequence, long sentNs) {
        return ByteBuffer.allocate(182).putLong(sequence).putLong(sentNs).array();
    }

    private static byte[] udp(int sourcePort, int destinationPort, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) sourcePort).putShort((short) destinationPort)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    private static byte[] ipv4(String source, String destination, int protocol, byte[] body) {
        ByteBuffer ip = ByteBuffer.allocate(20 + body.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + body.length)).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) protocol).putShort((short) 0)
                .put(IpAddress.parse(source).toBytes()).put(IpAddress.parse(destination).toBytes()).put(body);
        return ip.array();
    }

    private static byte[] ipv6(String source, String destination, int next, byte[] body) {
        ByteBuffer ip = ByteBuffer.allocate(40 + body.length);
        ip.putInt(0x60000000).putShort((short) body.length).put((byte) next).put((byte) 64)
                .put(IpAddress.parse(source).toBytes()).put(IpAddress.parse(destination).toBytes()).put(body);
        return ip.array();
    }

    private static byte[] ethernet(int ethertype, byte[] body) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(new byte[12]);
        frame.write(ethertype >> 8);
        frame.write(ethertype);
        frame.writeBytes(body);
        return frame.toByteArray();
    }

    @Test
    void readsAProbeAndItsEchoOverIpv4() {
        byte[] probe = ethernet(0x0800, ipv4("10.1.0.10", "172.15.10.2", 17, udp(40000, PORT, payload(73, 8_286_446_515_105L))));
        assertEquals(new ProbeFrames.Probe(73, 8_286_446_515_105L, "10.1.0.10", "172.15.10.2", false), ProbeFrames.parse(probe, PORT).orElseThrow());
        byte[] echo = ethernet(0x0800, ipv4("172.15.10.2", "10.1.0.10", 17, udp(PORT, 40000, payload(73, 5))));
        assertTrue(ProbeFrames.parse(echo, PORT).orElseThrow().echo());
    }

    @Test
    void looksThroughVxlanAVlanTagAndAnIpv6Tunnel() {
        byte[] inner = ethernet(0x0800, ipv4("10.1.0.10", "172.16.10.2", 17, udp(40000, PORT, payload(9, 99))));
        byte[] vxlanPayload = ByteBuffer.allocate(8 + inner.length).putInt(0x08000000).putInt(100 << 8).put(inner).array();
        byte[] outer = ethernet(0x0800, ipv4("10.0.1.1", "10.0.2.1", 17, udp(51000, org.warplab.wire.Wire.VXLAN_PORT, vxlanPayload)));
        assertEquals(new ProbeFrames.Probe(9, 99, "10.1.0.10", "172.16.10.2", false), ProbeFrames.parse(outer, PORT).orElseThrow());

        byte[] tagged = ethernet(0x8100, ByteBuffer.allocate(4 + inner.length - 14).putShort((short) 10).putShort((short) 0x0800)
                .put(inner, 14, inner.length - 14).array());
        assertEquals(9, ProbeFrames.parse(tagged, PORT).orElseThrow().sequence());

        byte[] tunnelled = ethernet(0x86DD, ipv6("2001:db8:1::1", "2001:db8:2::1", 41,
                ipv6("2001:db8:10::10", "2001:db8:20::2", 17, udp(40000, PORT, payload(4, 44)))));
        ProbeFrames.Probe v6 = ProbeFrames.parse(tunnelled, PORT).orElseThrow();
        assertEquals("2001:db8:20:0:0:0:0:2", v6.destination(), "the inner packet's addresses (the agent's own spelling)");
        assertEquals(4, v6.sequence());
    }

    /** The generated configs carry a data center's segments to its router in VXLAN on UDP 4790 over a link-local IPv6 underlay. */
    @Test
    void looksIntoTheLanVxlanOnPort4790() {
        byte[] inner = ethernet(0x0800, ipv4("10.1.0.10", "172.16.10.2", 17, udp(40000, PORT, payload(12, 120))));
        byte[] vxlan = ByteBuffer.allocate(8 + inner.length).putInt(0x08000000).putInt(100 << 8).put(inner).array();
        byte[] lan = ethernet(0x86DD, ipv6("fe80::2", "fe80::1", 17, udp(51000, org.warplab.wire.Wire.LAN_VXLAN_PORT, vxlan)));
        assertEquals(new ProbeFrames.Probe(12, 120, "10.1.0.10", "172.16.10.2", false), ProbeFrames.parse(lan, PORT).orElseThrow());
    }

    @Test
    void otherTrafficIsNotAProbe() {
        assertTrue(ProbeFrames.parse(ethernet(0x0800, ipv4("10.1.0.10", "172.16.10.2", 17, udp(40000, 53, payload(1, 1)))), PORT).isEmpty());
        assertTrue(ProbeFrames.parse(ethernet(0x0800, ipv4("10.1.0.10", "172.16.10.2", 6, udp(40000, PORT, payload(1, 1)))), PORT).isEmpty());
        assertTrue(ProbeFrames.parse(ethernet(0x8035, new byte[46]), PORT).isEmpty(), "a RARP");
        assertTrue(ProbeFrames.parse(new byte[10], PORT).isEmpty(), "a runt");
        byte[] truncated = ethernet(0x0800, ipv4("10.1.0.10", "172.16.10.2", 17, udp(40000, PORT, new byte[8])));
        assertTrue(ProbeFrames.parse(truncated, PORT).isEmpty(), "too short to carry a sequence and a send time");
    }
}
