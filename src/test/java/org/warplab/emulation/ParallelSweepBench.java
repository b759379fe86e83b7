package org.warplab.emulation;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.warplab.cli.Cli;
import org.warplab.testing.Samples;

/**
 * The 21-point Mobile IPv6 delay sweep ({@code links.W2.delayMs=0:200:10}) through the real
 * command, once per {@code --jobs} value: wall time, speed-up over one job, the serial fraction
 * that Amdahl's law gives for it, whether every CSV equals the one-job CSV byte for byte, and what
 * does not depend on the machine's other load: the process's CPU time per sweep (the same at every
 * {@code --jobs} when running side by side adds no work: no lock spinning, no duplicated work), the
 * CPU time of the calling thread (the serial part: loading the lab, the table, the CSV), the heap
 * allocated, the young collections and their pauses (they stop every run thread), and the JIT's
 * compile time (not zero means the warm-up was too short).
 *
 * <p>Every {@code --jobs} value gets the same warm-up, and the measured sweeps are interleaved
 * (1, 2, 3, 4, then 2, 3, 4, 1, ...) so that JIT state and the other processes' load drift weigh on
 * all of them alike. Run with the test classpath:
 * {@code java -Xmx2g -cp target/classes:target/test-classes:$(cat cp.txt) org.warplab.emulation.ParallelSweepBench [repeats] [sample-lab]}.
 */
public final class ParallelSweepBench {

    private static final int[] JOBS = {1, 2, 3, 4};
    private static final int POINTS = 21;
    private static final int WARM_UP_ROUNDS = 5;
    /**
     * Warm-up goes on past {@link #WARM_UP_ROUNDS} until the JIT's compiler threads use less than this share
     * of the process's CPU (their CPU time, not the JIT's compile time, which counts the time a compiler
     * thread waits for a core on a loaded machine; without Linux's /proc it reads 0 and the warm-up is the minimum) ...
     */
    private static final double SETTLED_JIT_SHARE = 0.05;
    /**
     * ... over this many last rounds together: one quiet round is not a settled JIT (2026-12-03 13:59 the
     * paper lab's warm-up stopped after one round at 2 %, and the measured sweeps then compiled 35-39 ms
     * each, half their wall time), and single rounds still see bursts of compiles after hundreds of sweeps.
     */
    private static final int SETTLED_ROUNDS = 5;
    private static final int MAX_WARM_UP_ROUNDS = 150;
    private static final long MAX_WARM_UP_NS = 240_000_000_000L;

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** What one sweep cost. */
    private record Sample(double wallMs, double processCpuMs, double callerCpuMs, double allocatedMiB, long gcs, double gcMs, double jitMs, byte[] csv,
            NativeThreadsCpu.Split threads) { }

    private ParallelSweepBench() {
    }

