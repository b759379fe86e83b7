package org.warplab.emulation;

import org.warplab.emulation.network.EmulationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.warplab.model.DataCenter;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.MacAddress;
import org.warplab.model.Migration;
import org.warplab.model.Problem;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.run.RunResult;
import org.warplab.run.story.StepKind;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryStep;

/**
 * Differing gateway MACs: the moved VM's neighbour entry keeps the old gateway's MAC, the gateway
 * at the new site refuses those frames, and service returns when the entry is resolved again —
 * at once when that gateway asks for the VM (it did not know it), seconds when it already knew
 * the VM (the VM comes back) and only Linux's unreachability detection fixes the entry.
 */
class GatewayMacTest {
    private static final String OLD_MAC_PHASE = "old gateway MAC (until vm1 resolves its gateway again)";

    static Lab withAdcGatewayMac(Lab lab, String mac) {
        DataCenter adc = lab.node("ADC", DataCenter.class).orElseThrow();
        return lab.replacingNode(new DataCenter(adc.id(), adc.name(), adc.position(), adc.lanPrefixes(), adc.gatewayAddresses(),
                MacAddress.parse(mac), adc.storage(), adc.capturesAnnouncements()));
    }

    /** paging-paper with the VM moved back to PDC at {@code backAtNs}: PDC's gateway still knows it. */
    static Lab thereAndBack(Lab lab, long backAtNs, long durationNs) {
        Migration there = lab.migrations().get(0);
        List<Migration> moves = new ArrayList<>(lab.migrations());
        moves.add(new Migration("MIG2", there.vm(), "PDC", backAtNs, there.mode(), there.storage(), there.downtimeLimitNs(),
                there.bandwidthCapBps(), there.maxRounds()));
        return lab.withMigrations(moves).withDurationNs(durationNs);
    }

    private static RunResult run(Lab lab) throws EmulationException {
        return Emulator.run(lab, Emulator.Options.defaults(1)).result();
    }

    private static Optional<Phase> oldMacPhase(MigrationMetrics m) {
        return m.phases().stream().filter(p -> p.name().equals(OLD_MAC_PHASE)).findFirst();
    }

    @Test
    void theWarningSaysWhatThePaperSawAndWhatARunShows() throws Exception {
        Lab differing = withAdcGatewayMac(EmulatorTest.lab("paging-paper"), "02:00:00:00:00:09");
        List<Problem> warnings = LabValidator.validate(differing).stream().filter(p -> !p.isError()).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        String hint = warnings.get(0).hint();
        assertTrue(hint.contains("\"will probably try to use the old gateway first and will fail to communicate through it\""), hint);
        assertTrue(hint.contains("§V.G: about 30 s") && hint.contains("§VI: several seconds"), hint);
        assertFalse(hint.contains("not model"), "the emulator models it now: " + hint);
    }

    @Test
    void comingBackToAGatewayThatKnowsTheVmCostsSecondsWithDifferingMacsAndMillisecondsWithIdenticalOnes() throws Exception {
        Lab lab = thereAndBack(EmulatorTest.lab("paging-paper"), 3_000_000_000L, 20_000_000_000L);
        MigrationMetrics identical = run(lab).migrations().get(1);
        RunResult differingRun = run(withAdcGatewayMac(lab, "02:00:00:00:00:09"));
        MigrationMetrics differing = differingRun.migrations().get(1);

        assertTrue(identical.clientGapNs() < 100_000_000L, "identical MACs: " + identical.clientGapNs() / 1e6 + " ms");
        assertTrue(oldMacPhase(identical).isEmpty(), "nothing stale with identical MACs");
        assertTrue(differing.clientGapNs() > 2_000_000_000L && differing.clientGapNs() < 30_000_000_000L,
                "differing MACs: several seconds, got " + differing.clientGapNs() / 1e6 + " ms");
        assertTrue(differing.reachableAfter(), "service returns once the entry is resolved again");

        // Linux's timers: the VM's entry for ADC's gateway was learned from that gateway's request
        // (stale) and first used at once, so its delay (5 s) and three unanswered probes (1 s apart)
        // end 8 s after that: then a broadcast finds PDC's gateway.
        Phase there = oldMacPhase(differingRun.migrations().get(0)).orElseThrow();
        Phase back = oldMacPhase(differing).orElseThrow();
        long learnedInAdc = there.endNs();
        assertEquals(learnedInAdc + 8_000_000_000L, back.endNs(), 25_000_000L,
                "failed 5 s + 3 x 1 s after the entry's first use, resolved with the next packet (20 ms apart)");
        assertEquals(back.durationNs(), differing.clientGapNs(), 50_000_000L, "the gap is the time on the old MAC, give or take a probe interval and the way back");
        assertTrue(differingRun.notes().stream().anyMatch(n -> n.startsWith("MIG2: vm1 sent to its old gateway's MAC for")), differingRun.notes().toString());
    }

    @Test
    void aConfirmedEntryKeepsTheOldMacForItsReachableTimeToo() throws Exception {
        // Back after 10 s: in ADC the VM's probe (after the 5 s delay) was answered, so the entry
        // was reachable for 15-45 s, then stale, then the same 5 s + 3 probes: tens of seconds.
        Lab lab = withAdcGatewayMac(thereAndBack(EmulatorTest.lab("paging-paper"), 10_000_000_000L, 70_000_000_000L), "02:00:00:00:00:09");
        MigrationMetrics back = run(lab).migrations().get(1);
        assertTrue(back.clientGapNs() > 10_000_000_000L, "gap " + back.clientGapNs() / 1e6 + " ms");
        assertTrue(back.reachableAfter());
    }

    @Test
    void aGatewayThatAsksForTheVmCorrectsItsEntryAtOnce() throws Exception {
        Lab lab = EmulatorTest.lab("paging-paper");
        MigrationMetrics same = EmulatorTest.first(lab);
        MigrationMetrics other = EmulatorTest.first(withAdcGatewayMac(lab, "02:00:00:00:00:09"));
        assertEquals(same.clientGapNs(), other.clientGapNs(), "ADC's gateway asks for the VM's MAC, and Linux takes the asker's MAC from the request");
        Phase stale = oldMacPhase(other).orElseThrow();
        assertTrue(stale.durationNs() > 0 && stale.durationNs() < 20_000_000L, stale.toString());
    }

    @Test
    void theStoryTellsHowTheEntryWasResolved() throws Exception {
        Lab lab = withAdcGatewayMac(thereAndBack(EmulatorTest.lab("paging-paper"), 3_000_000_000L, 12_000_000_000L), "02:00:00:00:00:09");
        Emulator.Outcome outcome = Emulator.run(lab, Emulator.Options.defaults(1));
        Story story = Story.of(outcome.result(), outcome.trace());
        StoryStep asked = story.first("MIG1", StepKind.GATEWAY_RESOLVED).orElseThrow();
        assertTrue(asked.caption().contains("from the gateway's own ARP request"), asked.caption());
        StoryStep probed = story.first("MIG2", StepKind.GATEWAY_RESOLVED).orElseThrow();
        assertTrue(probed.caption().contains("after 3 unanswered probes to that MAC it failed"), probed.caption());
        StoryStep lost = story.first("MIG2", StepKind.PACKETS_LOST).orElseThrow();
        assertTrue(lost.why().contains("does not accept frames for a MAC not its own"), lost.why());
    }
}
