package org.warplab.live;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;

/**
 * Builds a lab on namespaces the way {@code warplab live run} does (probe, then
 * {@link LabRealizer#build}), tears it down, and prints one line per build: the build's wall time
 * step by step and the CPU it cost, this JVM's (every thread) and its finished children's (the
 * {@code ip}, {@code sysctl}, {@code nft} ... processes; the kernel counts them in 10 ms ticks).
 * On a shared machine the wall time is noise and the CPU is the figure to compare; run A and B
 * alternating, each in a fresh JVM as the CLI is.
 * Run as root: {@code java -cp target/classes:target/test-classes:DEPS org.warplab.live.LabBuildBench [LAB] [BUILDS]}.
 */
public final class LabBuildBench {

    private LabBuildBench() {
    }

    public static void main(String[] args) throws Exception {
        Path labFile = Path.of(args.length > 0 ? args[0] : "sample-labs/paging-paper.warplab.json");
        int builds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Lab lab = LabFiles.load(labFile).lab();
        ProcessCommandRunner runner = new ProcessCommandRunner();
        HostTools tools = HostTools.fromEnvironment();
        Path work = Files.createTempDirectory("warplab-buildbench-");
        Capabilities capabilities = new CapabilityProbe(runner, tools).probe();
        System.out.printf("%s UTC, load average %s, %s, %s%n", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(Instant.now().atOffset(ZoneOffset.UTC)),
                loadAverage(), labFile.getFileName(), capabilities.linkDelayMethod());
        for (int i = 0; i < builds; i++) {
            NamespaceNames names = new NamespaceNames("bb" + Long.toHexString((ProcessHandle.current().pid() * 31 + i) & 0xff));
            LiveState state = new LiveState(work.resolve("state"), names.labId());
            long jvmCpu = jvmCpuNs();
            long childTicks = childTicks();
            LabRealizer.Realization built;
            try {
                built = new LabRealizer(runner, tools).build(lab, names, capabilities, state, work.resolve("configs-" + i));
            } finally {
                jvmCpu = jvmCpuNs() - jvmCpu;
                childTicks = childTicks() - childTicks;
                new LiveCleanup(runner, tools, work.resolve("state")).clean(names.labPrefix());
            }
            StringBuilder steps = new StringBuilder();
            for (LabRealizer.BuildStep step : built.buildSteps()) {
                steps.append(String.format("  %.1f %s;", step.ns() / 1e6, step.name().replaceAll(" \\(.*", "")));
            }
            System.out.printf("build %d: %.1f ms wall, CPU %.0f ms JVM + %d ms children |%s%n", i + 1, built.buildNs() / 1e6, jvmCpu / 1e6,
                    childTicks * 10, steps);
        }
        LiveCleanup.deleteTree(work);
    }

    private static long jvmCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** cutime + cstime of /proc/self/stat: the CPU of the children this process has waited for, in clock ticks. */
    private static long childTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after "(comm)": state is field 3 of the man page, cutime 16 and cstime 17
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }
}
