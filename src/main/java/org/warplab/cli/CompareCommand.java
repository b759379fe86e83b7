package org.warplab.cli;

import org.warplab.model.Units;
import java.util.Locale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.emulation.EmulatedRuns;
import org.warplab.run.SchemeComparison;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.run.FigureText;
import org.warplab.run.MetricDefinitions;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.ParallelRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warplab compare LAB}: every scheme the lab can run, and the baselines, on the same topology and traffic, in one table. */
@Command(name = "compare", description = {
    "Run a lab under each applicable scheme and the baselines, one table.",
    "",
    "Runs the lab in the emulator once per scheme: the one it uses, the other schemes it has settings for, and the "
        + "baselines (none, l2-extension, routing-move), on the same topology, migrations and traffic with the same seed, and "
        + "prints one row per scheme and migration: switching time, VM downtime, the largest gap a client saw, probes lost, "
        + "latency after the move, and the path the probes take after it. A scheme the lab cannot run under says why "
        + "instead of figures."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compared", "1:the lab has errors", "2:unreadable file or bad option"})
final class CompareCommand extends HeadlessCommand {

    @Parameters(paramLabel = "LAB.warplab.json", arity = "0..*", description = "The lab to compare the schemes on.")
    List<Path> files = List.of();

    @Mixin
    RunOptions.Seed seed;

    @Mixin
    RunOptions.Jobs jobs;

    /** The schemes to compare: the lab's own, the others it has settings for, then the baselines. */
    static List<SchemeKind> schemesOf(Lab lab) {
        return SchemeComparison.schemesOf(lab);
    }

    @Override
    int run() throws UsageException, LabArgument.Refused, ParallelRuns.CancelledException {
        LabArgument argument = LabArgument.load("compare", files, Optional.empty(), err);
        jobs.check();
        long seed = this.seed.seed;
        Path file = argument.file();
        Lab lab = argument.lab();
        if (lab.migrations().isEmpty()) {
            out.println(file + ": the lab has no migrations, so there is nothing to compare");
            return Cli.OK;
        }
        out.println("Lab: " + lab.name() + "   seed: " + seed + "   (times in ms)");
        boolean several = lab.migrations().size() > 1;
        String header = String.format(Locale.ROOT, "%-14s %s%10s %10s %17s %6s %10s  %s", "scheme", several ? String.format("%-8s ", "migration") : "",
                "switching", "downtime", "gap", "lost", "lat. after", "path after the move");
        out.println(header);
        out.println("-".repeat(header.length() + 20));
        // applicability is checked here, in order (cheap, and its message is placed in the file); the runs go in parallel
        List<SchemeKind> kinds = schemesOf(lab);
        List<String> refusals = new ArrayList<>();
        List<Lab> runnable = new ArrayList<>();
        for (SchemeKind kind : kinds) {
            Lab variant = lab.withScheme(kind);
            List<String> problems = LabArgument.errors(argument.loaded(), variant);
            refusals.add(problems.isEmpty() ? null : problems.get(0).replaceFirst("^.*?: error: ", ""));
            if (problems.isEmpty()) {
                runnable.add(variant);
            }
        }
        List<EmulatedRuns.Run> runs = jobs.runAll(runnable, seed, err);
        int next = 0;
        for (int i = 0; i < kinds.size(); i++) {
            SchemeKind kind = kinds.get(i);
            if (refusals.get(i) != null) {
                out.printf(Locale.ROOT, "%-14s not applicable: %s%n", kind.key(), refusals.get(i));
                continue;
            }
            EmulatedRuns.Run run = runs.get(next++);
            if (!run.ran()) {
                out.printf(Locale.ROOT, "%-14s not run: %s%n", kind.key(), run.failure());
                continue;
            }
            for (MigrationMetrics m : run.result().migrations()) {
                String gap = m.gapMeasured() ? cell(m.clientGapNs()) : FigureText.gap(m);
                out.printf(Locale.ROOT, "%-14s %s%10s %10s %17s %6d %10s  %s%n", kind.key(), several ? String.format("%-8s ", m.migration()) : "",
                        cell(m.switchingTimeNs()), m.completion().finished() ? cell(m.downtimeNs()) : "unfinished", gap, m.probesLost(),
                        m.reachableAfter() ? cell(m.latencyAfterNs()) : "no echo", m.pathAfter().isEmpty() ? "—" : m.pathAfter());
                m.caveats().stream().filter(c -> !c.contains("unreachable") && !c.startsWith("every probe"))
                        .forEach(c -> out.printf("%-14s   ! %s%n", "", c));
            }
        }
        out.println();
        out.println("switching: " + MetricDefinitions.SWITCHING + ".");
        out.println("downtime: " + MetricDefinitions.DOWNTIME + ".");
        out.println("gap: " + MetricDefinitions.CLIENT_GAP + "; lost: probes never echoed.");
        return Cli.OK;
    }

    /** A figure in milliseconds for the table, or a dash when the run has none. */
    private static String cell(Long ns) {
        return Units.msNumberOr(ns, 1, Units.NONE);
    }
}
