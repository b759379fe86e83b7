package org.warplab.cli;

import java.util.Locale;
import org.warplab.emulation.BenchmarkLab;
import org.warplab.emulation.network.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.emulation.network.Simulator;
import org.warplab.model.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warplab bench}: how fast the emulator runs a large generated lab, and how that grows with the flows. */
@Command(name = "bench", description = {
    "Measure the emulator on a large generated lab.",
    "",
    "Generates a paging lab with 250 data centers (1,000 routers, 1,000 VMs) and runs it with N/4, N/2 and N G.711 probe "
        + "flows for MS ms of virtual time, without trace or capture. Prints events, wall time, events per second, the most "
        + "events queued at once, and the kernel's memory per queued event."})
final class BenchCommand extends HeadlessCommand {

    @Option(names = "--flows", paramLabel = "N", defaultValue = "10000", description = "Probe flows of the largest run; default ${DEFAULT-VALUE}.")
    long flows;

    @Option(names = "--duration-ms", paramLabel = "MS", defaultValue = "1000", description = "Virtual time of each run; default ${DEFAULT-VALUE}.")
    long durationMs;

    @Option(names = "--peer-scenario", description = {"Run the scenario measured beside ns-3 instead: 64 routers, 16 VMs, N/4 and N "
        + "G.711 echo flows (default N = 800) for MS ms (default 10000), each the ways users run it (core only, emulate as shipped, "
        + "with --trace, as the designer runs it), with packet-hops per CPU second and the heap each run keeps."})
    boolean peerScenario;

    @Override
    int run() throws UsageException {
        if (peerScenario) {
            return peerScenario();
        }
        if (flows < 4 || flows > 1_000_000 || durationMs < 1) {
            throw new UsageException("--flows takes 4..1000000 and --duration-ms a positive number");
        }
        out.printf(Locale.ROOT, "Memory per queued event: %.1f bytes measured (%d bytes of kernel arrays per slot)%n", measuredBytesPerEvent(),
                Simulator.bytesPerSlot());
        out.printf(Locale.ROOT, "%-8s %-8s %-6s %12s %10s %14s %12s%n", "flows", "routers", "VMs", "events", "wall", "events/s", "peak queue");
        try {
            // A warm-up run lets the JIT compile the packet path before anything is measured.
            Emulator.run(BenchmarkLab.generate(250, (int) Math.max(4, flows / 4), 200_000_000L), new Emulator.Options(1, false, false));
            for (long n : new long[] {flows / 4, flows / 2, flows}) {
                Lab lab = BenchmarkLab.generate(250, (int) n, durationMs * 1_000_000L);
                long start = System.nanoTime();
                Emulator.Outcome outcome = Emulator.run(lab, new Emulator.Options(1, false, false));
                long wall = System.nanoTime() - start;
                out.printf(Locale.ROOT, "%-8d %-8d %-6d %12d %8.2f s %14.0f %12d%n", n, lab.routers().size(), lab.vms().size(), outcome.events(), wall / 1e9,
                        outcome.events() / (wall / 1e9), outcome.peakPendingEvents());
            }
        } catch (EmulationException e) {
            err.println(name() + ": " + e.getMessage());
            return Cli.UNUSABLE;
        }
        out.println("(wall time includes building the network and computing the routes)");
        return Cli.OK;
    }

    private int peerScenario() throws UsageException {
        // the general bench's defaults are for 1,000 routers; the peer scenario's are the ns-3 comparison's
        long peerFlows = flowsGiven() ? flows : 800;
        long peerMs = durationGiven() ? durationMs : 10_000;
        if (peerFlows < 4 || peerFlows > 100_000 || peerMs < 1 || peerMs > 3_600_000) {
            throw new UsageException("with --peer-scenario, --flows takes 4..100000 and --duration-ms 1..3600000");
        }
        try {
            PeerScenarioBench.run(out, new int[] {(int) (peerFlows / 4), (int) peerFlows}, peerMs);
        } catch (EmulationException e) {
            err.println(name() + ": " + e.getMessage());
            return Cli.UNUSABLE;
        }
        return Cli.OK;
    }

    private boolean flowsGiven() {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption("--flows");
    }

    private boolean durationGiven() {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption("--duration-ms");
    }

    /** Heap growth from queueing a million events, after a garbage collection on each side. */
    private static double measuredBytesPerEvent() {
        int count = 1_000_000;
        Simulator sim = new Simulator(1);
        sim.scheduleAt(0, (c, p) -> { }, 0, null);
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        for (int i = 0; i < count; i++) {
            sim.scheduleAt(i, (c, p) -> { }, 0, null);
        }
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        double perEvent = (after - before) / (double) count;
        if (sim.pendingEvents() < count) {
            throw new IllegalStateException("events vanished");
        }
        return perEvent;
    }
}
