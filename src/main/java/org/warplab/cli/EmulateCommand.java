package org.warplab.cli;

import org.warplab.model.Units;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.nio.file.Path;
import java.util.List;
import org.warplab.emulation.network.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.io.IoProblems;
import org.warplab.run.FigureText;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MetricDefinitions;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.run.RunExports;
import org.warplab.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warplab emulate LAB}: runs a lab in virtual time and prints its metrics and phase breakdown. */
@Command(name = "emulate", description = {
    "Run a lab in the emulator and print switching time, downtime, gap.",
    "",
    "Runs the lab's migrations in virtual time, packet by packet, and prints per migration: switching time ("
        + MetricDefinitions.SWITCHING + "), VM downtime (" + MetricDefinitions.DOWNTIME + "), client gap ("
        + MetricDefinitions.CLIENT_GAP + "), probes lost, latency before/after, the path, and where the time went."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ran", "1:the lab has errors", "2:unreadable file, bad option, or a lab the emulator cannot run"})
final class EmulateCommand extends HeadlessCommand {

    /** About 0.6 GB of compact trace in memory before it is written; a longer trace is cut with a note. */
    static final int TRACE_FILE_MAX_EVENTS = 20_000_000;

    @Parameters(paramLabel = "LAB.warplab.json", arity = "0..*", description = "The lab to run.")
    List<Path> files = List.of();

    @Mixin
    RunOptions.SchemeChoice scheme;

    @Mixin
    RunOptions.Seed seed;

    @Mixin
    RunOptions.ResultFiles outputs;

    @Option(names = "--pcap", paramLabel = "DIR", description = "Write one pcap file per link and data-center LAN.")
    Path pcap;

    @Override
    int run() throws UsageException, LabArgument.Refused {
        LabArgument argument = LabArgument.load("emulate", files, Optional.ofNullable(scheme.scheme), err);
        Emulator.Outcome outcome;
        try {
            // the trace and the captures cost time and memory: kept only when asked for (a trace file has a larger cap)
            outcome = Emulator.run(argument.lab(), Emulator.Options.metrics(seed.seed).withTrace(outputs.trace != null)
                    .withCapture(pcap != null).withMaxTraceEvents(TRACE_FILE_MAX_EVENTS));
        } catch (EmulationException e) {
            err.println(name() + ": " + argument.file() + ": " + e.getMessage());
            return Cli.UNUSABLE;
        }
        print(outcome.result(), out);
        try {
            outputs.write(outcome.result(), outcome.trace(), out);
            if (pcap != null) {
                List<Path> written = RunExports.writeCaptures(outcome.captures(), pcap);
                out.println(written.size() + " pcap files written to " + pcap);
            }
        } catch (IOException | RuntimeException e) {
            err.println(name() + ": cannot write the output: " + IoProblems.describe(e));
            return Cli.UNUSABLE;
        }
        return Cli.OK;
    }

    static String ms(long ns) {
        return Units.msOrNone(ns, 1);
    }

    static void print(RunResult result, PrintStream out) {
        out.println("Lab: " + result.lab() + "   scheme: " + result.scheme() + "   seed: " + result.seed() + "   run: " + ms(result.endNs()));
        if (result.migrations().isEmpty()) {
            out.println("The lab has no migrations.");
        }
        for (MigrationMetrics m : result.migrations()) {
            out.println();
            out.println("Migration " + m.migration() + ": " + m.vm() + " (" + m.address() + ") " + m.from() + " → " + m.to() + ", " + m.mode());
            FigureText.rows(m).forEach(figure -> out.printf(Locale.ROOT, "  %-24s %s%n", figure.label(), figure.value()));
            m.caveats().forEach(c -> out.println("  ! " + c));
            out.println("  Phases:");
            for (Phase phase : m.phases()) {
                out.printf(Locale.ROOT, "    %-46s %10s → %10s  %10s%n", phase.name(), ms(phase.startNs()), ms(phase.endNs()), ms(phase.durationNs()));
            }
            if (m.flows().size() > 1) {
                flows(out, "Flows:", m.flows());
            }
            if (!m.bystanders().isEmpty()) {
                flows(out, "Other flows meanwhile (to VMs that did not move):", m.bystanders());
            }
        }
        if (!result.notes().isEmpty()) {
            out.println();
            result.notes().forEach(n -> out.println("Note: " + n));
        }
    }

    private static void flows(PrintStream out, String title, List<FlowMetrics> flows) {
        out.println("  " + title);
        for (FlowMetrics f : flows) {
            out.printf(Locale.ROOT, "    %-8s from %-8s gap %10s  lost %4d of %5d  latency %s → %s%n", f.flow(), f.client(), ms(f.gapNs()),
                    f.probesLost(), f.probesSent(), ms(f.latencyBeforeNs()), ms(f.latencyAfterNs()));
        }
    }
}
