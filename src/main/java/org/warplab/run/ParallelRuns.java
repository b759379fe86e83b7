package org.warplab.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Independent runs (a sweep's points, a comparison's schemes, a class's submissions) on as many
 * threads as the machine can carry, with the results in the order the runs were given: whatever
 * finishes first, the caller sees exactly what a serial loop would have produced. Each run must
 * depend on nothing but its own input (its own lab, its own seed); the emulator keeps no shared
 * state, so its runs qualify.
 */
public final class ParallelRuns {

    /** Told after each finished run, from the thread that ran it. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void finished(int done, int total);
    }

    /** Stops a batch: runs not yet started never start; the batch then ends with {@link CancelledException}. */
    public static final class Cancel {
        private final AtomicBoolean cancelled = new AtomicBoolean();

        public void cancel() {
            cancelled.set(true);
        }

        public boolean isCancelled() {
            return cancelled.get();
        }
    }

    /** The batch was cancelled before every run finished. */
    public static final class CancelledException extends Exception {
        private final int finished;

        CancelledException(int finished, int total) {
            super("cancelled after " + finished + " of " + total + " runs");
            this.finished = finished;
        }

        public int finished() {
            return finished;
        }
    }

    /**
     * How many runs go at once and why: at most one per core, at most as many as the free heap
     * holds at {@code heapPerRunBytes} each, never more than there are runs, never fewer than one.
     */
    public record Plan(int workers, int runs, int cores, long freeHeapBytes, long heapPerRunBytes) {
        public String describe() {
            return String.format(Locale.ROOT, "%d run%s on %d thread%s (%d cores, %d MiB of heap free, ~%d MiB a run)", runs, runs == 1 ? "" : "s",
                    workers, workers == 1 ? "" : "s", cores, freeHeapBytes >> 20, heapPerRunBytes >> 20);
        }
    }

    private ParallelRuns() {
    }

    /** The plan for {@code runs} runs of about {@code heapPerRunBytes} each on this JVM, now. */
    public static Plan plan(int runs, long heapPerRunBytes) {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        return plan(runs, heapPerRunBytes, runtime.availableProcessors(), free);
    }

    static Plan plan(int runs, long heapPerRunBytes, int cores, long freeHeapBytes) {
        long byMemory = heapPerRunBytes <= 0 ? Integer.MAX_VALUE : Math.max(1, freeHeapBytes / heapPerRunBytes);
        int workers = (int) Math.max(1, Math.min(Math.min(cores, byMemory), Math.max(runs, 1)));
        return new Plan(workers, runs, cores, freeHeapBytes, heapPerRunBytes);
    }

    /**
     * Runs every task on {@code workers} threads and returns their results in the tasks' order.
     * A task that throws ends the batch: the first such failure in task order is rethrown
     * (unchecked as it was, anything else wrapped in an {@link IllegalStateException}).
     */
    public static <T> List<T> run(List<? extends Callable<T>> tasks, int workers, Progress progress, Cancel cancel) throws CancelledException {
        int total = tasks.size();
        AtomicInteger done = new AtomicInteger();
        if (workers <= 1) {
            List<T> results = new ArrayList<>(total);
            for (Callable<T> task : tasks) {
                if (cancel.isCancelled()) {
                    throw new CancelledException(done.get(), total);
                }
                results.add(call(task));
                progress.finished(done.incrementAndGet(), total);
            }
            return results;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "warplab-run-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(total);
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    if (cancel.isCancelled()) {
                        return null;
                    }
                    T result = call(task);
                    progress.finished(done.incrementAndGet(), total);
                    return result;
                }));
            }
            List<T> results = new ArrayList<>(total);
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    cancel.cancel();
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    cancel.cancel();
                    Thread.currentThread().interrupt();
                    throw new CancelledException(done.get(), total);
                }
            }
            if (cancel.isCancelled() && done.get() < total) {
                throw new CancelledException(done.get(), total);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T call(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
