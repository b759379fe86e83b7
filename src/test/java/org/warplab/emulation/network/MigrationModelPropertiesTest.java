package org.warplab.emulation.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.warplab.run.Phase;

/**
 * The pure models under a run: the pre-copy plan (rounds, convergence, totals), the cold
 * migration's phases, and the event kernel against a plain priority queue with random schedules
 * and cancellations, its event cap included.
 */
class MigrationModelPropertiesTest {

    @Property(tries = 300)
    void thePreCopyPlanAddsUpAndStopsForTheRightReason(@ForAll @LongRange(min = 1, max = 64L << 30) long memoryBytes,
                                                       @ForAll @LongRange(min = 0, max = 2_000_000_000L) long dirtyBytesPerSecond,
                                                       @ForAll @LongRange(min = 1_000_000, max = 1_000_000_000) long downtimeLimitNs,
                                                       @ForAll @IntRange(min = 1, max = 40) int maxRounds,
                                                       @ForAll @LongRange(min = 1_000_000, max = 10_000_000_000L) long bytesPerSecond,
                                                       @ForAll @LongRange(min = 0, max = 200_000_000) long latencyNs) {
        PreCopyMigration model = new PreCopyMigration(memoryBytes, dirtyBytesPerSecond, downtimeLimitNs, maxRounds, MigrationCosts.DEFAULT);
        PreCopyMigration.Plan plan = model.plan(bytesPerSecond, latencyNs);
        List<PreCopyMigration.Round> rounds = plan.preCopyRounds();
        assertTrue(!rounds.isEmpty() && rounds.size() <= maxRounds, rounds.size() + " rounds of at most " + maxRounds);
        assertEquals(memoryBytes, rounds.get(0).bytes(), "round 1 copies all memory");
        long elapsed = 0;
        for (int i = 0; i < rounds.size(); i++) {
            PreCopyMigration.Round round = rounds.get(i);
            assertEquals(i + 1, round.number());
            assertEquals(MigrationCosts.transferNs(round.bytes(), bytesPerSecond) + latencyNs, round.durationNs(), "round " + (i + 1));
            if (i > 0) {
                assertEquals(model.dirtiedDuring(rounds.get(i - 1).durationNs()), round.bytes(), "round " + (i + 1) + " copies what the last dirtied");
                assertFalse(model.fits(round.bytes(), bytesPerSecond), "a round runs only while the rest does not fit the limit");
            }
            assertTrue(round.bytes() <= memoryBytes);
            elapsed += round.durationNs();
        }
        long rest = model.dirtiedDuring(rounds.get(rounds.size() - 1).durationNs());
        assertEquals(rest + MigrationCosts.DEFAULT.deviceStateBytes(), plan.stopAndCopyBytes(), "the rest plus the device state");
        assertEquals(model.fits(rest, bytesPerSecond), plan.converged());
        assertTrue(plan.converged() || rounds.size() == maxRounds, "not converged only at the round limit");
        assertEquals(plan.stopAndCopyNs() + plan.resumeNs(), plan.downtimeNs());
        assertEquals(elapsed + plan.downtimeNs(), plan.totalNs());
        if (plan.converged()) {
            assertTrue(plan.stopAndCopyNs() - latencyNs <= downtimeLimitNs, "a converged stop-and-copy fits the limit (latency aside)");
        }
        if (dirtyBytesPerSecond == 0) {
            assertTrue(rounds.stream().skip(1).allMatch(r -> r.bytes() == 0), "nothing dirtied: the rounds after the first copy nothing");
        }
    }