    public static void main(String[] args) throws IOException {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        // the paper lab's points take ~10 ms of CPU each, the no-shared-storage lab's ~35 ms
        String sample = args.length > 1 ? args[1] : "mipv6-paper";
        String lab = Samples.file(sample).toString();
        Path dir = Files.createTempDirectory("warplab-sweep-bench");
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%s, %s, %d points; cores %d, max heap %d MiB, %s; load average before %.2f%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), sample, POINTS, cores, Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(), OS.getSystemLoadAverage());
        // a sweep's code is large and each point runs most of it once, so C2 keeps promoting methods for
        // hundreds of sweeps; measure once it compiles little (stated below), or after -Dbench.warmUpRounds
        Integer fixedRounds = Integer.getInteger("bench.warmUpRounds");
        int rounds = 0;
        double lastRoundsJitShare = 1;
        java.util.ArrayDeque<double[]> lastRounds = new java.util.ArrayDeque<>();
        long warmUpStart = System.nanoTime();
        while (fixedRounds != null ? rounds < fixedRounds
                : rounds < Math.max(WARM_UP_ROUNDS, SETTLED_ROUNDS) || lastRoundsJitShare >= SETTLED_JIT_SHARE && rounds < MAX_WARM_UP_ROUNDS
                        && System.nanoTime() - warmUpStart < MAX_WARM_UP_NS) {
            double processMs = 0;
            double compilerMs = 0;
            for (int jobs : JOBS) {
                Sample warm = sweep(lab, dir.resolve("warm.csv"), jobs);
                processMs += warm.processCpuMs();
                compilerMs += warm.threads().compilerMs();
            }
            lastRounds.addLast(new double[] {compilerMs, processMs});
            if (lastRounds.size() > SETTLED_ROUNDS) {
                lastRounds.removeFirst();
            }
            lastRoundsJitShare = lastRounds.stream().mapToDouble(r -> r[0]).sum() / lastRounds.stream().mapToDouble(r -> r[1]).sum();
            rounds++;
        }
        System.out.printf(Locale.ROOT, "warm-up: %d rounds of every --jobs (%s), %.1f s; the compiler threads' CPU in the last %d rounds %.1f %% of the process's%s%n",
                rounds, fixedRounds != null ? "fixed by -Dbench.warmUpRounds" : "until that share is below " + Math.round(100 * SETTLED_JIT_SHARE)
                        + " %, at least " + WARM_UP_ROUNDS + " rounds, at most " + MAX_WARM_UP_ROUNDS + " or " + MAX_WARM_UP_NS / 1_000_000_000L + " s",
                (System.nanoTime() - warmUpStart) / 1e9, lastRounds.size(), 100 * lastRoundsJitShare,
                fixedRounds == null && lastRoundsJitShare >= SETTLED_JIT_SHARE ? "; NOT SETTLED (a cap was reached): the speed-ups below include the JIT's work" : "");
        Map<Integer, List<Sample>> samples = new LinkedHashMap<>();
        for (int jobs : JOBS) {
            samples.put(jobs, new ArrayList<>());
        }
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < JOBS.length; i++) {
                int jobs = JOBS[(i + r) % JOBS.length];
                samples.get(jobs).add(sweep(lab, dir.resolve("jobs" + jobs + ".csv"), jobs));
            }
        }
        byte[] reference = samples.get(1).get(0).csv();
        double serialMs = median(samples.get(1), Sample::wallMs);
        double serialCpuMs = median(samples.get(1), Sample::processCpuMs);
        System.out.println("| jobs | wall (ms) | speed-up | serial fr. | CPU (ms) | CPU ÷ 1 job | caller CPU (ms) | alloc/point (MiB) | GCs | GC pauses (ms) | JIT (ms) | same CSV |");
        System.out.println("|-----:|----------:|---------:|-----------:|---------:|------------:|----------------:|------------------:|----:|---------------:|---------:|:---------|");
        for (int jobs : JOBS) {
            List<Sample> s = samples.get(jobs);
            double wall = median(s, Sample::wallMs);
            double speedUp = serialMs / wall;
            // Amdahl: S = 1 / (s + (1 - s) / p) with p = min(jobs, cores) gives the serial fraction s
            int p = Math.min(jobs, cores);
            String serialFraction = p > 1 ? String.format(Locale.ROOT, "%.3f", (p / speedUp - 1) / (p - 1)) : "—";
            boolean same = s.stream().allMatch(x -> Arrays.equals(reference, x.csv()));
            double cpu = median(s, Sample::processCpuMs);
            System.out.printf(Locale.ROOT, "| %4d | %9.0f | %7.2f× | %10s | %8.0f | %11.2f | %15.1f | %17.1f | %3.0f | %14.1f | %8.0f | %-8s |%n",
                    jobs, wall, speedUp, serialFraction, cpu, cpu / serialCpuMs, median(s, Sample::callerCpuMs), median(s, Sample::allocatedMiB) / POINTS,
                    median(s, x -> x.gcs()), median(s, Sample::gcMs), median(s, Sample::jitMs), same ? "yes" : "NO");
        }
        System.out.println();
        // means, not medians: the process's CPU time (and so the ended threads' share) comes in 10 ms ticks
        System.out.println("CPU per sweep by native thread (/proc/self/task; means, ms): the threads that ended during the sweep are the run threads");
        System.out.println("| jobs | run threads (ended) | compiler threads | GC + VM threads | other threads |");
        System.out.println("|-----:|--------------------:|-----------------:|----------------:|--------------:|");
        for (int jobs : JOBS) {
            List<Sample> s = samples.get(jobs);
            System.out.printf(Locale.ROOT, "| %4d | %19.1f | %16.1f | %15.1f | %13.1f |%n", jobs, mean(s, x -> x.threads().endedMs()),
                    mean(s, x -> x.threads().compilerMs()), mean(s, x -> x.threads().gcAndVmMs()), mean(s, x -> x.threads().otherMs()));
        }
        // the warm-up judges the JIT on its last rounds only; say whether it stayed settled while measuring
        double measuredCompilerMs = samples.values().stream().flatMap(List::stream).mapToDouble(x -> x.threads().compilerMs()).sum();
        double measuredProcessMs = samples.values().stream().flatMap(List::stream).mapToDouble(Sample::processCpuMs).sum();
        double measuredJitShare = measuredProcessMs > 0 ? measuredCompilerMs / measuredProcessMs : 0;
        System.out.printf(Locale.ROOT, "the compiler threads' CPU during the measured sweeps: %.1f %% of the process's%s%n", 100 * measuredJitShare,
                measuredJitShare >= SETTLED_JIT_SHARE ? "; JIT NOT SETTLED while measuring: the speed-ups include its work" : " (settled)");
        System.out.printf(Locale.ROOT, "medians of %d sweeps each (after %d warm-up rounds of every --jobs, interleaved); load average after %.2f%n",
                repeats, rounds, OS.getSystemLoadAverage());
    }

    private static Sample sweep(String lab, Path csv, int jobs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Long> threadsBefore = NativeThreadsCpu.snapshot();
        long gcs = gcCount();
        long gcMs = gcMillis();
        long jitMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long allocated = THREADS.getTotalThreadAllocatedBytes();
        long processCpu = OS.getProcessCpuTime();
        long callerCpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        int exit = new Cli().run(new String[] {"sweep", lab, "--set", "links.W2.delayMs=0:200:10", "--jobs", String.valueOf(jobs), "-o", csv.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        double wallMs = (System.nanoTime() - start) / 1e6;
        long processUsed = OS.getProcessCpuTime() - processCpu;
        double callerMs = (THREADS.getCurrentThreadCpuTime() - callerCpu) / 1e6;
        NativeThreadsCpu.Split threads = NativeThreadsCpu.split(threadsBefore, NativeThreadsCpu.snapshot(), processUsed);
        Sample sample = new Sample(wallMs, processUsed / 1e6, callerMs,
                (THREADS.getTotalThreadAllocatedBytes() - allocated) / 1048576.0, gcCount() - gcs, gcMillis() - gcMs,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitMs, Files.readAllBytes(csv), threads);
        if (exit != 0) {
            throw new IllegalStateException("sweep failed: " + out.toString(StandardCharsets.UTF_8));
        }
        return sample;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /** Collection time as the beans count it: with G1 the young pauses (the concurrent cycle's work is not a pause). */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().filter(b -> !b.getName().contains("Concurrent"))
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static double mean(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> of) {
        return samples.stream().mapToDouble(of).average().orElse(Double.NaN);
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> of) {
        double[] sorted = samples.stream().mapToDouble(of).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
