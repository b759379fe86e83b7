package org.warplab.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.warplab.emulation.BenchmarkLab;
import org.warplab.emulation.network.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.model.Lab;
import org.warplab.run.CompactTraceEvents;

/**
 * {@code warplab bench --peer-scenario}: the scenario the emulator was measured on beside ns-3
 * (64 routers, 16 VMs, G.711 echo flows, 10 s of virtual time), run the ways users run it: the
 * core alone (nothing recorded), {@code emulate} as shipped (figures and paths), with the replay
 * trace (compact, capped), and as the designer runs it (trace and pcap captures). Prints the
 * packet-hops per wall second and the heap each run keeps, so the figures can be re-measured.
 */
final class PeerScenarioBench {

    /** One way of running: what it records. */
    private record Mode(String name, Emulator.Options options) { }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private PeerScenarioBench() {
    }

    static void run(PrintStream out, int[] flowCounts, long durationMs) throws EmulationException {
        Mode[] modes = {
            new Mode("core (nothing recorded)", new Emulator.Options(1, false, false, false, 0, Emulator.Options.DEFAULT_MAX_EVENTS)),
            new Mode("emulate as shipped", Emulator.Options.metrics(1)),
            new Mode("emulate --trace (compact)", Emulator.Options.metrics(1).withTrace(true).withMaxTraceEvents(EmulateCommand.TRACE_FILE_MAX_EVENTS)),
            new Mode("designer run (trace + pcap)", Emulator.Options.defaults(1)),
        };
        // the JIT compiles the packet path on a short run first, so no row pays for it
        Emulator.run(BenchmarkLab.peerScenario(flowCounts[0], 1_000_000_000L), Emulator.Options.defaults(1));
        out.printf(Locale.ROOT, "Peer scenario: 64 routers, 16 VMs, G.711 echo flows, %d ms of virtual time; one core%n", durationMs);
        out.printf(Locale.ROOT, "%-6s %-28s %11s %11s %9s %8s %8s %13s %8s %9s %10s%n", "flows", "mode", "events", "packet-hops", "echoes", "wall",
                "cpu", "hops/cpu-s", "vs core", "heap kept", "trace B/ev");
        for (int flows : flowCounts) {
            Lab lab = BenchmarkLab.peerScenario(flows, durationMs * 1_000_000L);
            double coreCpu = 0;
            for (Mode mode : modes) {
                long heapBefore = usedHeap();
                long start = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                Emulator.Outcome outcome = Emulator.run(lab, mode.options());
                double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                double wall = (System.nanoTime() - start) / 1e9;
                long kept = usedHeap() - heapBefore;
                if (coreCpu == 0) {
                    coreCpu = cpu;
                }
                String perEvent = outcome.trace().events() instanceof CompactTraceEvents compact && compact.size() > 0
                        ? String.format(Locale.ROOT, "%.1f", compact.bytesUsed() / (double) compact.size()) : "—";
                out.printf(Locale.ROOT, "%-6d %-28s %,11d %,11d %,9d %6.2f s %6.2f s %,13.0f %7.2f× %6.0f MB %10s%n", flows, mode.name(),
                        outcome.events(), outcome.packetHops(), outcome.echoesDelivered(), wall, cpu, outcome.packetHops() / cpu, cpu / coreCpu,
                        kept / 1e6, perEvent);
                java.lang.ref.Reference.reachabilityFence(outcome); // what the run keeps is measured with it alive
            }
        }
        out.println("(cpu: the run's own thread, which the machine's other load does not inflate as it does wall time)");
        out.println("(heap kept: heap in use after the run, with its result, trace and captures still referenced, minus before; after a GC)");
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