    @Property(tries = 200)
    void aColdMigrationsPhasesFollowEachOtherAndCopyOnlyWithoutSharedStorage(@ForAll @LongRange(min = 1, max = 64L << 30) long memoryBytes,
                                                                              @ForAll @LongRange(min = 0, max = 500L << 30) long diskBytes,
                                                                              @ForAll boolean copyFiles,
                                                                              @ForAll @LongRange(min = 1_000_000, max = 10_000_000_000L) long bytesPerSecond,
                                                                              @ForAll @LongRange(min = 0, max = 200_000_000) long latencyNs) {
        ColdMigration cold = new ColdMigration(memoryBytes, diskBytes, copyFiles, MigrationCosts.DEFAULT);
        List<Phase> phases = cold.plan(bytesPerSecond, latencyNs);
        assertEquals("save", phases.get(0).name());
        assertEquals(0, phases.get(0).startNs());
        assertEquals("restore", phases.get(phases.size() - 1).name());
        for (int i = 1; i < phases.size(); i++) {
            assertEquals(phases.get(i - 1).endNs(), phases.get(i).startNs(), "one phase after the other");
            assertTrue(phases.get(i).durationNs() >= 0);
        }
        List<String> names = phases.stream().map(Phase::name).toList();
        assertEquals(copyFiles && diskBytes > 0, names.contains("copy disk image"));
        assertEquals(copyFiles, names.contains("copy memory"));
        assertEquals(cold.saveNs(), phases.get(0).durationNs());
        assertEquals(cold.restoreNs(), phases.get(phases.size() - 1).durationNs());
    }

    /** The kernel against a priority queue of (time, order): random schedules, some cancelled, some scheduled by events as they run. */
    @Property(tries = 200)
    void theKernelRunsEventsAsAPriorityQueueWouldAndStopsAtItsCap(@ForAll @Size(max = 200) List<@LongRange(min = 0, max = 50) Long> times,
                                                                  @ForAll @Size(max = 200) List<Boolean> cancels,
                                                                  @ForAll @IntRange(min = 0, max = 400) int cap) {
        Simulator sim = new Simulator(1);
        List<String> ran = new ArrayList<>();
        PriorityQueue<long[]> model = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long[] order = {0};
        List<Long> handles = new ArrayList<>();
        List<long[]> entries = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            int id = i;
            // every third event schedules a follow-up 5 ns later, as a link schedules an arrival
            EventHandler handler = (code, payload) -> {
                ran.add(code + "@" + sim.now());
                if (code % 3 == 0 && code < 1000) {
                    sim.scheduleIn(5, (c, p) -> ran.add(c + "@" + sim.now()), code + 1000, null);
                }
            };
            handles.add(sim.scheduleAt(times.get(id), handler, id, null));
            long[] entry = {times.get(id), order[0]++, id};
            entries.add(entry);
            model.add(entry);
        }
        for (int i = 0; i < Math.min(cancels.size(), times.size()); i++) {
            if (cancels.get(i)) {
                assertTrue(sim.cancel(handles.get(i)), "a pending event cancels");
                assertFalse(sim.cancel(handles.get(i)), "and only once");
                model.remove(entries.get(i));
            }
        }
        // the model: run in (time, order) order, follow-ups queued behind what is already there
        List<String> expected = new ArrayList<>();
        while (!model.isEmpty()) {
            long[] next = model.poll();
            int code = (int) next[2];
            expected.add(code + "@" + next[0]);
            if (code % 3 == 0 && code < 1000) {
                model.add(new long[] {next[0] + 5, order[0]++, code + 1000});
            }
        }
        sim.limitEvents(cap);
        sim.runUntil(Long.MAX_VALUE);
        int runs = Math.min(cap, expected.size());
        assertEquals(expected.subList(0, runs), ran, "the first " + runs + " events in (time, scheduling) order");
        assertEquals(runs, sim.executedEvents());
        assertEquals(cap <= expected.size(), sim.reachedEventLimit(), "the cap is reached only when there was that much to run");
        long initial = expected.stream().filter(e -> Integer.parseInt(e.substring(0, e.indexOf('@'))) < 1000).count();
        long followUps = ran.stream().map(e -> Integer.parseInt(e.substring(0, e.indexOf('@')))).filter(code -> code % 3 == 0 && code < 1000).count();
        assertEquals(initial + followUps - runs, sim.pendingEvents(), "the rest still waits, with the follow-ups of what ran");
    }
}
