package org.warplab.ui.run;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What happened in the bench's late frames (a pulse interval over {@value #LATE_MS} ms, a missed
 * 60 Hz frame): for every measured frame the CPU the FX and render threads took since the last
 * pulse, the garbage collections and the JIT's compile time; the late ones are printed with those
 * figures, so a late pulse is put down to a collection, the compiler, one thread's work, or to
 * none of them (the machine: another process had the core).
 */
final class LateFrames {
    static final double LATE_MS = 17.5;

    private record Frame(int index, double intervalMs, double fxMs, double renderMs, long collections, double gcMs, double jitMs) {
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final long fxThread = Thread.currentThread().getId();
    private final long renderThread;
    private final List<Frame> frames = new ArrayList<>();
    private long fx;
    private long render;
    private long collections;
    private long gcMs;
    private long jitMs;

    /** Call on the FX thread once the window is shown. */
    LateFrames() {
        long found = -1;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("QuantumRenderer")) {
                found = t.getId();
            }
        }
        renderThread = found;
    }

    void start() {
        frames.clear();
        fx = threads.getThreadCpuTime(fxThread);
        render = threads.getThreadCpuTime(renderThread);
        collections = collectorCount();
        gcMs = collectorMs();
        jitMs = jit.getTotalCompilationTime();
    }

    /** A pulse: {@code intervalNs} since the last one; takes the figures since the last call. */
    void frame(long intervalNs) {
        long fxNow = threads.getThreadCpuTime(fxThread);
        long renderNow = threads.getThreadCpuTime(renderThread);
        long collectionsNow = collectorCount();
        long gcNow = collectorMs();
        long jitNow = jit.getTotalCompilationTime();
        frames.add(new Frame(frames.size(), intervalNs / 1e6, (fxNow - fx) / 1e6, (renderNow - render) / 1e6, collectionsNow - collections, gcNow - gcMs, jitNow - jitMs));
        fx = fxNow;
        render = renderNow;
        collections = collectionsNow;
        gcMs = gcNow;
        jitMs = jitNow;
    }

    private long collectorCount() {
        return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private long collectorMs() {
        return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    void report() {
        List<Frame> late = frames.stream().filter(f -> f.intervalMs() > LATE_MS).toList();
        long withGc = late.stream().filter(f -> f.collections() > 0).count();
        long withJit = late.stream().filter(f -> f.jitMs() >= 1).count();
        long fxOver = late.stream().filter(f -> f.fxMs() > 16.7).count();
        long renderOver = late.stream().filter(f -> f.renderMs() > 16.7).count();
        long collectionsAll = frames.stream().mapToLong(Frame::collections).sum();
        System.out.printf(Locale.ROOT, "%-40s %6d of %d%n", "late pulses (interval > " + LATE_MS + " ms)", late.size(), frames.size());
        System.out.printf(Locale.ROOT, "%-40s %6d (%d collections in all measured frames)%n", "  with a garbage collection", withGc, collectionsAll);
        System.out.printf(Locale.ROOT, "%-40s %6d%n", "  with >= 1 ms of JIT compiling", withJit);
        System.out.printf(Locale.ROOT, "%-40s %6d / %d%n", "  FX / render thread CPU > 16.7 ms", fxOver, renderOver);
        System.out.printf(Locale.ROOT, "%-40s %s%n", "FX / render thread CPU p95, max", String.format(Locale.ROOT, "%.2f / %.2f ms, %.2f / %.2f ms",
                percentile(frames.stream().mapToDouble(Frame::fxMs).sorted().toArray(), 0.95), percentile(frames.stream().mapToDouble(Frame::renderMs).sorted().toArray(), 0.95),
                frames.stream().mapToDouble(Frame::fxMs).max().orElse(0), frames.stream().mapToDouble(Frame::renderMs).max().orElse(0)));
        late.stream().sorted(Comparator.comparingDouble(Frame::intervalMs).reversed()).limit(10).forEach(f -> System.out.printf(Locale.ROOT,
                "  late frame %4d: interval %6.2f ms, FX CPU %5.2f ms, render CPU %5.2f ms, GC %d (%.0f ms), JIT %.0f ms%n",
                f.index(), f.intervalMs(), f.fxMs(), f.renderMs(), f.collections(), f.gcMs(), f.jitMs()));
    }

    private static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
