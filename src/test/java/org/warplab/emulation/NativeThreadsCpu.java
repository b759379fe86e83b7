package org.warplab.emulation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time by native thread from {@code /proc/self/task/TID/schedstat} (nanoseconds, Linux only):
 * unlike {@code ThreadMXBean} it sees the JIT's compiler threads and the collector's threads, which
 * take the second core from a run thread at two jobs and have it for free at one.
 */
final class NativeThreadsCpu {

    /** One sweep's process CPU split by kind of thread; "ended" is what threads that ended during it used (the run pool's). */
    record Split(double endedMs, double compilerMs, double gcAndVmMs, double otherMs) { }

    private NativeThreadsCpu() {
    }

    /** CPU ns so far per "tid name" of every live thread of this process; empty where /proc is not Linux's. */
    static Map<String, Long> snapshot() {
        Map<String, Long> cpu = new HashMap<>();
        File[] tasks = new File("/proc/self/task").listFiles();
        for (File task : tasks == null ? new File[0] : tasks) {
            try {
                String name = Files.readString(task.toPath().resolve("comm")).strip();
                String schedstat = Files.readString(task.toPath().resolve("schedstat"));
                cpu.put(task.getName() + " " + name, Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
            } catch (IOException | RuntimeException e) {
                // the thread ended between listing and reading: it counts as ended
            }
        }
        return cpu;
    }

    static Split split(Map<String, Long> before, Map<String, Long> after, long processCpuNs) {
        long compiler = 0;
        long gcAndVm = 0;
        long other = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            Long start = before.get(e.getKey());
            if (start == null) {
                continue; // started during the sweep and still alive: counted with the ended ones below
            }
            long used = e.getValue() - start;
            String name = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            // the JIT: its compilers, and (JDK 17) the code cache's sweeper, which frees the code they replaced
            if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("Sweeper thread")) {
                compiler += used;
            } else if (name.startsWith("G1 ") || name.startsWith("GC Thread") || name.startsWith("VM ")) {
                gcAndVm += used;
            } else {
                other += used;
            }
        }
        long ended = Math.max(0, processCpuNs - compiler - gcAndVm - other);
        return new Split(ended / 1e6, compiler / 1e6, gcAndVm / 1e6, other / 1e6);
    }
}
