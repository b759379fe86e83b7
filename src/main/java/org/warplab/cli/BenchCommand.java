package org.warplab.cli;

import java.io.PrintStream;
import org.warplab.emulation.BenchmarkLab;
import org.warplab.emulation.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.emulation.Simulator;
import org.warplab.model.Lab;

/** {@code warplab bench}: how fast the emulator runs a large generated lab, and how that grows with the flows. */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure the emulator on a large generated lab";
    }

    @Override
    public String help() {
        return """
                Usage: warplab bench [--flows N] [--duration-ms MS]

                Generates a paging lab with 250 data centers (1,000 routers, 1,000 VMs) and runs
                it with N/4, N/2 and N G.711 probe flows (default N = 10000) for MS ms of virtual
                time (default 1000), without trace or capture. Prints events, wall time, events per
                second, the most events queued at once, and the kernel's memory per queued event.
                """;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        long flows = args.longOption("--flows", 10_000);
        long durationMs = args.longOption("--duration-ms", 1000);
        if (flows < 4 || flows > 1_000_000 || durationMs < 1) {
            throw new UsageException("--flows takes 4..1000000 and --duration-ms a positive number");
        }
        out.printf(java.util.Locale.ROOT, "Memory per queued event: %.1f bytes measured (%d bytes of kernel arrays per slot)%n", measuredBytesPerEvent(),
                Simulator.bytesPerSlot());
        out.printf("%-8s %-8s %-6s %12s %10s %14s %12s%n", "flows", "routers", "VMs", "events", "wall", "events/s", "peak queue");
        try {
            // A warm-up run lets the JIT compile the packet path before anything is measured.
            Emulator.run(BenchmarkLab.generate(250, (int) Math.max(4, flows / 4), 200_000_000L), new Emulator.Options(1, false, false));
            for (long n : new long[] {flows / 4, flows / 2, flows}) {
                Lab lab = BenchmarkLab.generate(250, (int) n, durationMs * 1_000_000L);
                long start = System.nanoTime();
                Emulator.Outcome outcome = Emulator.run(lab, new Emulator.Options(1, false, false));
                long wall = System.nanoTime() - start;
                out.printf(java.util.Locale.ROOT, "%-8d %-8d %-6d %12d %8.2f s %14.0f %12d%n", n, lab.routers().size(), lab.vms().size(), outcome.events(), wall / 1e9,
                        outcome.events() / (wall / 1e9), outcome.peakPendingEvents());
            }
        } catch (EmulationException e) {
            err.println("warplab bench: " + e.getMessage());
            return Cli.UNUSABLE;
        }
        out.println("(wall time includes building the network and computing the routes)");
        return Cli.OK;
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
