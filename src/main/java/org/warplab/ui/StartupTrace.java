package org.warplab.ui;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Where the designer's start-up goes: with {@code -Dwarplab.startupTrace=true} each step prints, to
 * standard error, the milliseconds since the JVM started and what was just done (the JVM's own
 * start time, so the marks add up across the class loaders the designer starts in), with the CPU
 * time the whole process and the marking thread have used so far. Off by default;
 * {@code org.warplab.app.StartupBench} measures the painted frame from outside.
 */
public final class StartupTrace {

    private static final boolean ON = Boolean.getBoolean("warplab.startupTrace");

    private StartupTrace() {
    }

    public static void mark(String what) {
        if (ON) {
            // CPU time beside the wall clock: on a loaded machine the wall clock says more about the neighbours
            long processCpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() / 1_000_000 : -1;
            long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
            System.err.printf(Locale.ROOT, "startup %6d ms  (cpu: process %6d ms, this thread %5d ms)  %s%n",
                    ManagementFactory.getRuntimeMXBean().getUptime(), processCpu, threadCpu, what);
        }
    }
}
