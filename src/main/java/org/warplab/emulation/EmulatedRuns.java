package org.warplab.emulation;

import java.util.List;
import java.util.concurrent.Callable;
import org.warplab.emulation.network.EmulationException;
import org.warplab.model.Lab;
import org.warplab.run.ParallelRuns;
import org.warplab.run.RunResult;

/**
 * Several independent emulator runs at once (a sweep's points), each with its own lab and the
 * same seed, results in the order of the labs: the same figures as running them one by one.
 */
public final class EmulatedRuns {

    /** One run: its result, or why the emulator refused it ({@code result} is then null). */
    public record Run(RunResult result, String failure) {
        public boolean ran() {
            return result != null;
        }
    }

    /**
     * Heap a run keeps while it runs (trace and captures included). Measured over one run of each
     * sample lab (docs/parallel-runs.md): 1-11 MiB kept for the 4-8 s labs, 36 MiB for the 160 s
     * no-shared-storage lab, so a base for the small ones and a share per node and virtual second
     * (which gives that lab ~100 MiB) leave room for the garbage a run makes between collections.
     */
    static final long BASE_HEAP_BYTES = 32L << 20;
    static final long HEAP_PER_NODE_SECOND_BYTES = 64L << 10;

    private EmulatedRuns() {
    }

    /** A generous estimate of the heap one run of {@code lab} needs, for {@link ParallelRuns#plan}. */
    public static long heapEstimate(Lab lab) {
        long seconds = Math.max(1, lab.durationNs() / 1_000_000_000L);
        return BASE_HEAP_BYTES + HEAP_PER_NODE_SECOND_BYTES * lab.nodes().size() * seconds;
    }

    /** The plan for running {@code labs}: bounded by cores and by the heap the largest of them needs. */
    public static ParallelRuns.Plan plan(List<Lab> labs) {
        return ParallelRuns.plan(labs.size(), labs.stream().mapToLong(EmulatedRuns::heapEstimate).max().orElse(BASE_HEAP_BYTES));
    }

    /** Runs each lab with {@code seed} on {@code workers} threads; results in the labs' order. */
    public static List<Run> runAll(List<Lab> labs, long seed, int workers, ParallelRuns.Progress progress, ParallelRuns.Cancel cancel)
            throws ParallelRuns.CancelledException {
        List<Callable<Run>> tasks = labs.stream().<Callable<Run>>map(lab -> () -> {
            try {
                return new Run(Emulator.run(lab, Emulator.Options.metrics(seed)).result(), null);
            } catch (EmulationException e) {
                return new Run(null, e.getMessage());
            }
        }).toList();
        return ParallelRuns.run(tasks, workers, progress, cancel);
    }
}
