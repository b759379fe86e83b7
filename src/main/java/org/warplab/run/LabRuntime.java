package org.warplab.run;

import java.util.Optional;
import java.util.function.Consumer;
import org.warplab.model.Lab;

/**
 * One way to run a lab — in the emulator's virtual time or live on this machine — as the designer
 * sees it. Both return the same {@link RunResult} and {@link Trace}; the implementations live in
 * {@code emulation} and {@code live} and are wired in {@code app}, so the UI depends on neither.
 */
public interface LabRuntime {

    /** What the runtime is, for messages: "the emulator", "live mode". */
    String description();

    /**
     * Finds out what this machine offers (it may start processes, so call it off the UI thread);
     * afterwards {@link #unavailable} answers without touching the system.
     */
    default void checkHost() {
    }

    /** Why {@code lab} cannot run on this runtime here, in words a user can act on; empty when it can. */
    Optional<String> unavailable(Lab lab);

    /**
     * Heap one run of {@code lab} keeps while it runs, for planning runs side by side
     * ({@link ParallelRuns#plan}); a runtime that must run alone answers the whole heap.
     */
    default long heapEstimate(Lab lab) {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Runs the lab's migrations under its scheme. Interrupting the calling thread stops the run (a
     * live run tears its lab down before this returns).
     *
     * @param seed the random seed (the emulator's; live mode measures what the machine does)
     * @param progress told each step of a long run, in words
     */
    RunOutcome run(Lab lab, long seed, Consumer<String> progress) throws RunFailedException, InterruptedException;

    /**
     * Runs for the figures only (a comparison, a point of a sweep): the runtime may leave out the
     * trace and the captures, which cost time and memory and nobody will replay.
     */
    default RunOutcome runForFigures(Lab lab, long seed, Consumer<String> progress) throws RunFailedException, InterruptedException {
        return run(lab, seed, progress);
    }
}
