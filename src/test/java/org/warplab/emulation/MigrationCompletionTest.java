package org.warplab.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.StorageMode;
import org.warplab.model.Vm;
import org.warplab.run.FigureText;
import org.warplab.run.MigrationMetrics;

/** Figures never lie by omission: a move that did not converge, did not finish, or left the VM unreachable says so. */
class MigrationCompletionTest {

    private static Lab withMigration(Lab lab, java.util.function.UnaryOperator<Migration> change) {
        return lab.withMigrations(List.of(change.apply(lab.migrations().get(0))));
    }

    private static Lab dirtying(Lab lab, long pagesPerSecond) {
        Vm vm = lab.vms().get(0);
        return lab.replacingNode(new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(), vm.addresses(), vm.mac(), vm.memoryMiB(),
                vm.diskGiB(), pagesPerSecond, vm.announce(), vm.runtime()));
    }

    @Test
    void aPreCopyThatConvergesSaysInHowManyRounds() throws Exception {
        MigrationMetrics m = EmulatorTest.first(EmulatorTest.lab("paging-paper"));
        assertTrue(m.completion().finished());
        assertEquals(Boolean.TRUE, m.completion().converged());
        assertTrue(m.completion().preCopyRounds() >= 1);
        assertTrue(m.caveats().isEmpty(), m.caveats().toString());
        assertTrue(FigureText.preCopy(m).startsWith("converged in "), FigureText.preCopy(m));
    }

    @Test
    void aPreCopyStoppedAtTheRoundLimitSaysItDidNotConverge() throws Exception {
        Lab lab = withMigration(dirtying(EmulatorTest.lab("paging-paper"), 1_000_000), m -> new Migration(m.id(), m.vm(), m.to(), m.atNs(),
                m.mode(), m.storage(), 1_000_000L, m.bandwidthCapBps(), 3));
        MigrationMetrics m = EmulatorTest.first(lab);
        assertEquals(Boolean.FALSE, m.completion().converged());
        assertEquals(3, m.completion().preCopyRounds());
        assertTrue(m.downtimeNs() > m.completion().downtimeLimitNs(), "the limit was exceeded");
        assertTrue(m.caveats().get(0).startsWith("pre-copy did not converge: after 3 of 3 rounds (the limit)"), m.caveats().toString());
        assertTrue(FigureText.preCopy(m).startsWith("did NOT converge"), FigureText.preCopy(m));
        Emulator.Outcome outcome = Emulator.run(lab, Emulator.Options.defaults(1));
        String told = org.warplab.run.story.Story.of(outcome.result(), outcome.trace())
                .first("MIG1", org.warplab.run.story.StepKind.PRE_COPY).orElseThrow().caption();
        assertTrue(told.contains("it did NOT converge: after 3 of 3 rounds the dirty memory still exceeded the 1.0 ms downtime limit"), told);
    }

    @Test
    void aVmUnreachableAfterTheMoveHasNoGapButAReason() throws Exception {
        MigrationMetrics m = EmulatorTest.first(EmulatorTest.lab("baseline-no-scheme"));
        assertFalse(m.reachableAfter());
        assertFalse(m.gapMeasured());
        assertEquals("unreachable after", FigureText.gap(m));
        assertTrue(m.caveats().stream().anyMatch(c -> c.contains("unreachable after the move")), m.caveats().toString());
    }

    @Test
    void everyProbeLostIsSaidAsSuch() throws Exception {
        Lab lab = EmulatorTest.lab("paging-paper");
        lab = lab.replacingLink(lab.link("L3").orElseThrow().withLossPercent(100));
        MigrationMetrics m = EmulatorTest.first(lab);
        assertTrue(m.allProbesLost(), m.probesLost() + " of " + m.probesSent());
        assertEquals("every probe lost", FigureText.gap(m));
        assertNotEquals("0.0 ms", FigureText.gap(m));
        assertTrue(m.caveats().stream().anyMatch(c -> c.startsWith("every probe was lost")), m.caveats().toString());
    }

    @Test
    void aMigrationLongerThanTheRunsCapSaysItDidNotFinish() throws Exception {
        // 8 GiB of disk over a 1 Mbit/s cap takes ~19 hours: beyond the emulator's one-hour cap
        Lab lab = withMigration(EmulatorTest.lab("paging-paper"), m -> new Migration(m.id(), m.vm(), m.to(), m.atNs(), m.mode(), StorageMode.COPY,
                m.downtimeLimitNs(), 1_000_000L, m.maxRounds()));
        MigrationMetrics m = EmulatorTest.first(lab);
        assertFalse(m.completion().finished());
        assertEquals("did not finish", FigureText.downtime(m));
        assertEquals("did not finish", FigureText.gap(m));
        assertTrue(m.caveats().get(0).contains("did not finish"), m.caveats().toString());
        Emulator.Outcome outcome = Emulator.run(lab, Emulator.Options.defaults(1));
        String told = org.warplab.run.story.Story.of(outcome.result(), outcome.trace())
                .first("MIG1", org.warplab.run.story.StepKind.UNFINISHED).orElseThrow().caption();
        assertTrue(told.contains("the run ended before vm1 resumed: the migration did not finish"), told);
    }
}
