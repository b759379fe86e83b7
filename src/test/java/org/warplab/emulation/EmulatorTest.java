package org.warplab.emulation;

import org.warplab.emulation.network.EmulationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;

public class EmulatorTest {

    public static Lab lab(String name) throws Exception {
        return LabFiles.load(Path.of("sample-labs", name + ".warplab.json")).lab();
    }

    public static MigrationMetrics first(Lab lab) throws EmulationException {
        return Emulator.run(lab, Emulator.Options.defaults(1)).result().migrations().get(0);
    }

    @Test
    void pagingKeepsTheVmReachableAtItsAddressAndReportsTheBreakdown() throws Exception {
        Emulator.Outcome outcome = Emulator.run(lab("paging-paper"), Emulator.Options.defaults(1));
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertTrue(m.reachableAfter());
        assertEquals("172.16.10.2", m.address());
        assertNotNull(m.switchingTimeNs());
        assertTrue(m.switchingTimeNs() > 0);
        assertTrue(m.downtimeNs() > 0);
        assertTrue(m.clientGapNs() >= m.downtimeNs(), "the client sees at least the downtime");
        assertTrue(m.pathBefore().contains("PDC") && m.pathAfter().contains("ADC"));
        List<String> names = m.phases().stream().map(Phase::name).toList();
        assertTrue(names.contains("pre-copy round 1"));
        assertTrue(names.contains("stop-and-copy"));
        assertTrue(names.contains("resume"));
        assertTrue(names.contains("rule switch R3"));
        long switchPhases = m.phases().stream().filter(p -> p.name().startsWith("capture") || p.name().startsWith("config")
                || p.name().startsWith("rule")).mapToLong(Phase::durationNs).sum();
        assertEquals(m.switchingTimeNs().longValue(), switchPhases, "switching time is its phases end to end");
        // The WAN sees the translated address S' while the VM is in PDC.
        assertTrue(outcome.trace().ofType(TraceEvent.Translated.class).stream().anyMatch(t -> t.to().equals("172.15.10.2")));
        assertFalse(outcome.trace().ofType(TraceEvent.RuleSwitched.class).isEmpty());
    }

    @Test
    void aLongerWanDelayLengthensTheSwitchingTime() throws Exception {
        Lab base = lab("paging-paper");
        Link w5 = base.link("W5").orElseThrow();
        Link w2 = base.link("W2").orElseThrow();
        Lab slower = base.replacingLink(w5.withDelayNs(w5.delayNs() * 10)).replacingLink(w2.withDelayNs(w2.delayNs() * 10));
        assertTrue(first(slower).switchingTimeNs() > first(base).switchingTimeNs());
    }

    @Test
    void moreMemoryLengthensTheMigration() throws Exception {
        Lab base = lab("paging-paper");
        Vm vm = base.vms().get(0);
        Vm bigger = new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(), vm.addresses(), vm.mac(), vm.memoryMiB() * 2, vm.diskGiB(),
                vm.dirtyPagesPerSecond(), vm.announce(), vm.runtime());
        MigrationMetrics small = first(base);
        MigrationMetrics large = first(base.replacingNode(bigger));
        assertTrue(large.migrationTimeNs() > small.migrationTimeNs());
        assertTrue(large.downtimeNs() >= small.downtimeNs());
    }

    @Test
    void withoutASchemeTheTrafficIsLostAfterTheMove() throws Exception {
        Emulator.Outcome outcome = Emulator.run(lab("baseline-no-scheme"), Emulator.Options.defaults(1));
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertFalse(m.reachableAfter());
        assertNull(m.switchingTimeNs());
        assertTrue(m.probesLost() > 10);
        assertTrue(outcome.trace().ofType(TraceEvent.Dropped.class).stream().anyMatch(d -> d.reason().contains("stale FDB")));
    }

    @Test
    void l2ExtensionStaysReachableButHairpins() throws Exception {
        MigrationMetrics m = first(lab("paging-paper").withScheme(SchemeKind.L2_EXTENSION));
        assertTrue(m.reachableAfter());
        assertTrue(m.latencyAfterNs() > m.latencyBeforeNs());
        assertTrue(m.pathAfter().contains("PDC → ADC"));
    }

    @Test
    void aRoutingMoveGapFollowsConvergence() throws Exception {
        MigrationMetrics m = first(lab("paging-paper").withScheme(SchemeKind.ROUTING_MOVE));
        assertTrue(m.reachableAfter());
        assertTrue(m.clientGapNs() >= org.warplab.model.RoutingMove.DEFAULT.advertisementDelayNs());
    }

    @Test
    void threeDataCentersWorkInEveryDirectionForBothSites() throws Exception {
        List<MigrationMetrics> all = Emulator.run(lab("paging-three-dc"), Emulator.Options.defaults(1)).result().migrations();
        assertEquals(List.of("DC1→DC2", "DC2→DC3", "DC3→DC1"), all.stream().map(m -> m.from() + "→" + m.to()).toList());
        for (MigrationMetrics m : all) {
            assertTrue(m.reachableAfter(), m.migration());
            assertNotNull(m.switchingTimeNs(), m.migration());
            assertEquals(2, m.flows().size());
            assertTrue(m.flows().stream().allMatch(f -> f.latencyAfterNs() > 0));
            assertTrue(m.pathAfter().contains(m.to()));
        }
    }

    @Test
    void theSameSeedGivesTheSameTrace() throws Exception {
        Lab lab = lab("paging-paper");
        Link w1 = lab.link("W1").orElseThrow();
        Lab jittery = lab.replacingLink(w1.withJitterNs(3_000_000).withLossPercent(1));
        List<TraceEvent> a = Emulator.run(jittery, Emulator.Options.defaults(5)).trace().events();
        List<TraceEvent> b = Emulator.run(jittery, Emulator.Options.defaults(5)).trace().events();
        List<TraceEvent> c = Emulator.run(jittery, Emulator.Options.defaults(6)).trace().events();
        assertEquals(a, b);
        assertFalse(a.equals(c), "another seed draws other jitter and losses");
    }

    @Test
    void aSchemeWithoutSettingsIsRefusedClearly() throws Exception {
        Lab lab = lab("mipv6-paper").withScheme(SchemeKind.NETWORK_PAGING);
        EmulationException e = assertThrows(EmulationException.class, () -> Emulator.run(lab, Emulator.Options.defaults(1)));
        assertTrue(e.getMessage().contains("no settings for Network paging"), e.getMessage());
    }
}
