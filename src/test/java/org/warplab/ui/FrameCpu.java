package org.warplab.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * CPU time the frames of a benchmark cost, per thread: JavaFX's render thread (which rasterizes
 * the scene and the canvas commands and hands the pixels over), the FX application thread (events,
 * layout, our canvas commands) and the whole process. On a shared machine the frame rate moves with
 * the load; the CPU each frame costs does much less, so the benches print both.
 */
public final class FrameCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long fxThread = Thread.currentThread().getId();
    private final long renderThread;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long renderStart;
    private long fxStart;
    private long processStart;
    private long wallStart;
    private long renderUsed;
    private long fxUsed;
    private long processUsed;
    private long wallUsed;
    /** Per OS thread ("tid name"), user+system clock ticks from /proc: sees the JIT and GC threads too (Linux only; empty elsewhere). */
    private final java.util.Map<String, Long> othersStart = new java.util.HashMap<>();
    private static final long TICK_NS = 10_000_000L;
    private final java.util.Map<String, Long> othersUsed = new java.util.TreeMap<>();

    /** Call on the FX thread once the window is shown (the render thread exists by then). */
    public FrameCpu() {
        long found = -1;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("QuantumRenderer")) {
                found = t.getId();
            }
        }
        renderThread = found;
    }

    public void start() {
        renderStart = cpu(renderThread);
        fxStart = cpu(fxThread);
        processStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
        othersStart.clear();
        othersStart.putAll(nativeThreadTicks());
    }

    public void stop() {
        renderUsed = cpu(renderThread) - renderStart;
        fxUsed = cpu(fxThread) - fxStart;
        processUsed = os.getProcessCpuTime() - processStart;
        wallUsed = System.nanoTime() - wallStart;
        othersUsed.clear();
        for (java.util.Map.Entry<String, Long> e : nativeThreadTicks().entrySet()) {
            long used = e.getValue() - othersStart.getOrDefault(e.getKey(), 0L);
            String name = e.getKey().substring(e.getKey().indexOf(' ') + 1).replaceAll("[0-9]+$", "#").strip();
            if (used > 0 && !name.startsWith("QuantumRendere") && !name.startsWith("GtkNativeMainL") && !name.startsWith("JavaFX Applica")) {
                othersUsed.merge(name, used * TICK_NS, Long::sum);
            }
        }
    }

    private static java.util.Map<String, Long> nativeThreadTicks() {
        java.util.Map<String, Long> ticks = new java.util.HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        for (java.io.File task : tasks == null ? new java.io.File[0] : tasks) {
            try {
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(task.getName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended between listing and reading
            }
        }
        return ticks;
    }

    private long cpu(long thread) {
        return thread < 0 ? 0 : threads.getThreadCpuTime(thread);
    }

    public void report(String format, int frames) {
        System.out.printf(Locale.ROOT, format + "%8.2f ms%n", "render thread CPU per frame", renderUsed / 1e6 / frames);
        System.out.printf(Locale.ROOT, format + "%8.2f ms%n", "FX thread CPU per frame", fxUsed / 1e6 / frames);
        System.out.printf(Locale.ROOT, format + "%8.2f ms%n", "process CPU per frame (all threads)", processUsed / 1e6 / frames);
        othersUsed.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                .forEach(e -> System.out.printf(Locale.ROOT, format + "%8.2f ms%n", "  of which " + e.getKey(), e.getValue() / 1e6 / frames));
        System.out.printf(Locale.ROOT, format + "%8.2f%n", "system load average (1 min)", os.getSystemLoadAverage());
        System.out.printf(Locale.ROOT, format + "%8.1f fps%n", "frames per second (wall clock)", frames * 1e9 / wallUsed);
    }
}
