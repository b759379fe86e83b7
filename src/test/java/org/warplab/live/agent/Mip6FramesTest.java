package org.warplab.live.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.model.IpAddress;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MacAddress;
import org.warplab.run.Capture;
import org.warplab.run.CapturedFrame;
import org.warplab.run.PcapWriter;
import org.warplab.testing.Tools;

class Mip6FramesTest {

    private static final MacAddress VM = MacAddress.parse("52:54:00:00:01:00");
    private static final MacAddress ROUTER = MacAddress.parse("02:00:00:00:02:01");
    private static final Ipv6Address CARE_OF = v6("2001:db8:2:0:5054:ff:fe00:100");
    private static final Ipv6Address HOME_AGENT = v6("2001:db8:1::1");
    private static final Ipv6Address HOME = v6("2001:db8:1::100");

    private static Ipv6Address v6(String text) {
        return (Ipv6Address) IpAddress.parse(text);
    }

    @Test
    void bindingUpdateAndAckReadBackWhatWasWritten() {
        byte[] bu = Mip6Frames.bindingUpdate(VM, ROUTER, CARE_OF, HOME_AGENT, HOME, 7, 420);
        Mip6Frames.BindingUpdate read = Mip6Frames.bindingUpdate(bu).orElseThrow();
        assertEquals(new Mip6Frames.BindingUpdate(VM, CARE_OF, HOME_AGENT, HOME, 7, 420, true, true), read);
        assertTrue(Mip6Frames.bindingAck(bu).isEmpty(), "an update is not an acknowledgement");

        byte[] ba = Mip6Frames.bindingAck(ROUTER, VM, HOME_AGENT, CARE_OF, HOME, 0, 7, 420);
        Mip6Frames.BindingAck ack = Mip6Frames.bindingAck(ba).orElseThrow();
        assertEquals(new Mip6Frames.BindingAck(HOME_AGENT, CARE_OF, HOME, 0, 7, 420), ack);
        assertTrue(ack.accepted());
        assertFalse(Mip6Frames.bindingAck(Mip6Frames.bindingAck(ROUTER, VM, HOME_AGENT, CARE_OF, HOME, 133, 7, 0)).orElseThrow().accepted());
        assertTrue(Mip6Frames.bindingUpdate(ba).isEmpty());
    }

    /**
     * A destination options header of 8 bytes whose Home Address option claims 16: the address
     * would lie past the header (here past the frame). It is not read, and the frame is no update.
     */
    @Test
    void aHomeAddressOptionLongerThanItsHeaderIsNotReadPastIt() {
        byte[] bu = Mip6Frames.bindingUpdate(VM, ROUTER, CARE_OF, HOME_AGENT, HOME, 7, 420);
        int options = 14 + 40;
        byte[] cut = java.util.Arrays.copyOf(bu, options + 8);
        cut[14 + 4] = 0;
        cut[14 + 5] = 8; // IPv6 payload length: the 8-byte header only
        cut[options + 1] = 0; // header length: 8 bytes; PadN(2) then "201, 16" with 2 bytes left
        assertTrue(Mip6Frames.bindingUpdate(cut).isEmpty());
        org.warplab.wire.Ipv6Packet packet = org.warplab.wire.Ipv6Packet.decode(java.util.Arrays.copyOfRange(cut, 14, cut.length)).ok().orElseThrow();
        org.warplab.wire.Decoded<?> home = packet.chain().ok().orElseThrow().extensions().get(0).homeAddress();
        assertTrue(home instanceof org.warplab.wire.Decoded.Malformed<?> m && m.reason().contains("option 201 of 16 bytes"), home.toString());
    }

    @Test
    void dadSolicitationGoesToTheSolicitedNodeGroupFromTheUnspecifiedAddress() {
        byte[] ns = Mip6Frames.dadSolicitation(VM, CARE_OF);
        assertEquals(CARE_OF, Mip6Frames.dadTarget(ns).orElseThrow());
        // 33:33:ff + the target's last 24 bits
        assertEquals("33:33:ff:00:01:00", MacAddress.parse(String.format("%02x:%02x:%02x:%02x:%02x:%02x",
                ns[0], ns[1], ns[2], ns[3], ns[4], ns[5])).toString());
        assertTrue(Mip6Frames.neighborAdvertisementTarget(ns).isEmpty());
    }

    /** tshark is the judge: the frames are what Wireshark calls a Binding Update and Acknowledgement, checksums right. */
    @Test
    void tsharkDecodesTheFramesWithGoodChecksums(@TempDir Path dir) throws Exception {
        Path tshark = Tools.require("tshark");
        Path file = dir.resolve("mip6.pcap");
        PcapWriter.write(new Capture("test", "Mobile IPv6 frames", List.of(
                new CapturedFrame(1_000, Mip6Frames.dadSolicitation(VM, CARE_OF)),
                new CapturedFrame(2_000, Mip6Frames.bindingUpdate(VM, ROUTER, CARE_OF, HOME_AGENT, HOME, 7, 420)),
                new CapturedFrame(3_000, Mip6Frames.bindingAck(ROUTER, VM, HOME_AGENT, CARE_OF, HOME, 0, 7, 420)))), file);
        Tools.Result result = Tools.run(List.of(tshark.toString(), "-r", file.toString(), "-V"));
        assertTrue(result.ok(), result.output());
        String text = result.output();
        assertFalse(text.toLowerCase().contains("malformed"), text);
        assertFalse(text.contains("[Checksum Status: Bad]") || text.contains("incorrect"), text);
        assertTrue(text.contains("Neighbor Solicitation"), text);
        assertTrue(text.contains("[Checksum Status: Good]"), "tshark checks the ICMPv6 checksum: " + text);
        assertTrue(text.contains("Binding Update"), text);
        assertTrue(text.contains("Binding Acknowledgement"), text);
        assertTrue(text.contains("Home Address: " + HOME), text);
        assertTrue(text.contains("Sequence number: 7"), text);
    }
}
