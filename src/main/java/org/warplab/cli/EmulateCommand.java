package org.warplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.warplab.emulation.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.io.IoProblems;
import org.warplab.model.Lab;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.run.RunExports;
import org.warplab.run.RunResult;

/** {@code warplab emulate LAB}: runs a lab in virtual time and prints its metrics and phase breakdown. */
final class EmulateCommand implements Command {

    @Override
    public String name() {
        return "emulate";
    }

    @Override
    public String summary() {
        return "run a lab in the emulator and print switching time, downtime, gap";
    }

    @Override
    public String help() {
        return """
                Usage: warplab emulate LAB.warplab.json [--scheme S] [--seed N]
                                       [--report FILE.json] [--trace FILE.jsonl] [--pcap DIR]

                Runs the lab's migrations in virtual time, packet by packet, and prints per
                migration: switching time (paging: announcement seen -> last client-edge
                translator switched; Mobile IPv6: router advertisement heard -> binding
                acknowledged; segmentation: resume -> last segment endpoint learned the VM),
                VM downtime (stopped -> running again; for Mobile IPv6 until the first packet
                reaches the home address again), the largest gap between echoes a client saw,
                probes lost, latency before/after, the path, and where the time went.

                  --scheme S         run with another scheme: network-paging, segmentation,
                                     mobile-ipv6, none, l2-extension, routing-move
                  --seed N           seed of the random source (jitter, loss); default 1
                  --report FILE      write the result as JSON
                  --trace FILE       write every packet hop and state change as JSON lines
                  --pcap DIR         write one pcap file per link and data-center LAN

                Exit codes: 0 ran, 1 the lab has errors, 2 unreadable file, bad option, or a
                lab the emulator cannot run.
                """;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        long seed = args.longOption("--seed", 1);
        LabArgument argument;
        try {
            argument = LabArgument.load(name(), args.positionals(), args.option("--scheme"), err);
        } catch (LabArgument.Refused refused) {
            return refused.exitCode;
        }
        Lab lab = argument.lab();
        Path file = argument.file();
        Emulator.Outcome outcome;
        try {
            outcome = Emulator.run(lab, Emulator.Options.defaults(seed));
        } catch (EmulationException e) {
            err.println("warplab emulate: " + file + ": " + e.getMessage());
            return Cli.UNUSABLE;
        }
        print(outcome.result(), out);
        try {
            writeResultAndTrace(args, outcome.result(), outcome.trace(), out);
            if (args.option("--pcap").isPresent()) {
                List<Path> files = RunExports.writeCaptures(outcome.captures(), Path.of(args.option("--pcap").get()));
                out.println(files.size() + " pcap files written to " + args.option("--pcap").get());
            }
        } catch (IOException | RuntimeException e) {
            err.println("warplab emulate: cannot write the output: " + IoProblems.describe(e));
            return Cli.UNUSABLE;
        }
        return Cli.OK;
    }

    /** The --report and --trace files of a run command, emulated or live. */
    static void writeResultAndTrace(Args args, RunResult result, org.warplab.run.Trace trace, PrintStream out) throws IOException {
        if (args.option("--report").isPresent()) {
            RunExports.writeResult(result, Path.of(args.option("--report").get()));
            out.println("result written to " + args.option("--report").get());
        }
        if (args.option("--trace").isPresent()) {
            RunExports.writeTrace(trace, Path.of(args.option("--trace").get()));
            out.println("trace (" + trace.size() + " events) written to " + args.option("--trace").get());
        }
    }

    static String ms(long ns) {
        return ns < 0 ? "—" : String.format("%.1f ms", ns / 1e6);
    }

    static void print(RunResult result, PrintStream out) {
        out.println("Lab: " + result.lab() + "   scheme: " + result.scheme() + "   seed: " + result.seed() + "   run: " + ms(result.endNs()));
        if (result.migrations().isEmpty()) {
            out.println("The lab has no migrations.");
        }
        for (MigrationMetrics m : result.migrations()) {
            out.println();
            out.println("Migration " + m.migration() + ": " + m.vm() + " (" + m.address() + ") " + m.from() + " → " + m.to() + ", " + m.mode());
            row(out, "switching time", m.switchingTimeNs() == null ? "— (not part of this scheme)" : ms(m.switchingTimeNs()));
            row(out, "VM downtime", ms(m.downtimeNs()));
            row(out, "migration time", ms(m.migrationTimeNs()));
            row(out, "client gap", ms(m.clientGapNs()));
            row(out, "probes sent / lost", m.probesSent() + " / " + m.probesLost());
            row(out, "latency before → after", ms(m.latencyBeforeNs()) + " → " + ms(m.latencyAfterNs()));
            row(out, "reachable after", m.reachableAfter() ? "yes, at " + m.address() : "NO");
            row(out, "path before", m.pathBefore().isEmpty() ? "—" : m.pathBefore());
            row(out, "path after", m.pathAfter().isEmpty() ? "—" : m.pathAfter());
            out.println("  Phases:");
            for (Phase phase : m.phases()) {
                out.printf("    %-46s %10s → %10s  %10s%n", phase.name(), ms(phase.startNs()), ms(phase.endNs()), ms(phase.durationNs()));
            }
            if (m.flows().size() > 1) {
                out.println("  Flows:");
                for (FlowMetrics f : m.flows()) {
                    out.printf("    %-8s from %-8s gap %10s  lost %4d of %5d  latency %s → %s%n", f.flow(), f.client(), ms(f.gapNs()),
                            f.probesLost(), f.probesSent(), ms(f.latencyBeforeNs()), ms(f.latencyAfterNs()));
                }
            }
        }
        if (!result.notes().isEmpty()) {
            out.println();
            result.notes().forEach(n -> out.println("Note: " + n));
        }
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf("  %-24s %s%n", label, value);
    }
}
