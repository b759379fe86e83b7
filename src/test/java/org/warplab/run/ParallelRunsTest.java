package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ParallelRunsTest {

    /** Tasks that finish in reverse order of submission still come back in submission order. */
    @Test
    void resultsComeInTheTasksOrderWhateverFinishesFirst() throws Exception {
        List<Callable<Integer>> tasks = IntStream.range(0, 12).<Callable<Integer>>mapToObj(i -> () -> {
            Thread.sleep((12 - i) * 3L);
            return i * i;
        }).toList();
        AtomicInteger reported = new AtomicInteger();
        List<Integer> results = ParallelRuns.run(tasks, 4, (done, total) -> reported.accumulateAndGet(done, Math::max), new ParallelRuns.Cancel());
        assertEquals(IntStream.range(0, 12).map(i -> i * i).boxed().toList(), results);
        assertEquals(12, reported.get());
    }

    @Test
    void runsReallyOverlapOnSeveralWorkers() throws Exception {
        // two tasks that each wait for the other: only two threads at once finish them
        CountDownLatch both = new CountDownLatch(2);
        Callable<String> meet = () -> {
            both.countDown();
            return both.await(10, java.util.concurrent.TimeUnit.SECONDS) ? "met" : "alone";
        };
        assertEquals(List.of("met", "met"), ParallelRuns.run(List.of(meet, meet), 2, ParallelRuns.Progress.NONE, new ParallelRuns.Cancel()));
    }

    @Test
    void cancellingStopsRunsThatHaveNotStarted() {
        ParallelRuns.Cancel cancel = new ParallelRuns.Cancel();
        AtomicInteger started = new AtomicInteger();
        List<Callable<Integer>> tasks = IntStream.range(0, 50).<Callable<Integer>>mapToObj(i -> () -> {
            if (started.incrementAndGet() == 3) {
                cancel.cancel();
            }
            Thread.sleep(2);
            return i;
        }).toList();
        ParallelRuns.CancelledException e = assertThrows(ParallelRuns.CancelledException.class, () -> ParallelRuns.run(tasks, 2, ParallelRuns.Progress.NONE, cancel));
        assertTrue(started.get() < 50, "runs after the cancel must not start: " + started.get());
        assertTrue(e.finished() < 50);
        assertThrows(ParallelRuns.CancelledException.class, () -> ParallelRuns.run(tasks, 1, ParallelRuns.Progress.NONE, cancel));
    }

    @Test
    void theFirstFailureInTaskOrderIsRethrown() {
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> {
            throw new IllegalArgumentException("second");
        }, () -> {
            throw new IllegalStateException("third");
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParallelRuns.run(tasks, 3, ParallelRuns.Progress.NONE, new ParallelRuns.Cancel()));
        assertEquals("second", e.getMessage());
    }

    @Property
    void thePlanStaysWithinCoresHeapAndRuns(@ForAll @IntRange(min = 0, max = 500) int runs, @ForAll @IntRange(min = 1, max = 64) int cores,
                                            @ForAll @LongRange(min = 0, max = 1L << 36) long freeHeap, @ForAll @LongRange(min = 1, max = 1L << 32) long perRun) {
        ParallelRuns.Plan plan = ParallelRuns.plan(runs, perRun, cores, freeHeap);
        assertTrue(plan.workers() >= 1);
        assertTrue(plan.workers() <= cores);
        assertTrue(plan.workers() <= Math.max(1, runs));
        assertTrue(plan.workers() == 1 || (long) plan.workers() * perRun <= freeHeap, plan.describe());
    }
}
