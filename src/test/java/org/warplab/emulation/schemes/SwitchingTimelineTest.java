package org.warplab.emulation.schemes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.warplab.emulation.Emulator;
import org.warplab.model.AnnounceKind;
import org.warplab.model.AnnounceTrigger;
import org.warplab.model.Lab;
import org.warplab.model.NetworkPaging;
import org.warplab.model.RoutingMove;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Samples;

/**
 * The switching steps of the two schemes that re-point the WAN, on the paper's lab (PDC → ADC;
 * WAN R1–C1, R2–C2, C1–C2, C1–R3, C2–R3; all costs equal), with the scheme's delays set by the
 * test: every step must land at the virtual instant its delays add up to, nanosecond for nanosecond.
 */
class SwitchingTimelineTest {

    /** Router hops from R2 (the router of ADC, where the subnet is re-advertised) in the paper's WAN. */
    private static final Map<String, Integer> HOPS_FROM_ADC = Map.of("R2", 0, "C2", 1, "C1", 2, "R3", 2, "R1", 3);

    private static long resumedAt(Emulator.Outcome outcome) {
        return outcome.trace().ofType(TraceEvent.VmResumed.class).get(0).timeNs();
    }

    @ParameterizedTest(name = "advertise {0} ns, flood {1} ns/hop, SPF {2} ns")
    @CsvSource({"0, 10000000, 0", "2000000000, 1000000, 500000000", "300000000, 0, 70000000"})
    void eachRouterSwitchesItsRouteAfterTheAdvertisementItsFloodingHopsAndItsSpf(long advertiseNs, long floodNs, long spfNs) throws Exception {
        Lab lab = Samples.lab("paging-paper").withScheme(SchemeKind.ROUTING_MOVE).withSchemeConfig(new RoutingMove(advertiseNs, floodNs, spfNs));
        Emulator.Outcome outcome = Emulator.run(lab, Emulator.Options.defaults(1));
        long resumed = resumedAt(outcome);
        Map<String, Long> switched = new LinkedHashMap<>();
        for (TraceEvent.RouteChanged change : outcome.trace().ofType(TraceEvent.RouteChanged.class)) {
            if (change.timeNs() >= resumed) {
                assertNull(switched.put(change.router(), change.timeNs()), change.router() + " switches once");
                if (change.router().equals("R2")) {
                    assertEquals("connected", change.nextHop(), "the origin reaches the subnet on its LAN");
                }
            }
        }
        assertEquals(HOPS_FROM_ADC.keySet(), switched.keySet(), "every router switches");
        HOPS_FROM_ADC.forEach((router, hops) -> assertEquals(resumed + advertiseNs + hops * floodNs + spfNs, switched.get(router).longValue(),
                router + " at " + hops + " hops"));
        MigrationMetrics m = outcome.result().migrations().get(0);
        Phase convergence = m.phases().stream().filter(p -> p.name().equals("route convergence")).findFirst().orElseThrow();
        assertEquals(new Phase("route convergence", resumed, resumed + advertiseNs + 3 * floodNs + spfNs), convergence);
        assertTrue(m.reachableAfter());
        // until R3 (the client edge) switches, its traffic goes to PDC: the client waits at least that long after the resume
        assertTrue(m.clientGapNs() >= switched.get("R3") - resumed, "gap " + m.clientGapNs() + " vs R3's switch " + (switched.get("R3") - resumed));
    }

    private static Lab paging(AnnounceTrigger trigger, long captureNs, long switchNs) {
        Lab lab = Samples.lab("paging-paper");
        NetworkPaging paper = (NetworkPaging) lab.schemeConfig(SchemeKind.NETWORK_PAGING).orElseThrow();
        return lab.withSchemeConfig(new NetworkPaging(paper.serverEdges(), paper.clientEdges(), trigger, captureNs, switchNs));
    }

    @ParameterizedTest(name = "capture {0} ns, switch {1} ns")
    @CsvSource({"0, 0", "1000000, 0", "0, 3000000", "25000000, 7000000"})
    void theSwitchingStepsTakeExactlyTheCaptureAndSwitchDelays(long captureNs, long switchNs) throws Exception {
        MigrationMetrics base = Emulator.run(paging(AnnounceTrigger.ANY, 0, 0), Emulator.Options.defaults(1)).result().migrations().get(0);
        MigrationMetrics slower = Emulator.run(paging(AnnounceTrigger.ANY, captureNs, switchNs), Emulator.Options.defaults(1)).result()
                .migrations().get(0);
        assertEquals(captureNs, phase(slower, "capture processing").durationNs(), "the capture program's delay, exactly");
        assertEquals(phase(base, "rule switch R3").durationNs() + switchNs, phase(slower, "rule switch R3").durationNs(), "the edge's delay, exactly");
        assertEquals(phase(slower, "capture processing").durationNs() + phase(slower, "config message → R3").durationNs()
                + phase(slower, "rule switch R3").durationNs(), slower.switchingTimeNs().longValue(), "switching time is its steps end to end");
        // the message crosses the same links; sent at another instant it may queue behind another probe's frame for a few ns
        long transit = phase(slower, "config message → R3").durationNs() - phase(base, "config message → R3").durationNs();
        assertTrue(Math.abs(transit) < 1_000, "the message's transit changed by " + transit + " ns");
        assertEquals(base.migrationTimeNs(), slower.migrationTimeNs(), "the VM's move does not depend on the switching");
        // the downtime ends with the first probe to reach the VM, which waits for the edge's switch
        assertTrue(slower.downtimeNs() >= base.downtimeNs(), "a later switch never shortens the downtime");
    }

    private static Phase phase(MigrationMetrics m, String name) {
        return m.phases().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no phase '" + name + "' in " + m.phases()));
    }

    @ParameterizedTest(name = "VM announces {0}, capture waits for {1}")
    @CsvSource({"RARP, GARP", "GARP, RARP"})
    void anAnnouncementTheCaptureDoesNotWaitForTellsNoEdge(AnnounceKind announce, AnnounceTrigger trigger) throws Exception {
        Lab lab = paging(trigger, 0, 0);
        Vm vm = lab.vms().get(0);
        lab = lab.replacingNode(new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(), vm.addresses(), vm.mac(), vm.memoryMiB(), vm.diskGiB(),
                vm.dirtyPagesPerSecond(), announce, vm.runtime()));
        Emulator.Outcome outcome = Emulator.run(lab, Emulator.Options.defaults(1));
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertNull(m.switchingTimeNs(), "no switch, so no switching time");
        assertEquals(List.of(), outcome.trace().ofType(TraceEvent.AnnouncementSeen.class));
        assertEquals(List.of(), outcome.trace().ofType(TraceEvent.RuleSwitched.class));
        assertTrue(outcome.result().notes().stream().anyMatch(n -> n.startsWith("MIG1: no capture program saw vm1's announcement at ADC")),
                outcome.result().notes().toString());
        org.junit.jupiter.api.Assertions.assertFalse(m.reachableAfter(), "the client edge still sends to PDC");
    }
}
