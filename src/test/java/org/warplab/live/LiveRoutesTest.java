package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Samples;

/**
 * The way through the paper's paging lab (U–L3–R3, R3–W4–C1–W1–R1–L1–PDC, R3–W5–C2–W2–R2–L2–ADC,
 * C1–W3–C2, PDC–M1–ADC for management) at an instant, with vm1 where its moves put it.
 */
class LiveRoutesTest {

    /** vm1 leaves PDC for ADC at 1.47 s of the run, and comes back at 4 s. */
    private static final List<TraceEvent> MOVES = List.of(
            new TraceEvent.VmPaused(1_431_609_738L, "vm1", "PDC"),
            new TraceEvent.VmMoved(4_000_000_000L, "vm1", "ADC", "PDC"),
            new TraceEvent.VmMoved(1_472_602_737L, "vm1", "PDC", "ADC"),
            new TraceEvent.VmResumed(1_472_915_738L, "vm1", "ADC"));

    private static Lab lab;

    @BeforeAll
    static void load() {
        lab = Samples.lab("paging-paper");
    }

    private static List<String> links(Optional<List<String[]>> route) {
        List<String> ids = new ArrayList<>();
        route.orElseThrow().forEach(h -> ids.add(h[1]));
        return ids;
    }

    @Test
    void theWayToAVmFollowsItsMovesInTimeOrderWhateverOrderTheyWereRecordedIn() {
        LiveRoutes routes = new LiveRoutes(lab, 0, MOVES);
        assertEquals(List.of("L3", "W4", "W1", "L1", "PDC:vm1"), links(routes.route("U", "vm1", 1_000_000_000L)));
        assertEquals(List.of("L3", "W5", "W2", "L2", "ADC:vm1"), links(routes.route("U", "vm1", 2_000_000_000L)));
        assertEquals(List.of("L3", "W4", "W1", "L1", "PDC:vm1"), links(routes.route("U", "vm1", 4_000_000_000L)), "back home at 4 s");
        assertEquals("ADC", routes.locationOf("vm1", 1_472_602_737L), "moved at the instant of the move");
        assertEquals("PDC", routes.locationOf("vm1", 1_472_602_736L));
    }

    @Test
    void hostTimesAreTakenRelativeToTheRunsOrigin() {
        long origin = 8_284_981_001_951L;
        LiveRoutes routes = new LiveRoutes(lab, origin, MOVES);
        assertEquals("PDC", routes.locationOf("vm1", origin + 1_000_000_000L));
        assertEquals("ADC", routes.locationOf("vm1", origin + 2_000_000_000L));
    }

    @Test
    void eachHopNamesItsEndsSoTheWayIsConnected() {
        List<String[]> hops = new LiveRoutes(lab, 0, MOVES).route("vm1", "U", 2_000_000_000L).orElseThrow();
        assertEquals("vm1", hops.get(0)[0]);
        assertEquals("U", hops.get(hops.size() - 1)[2]);
        for (int i = 1; i < hops.size(); i++) {
            assertEquals(hops.get(i - 1)[2], hops.get(i)[0], "hop " + i + " starts where the one before it ended");
        }
        for (String[] hop : hops.subList(1, hops.size())) {
            Link link = lab.link(hop[1]).orElseThrow();
            assertTrue(link.touches(hop[0]) && link.touches(hop[2]), hop[1] + " joins " + hop[0] + " and " + hop[2]);
        }
    }

    @Test
    void aNodeToItselfIsNoHopAndBetweenRoutersTheStaticRoutesDecide() {
        LiveRoutes routes = new LiveRoutes(lab, 0, List.of());
        assertEquals(List.of(), routes.route("R3", "R3", 0).orElseThrow());
        assertEquals(List.of("W4", "W1"), links(routes.route("R3", "R1", 0)));
        assertEquals(List.of("L1", "W1", "W4", "L3"), links(routes.route("PDC", "U", 0)), "a data center through its edge router");
    }

    @Test
    void theManagementLinkCarriesNoProbes() {
        // PDC and ADC are joined directly by M1, but only for the memory copy: the way goes over the WAN
        assertEquals(List.of("L1", "W1", "W3", "W2", "L2"), links(new LiveRoutes(lab, 0, List.of()).route("PDC", "ADC", 0)));
    }

    @Test
    void noWayWhereTheLabHasNone() {
        Lab cut = lab.withLinks(lab.links().stream().filter(l -> !l.id().equals("L3")).toList());
        assertTrue(new LiveRoutes(cut, 0, List.of()).route("U", "vm1", 0).isEmpty(), "U has lost its only link");
        Lab split = lab.withLinks(lab.links().stream().filter(l -> !List.of("W4", "W5").contains(l.id())).toList());
        assertTrue(new LiveRoutes(split, 0, List.of()).route("R3", "R1", 0).isEmpty(), "R3 is cut off from the core");
    }
}
