package org.warplab.emulation.schemes;

import org.warplab.emulation.Emulator;
import org.warplab.emulation.EmulatorTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.model.Lab;
import org.warplab.model.SegmentGateway;
import org.warplab.model.SegmentIdKind;
import org.warplab.model.Segmentation;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.PacketKind;
import org.warplab.run.RunExports;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Tools;

class SegmentationEmulationTest {

    static Lab tenants() throws Exception {
        return EmulatorTest.lab("segmentation-tenants");
    }

    static Lab with(Lab lab, SegmentIdKind kind, List<Long> ids, SegmentGateway gateway) {
        Segmentation s = lab.schemeConfig(Segmentation.class).orElseThrow();
        List<Segmentation.Segment> segments = new java.util.ArrayList<>();
        for (int i = 0; i < s.segments().size(); i++) {
            Segmentation.Segment segment = s.segments().get(i);
            segments.add(new Segmentation.Segment(segment.name(), ids == null ? segment.id() : ids.get(i), segment.members()));
        }
        return lab.withSchemeConfig(new Segmentation(kind, segments, s.endpoints(), gateway));
    }

    static Set<String> flowsDeliveredAt(Emulator.Outcome outcome, String node) {
        return outcome.trace().ofType(TraceEvent.Delivered.class).stream().filter(d -> d.node().equals(node) && d.flow() != null)
                .map(TraceEvent.Delivered::flow).collect(Collectors.toSet());
    }

    @Test
    void identicalAddressesInTwoTenantsNeverMix() throws Exception {
        Emulator.Outcome outcome = Emulator.run(tenants(), Emulator.Options.defaults(1));
        // both VMs are 192.168.1.10; each sees only its own tenant's probes, before and after the move
        assertEquals(Set.of("P1"), flowsDeliveredAt(outcome, "red1"));
        assertEquals(Set.of("P2"), flowsDeliveredAt(outcome, "blue1"));
        assertEquals(Set.of("P1"), flowsDeliveredAt(outcome, "UR"));
        assertEquals(Set.of("P2"), flowsDeliveredAt(outcome, "UB"));
        // the red VM's announcements stay in the red segment: no blue bridge or blue VM hears them
        Set<Long> announcements = outcome.trace().ofType(TraceEvent.PacketSent.class).stream()
                .filter(p -> p.kind() == PacketKind.RARP && p.fromNode().equals("red1")).map(TraceEvent.PacketSent::packetId).collect(Collectors.toSet());
        assertFalse(announcements.isEmpty());
        assertTrue(outcome.trace().ofType(TraceEvent.HopArrived.class).stream()
                .noneMatch(h -> announcements.contains(h.packetId()) && (h.node().equals("blue1") || h.node().endsWith("/blue"))));
        assertTrue(outcome.trace().ofType(TraceEvent.FdbUpdated.class).stream()
                .noneMatch(f -> f.lan().endsWith("/blue") && f.mac().equals("52:54:00:aa:00:10")));
    }

    @Test
    void theMovedVmIsReachableInItsOwnSegmentAndTheBlueTenantIsUnaffected() throws Exception {
        Emulator.Outcome outcome = Emulator.run(tenants(), Emulator.Options.defaults(1));
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertTrue(m.reachableAfter());
        assertEquals("192.168.1.10", m.address());
        assertTrue(m.pathAfter().contains("DCB") && m.pathAfter().contains("red1"), m.pathAfter());
        assertNotNull(m.switchingTimeNs(), "every endpoint of the red segment learned the VM's new place");
        long resumed = outcome.trace().ofType(TraceEvent.VmResumed.class).get(0).timeNs();
        assertTrue(outcome.trace().ofType(TraceEvent.Delivered.class).stream()
                .anyMatch(d -> d.node().equals("red1") && d.timeNs() > resumed && "P1".equals(d.flow())));
        // the blue tenant's flow loses nothing and never waits longer than a few probe intervals
        assertTrue(outcome.trace().ofType(TraceEvent.Dropped.class).stream().noneMatch(d -> "P2".equals(d.flow())),
                "no blue probe is dropped");
        List<Long> blueEchoes = outcome.trace().ofType(TraceEvent.Delivered.class).stream()
                .filter(d -> d.node().equals("UB") && "P2".equals(d.flow())).map(TraceEvent::timeNs).toList();
        long interval = tenants().traffic().get(1).intervalNs();
        for (int i = 1; i < blueEchoes.size(); i++) {
            assertTrue(blueEchoes.get(i) - blueEchoes.get(i - 1) <= interval + 1_000_000, "blue gap at " + blueEchoes.get(i));
        }
    }

    @Test
    void theGatewayAtTheOriginSiteMakesTheReplyHairpinAndALocalGatewayDoesNot() throws Exception {
        MigrationMetrics origin = EmulatorTest.first(with(tenants(), SegmentIdKind.VNI, null, SegmentGateway.ORIGIN_SITE));
        MigrationMetrics everySite = EmulatorTest.first(with(tenants(), SegmentIdKind.VNI, null, SegmentGateway.EVERY_SITE));
        String hairpin = origin.pathAfter().substring(origin.pathAfter().indexOf("red1"));
        assertTrue(hairpin.contains("EA"), "the reply goes back through DC-A's edge: " + hairpin);
        String local = everySite.pathAfter().substring(everySite.pathAfter().indexOf("red1"));
        assertFalse(local.contains("EA"), "the reply leaves by DC-B's own gateway: " + local);
        assertTrue(origin.latencyAfterNs() > everySite.latencyAfterNs(), "the hairpin costs latency");
        assertTrue(origin.latencyAfterNs() > origin.latencyBeforeNs());
    }

    @Test
    void vlanSegmentsAreTaggedOnTheLanAndCarriedByVxlanAcrossTheWan(@TempDir Path dir) throws Exception {
        Path tshark = Tools.require("tshark");
        Emulator.Outcome outcome = Emulator.run(with(tenants(), SegmentIdKind.VLAN, List.of(10L, 20L), SegmentGateway.ORIGIN_SITE),
                Emulator.Options.defaults(1));
        assertTrue(outcome.result().migrations().get(0).reachableAfter());
        RunExports.writeCaptures(outcome.captures(), dir);
        String lan = MobileIpv6EmulationTest.tshark(tshark, dir.resolve("L1.pcap"), "vlan.id");
        assertTrue(lan.lines().anyMatch(l -> l.equals("10")) && lan.lines().anyMatch(l -> l.equals("20")), "802.1Q tags 10 and 20 on DC-A's link");
        String wan = MobileIpv6EmulationTest.tshark(tshark, dir.resolve("W2.pcap"), "vxlan.vni");
        assertTrue(wan.lines().anyMatch(l -> l.equals("10")), "the VLAN-10 segment crosses the WAN as VXLAN VNI 10");
        String protocols = MobileIpv6EmulationTest.tshark(tshark, dir.resolve("W2.pcap"), "frame.protocols");
        assertTrue(protocols.contains("ip:udp:vxlan:eth:ethertype:ip:udp"));
        assertFalse(MobileIpv6EmulationTest.tshark(tshark, dir.resolve("W2.pcap"), "_ws.expert.message").toLowerCase().contains("malformed"));
    }

    @Test
    void theSameSeedGivesTheSameTrace() throws Exception {
        assertEquals(Emulator.run(tenants(), Emulator.Options.defaults(2)).trace(), Emulator.run(tenants(), Emulator.Options.defaults(2)).trace());
    }
}
