package org.warplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.warplab.emulation.EmulatedRuns;
import org.warplab.io.IoProblems;
import org.warplab.io.LabParameter;
import org.warplab.io.LoadedLab;
import org.warplab.model.Lab;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.ParallelRuns;
import org.warplab.run.SweepMetric;

/** {@code warplab sweep LAB --set PATH=FROM:TO:STEP}: runs the lab once per value of one numeric parameter; a table and a CSV. */
final class SweepCommand implements Command {
    static final Set<String> VALUE_OPTIONS = Set.of("--set", "--metric", "--scheme", "--seed", "--jobs", "-o", "--output");
    static final List<String> METRICS = List.of("downtime", "gap", "switching", "lost");

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String summary() {
        return "run a lab over a range of one numeric parameter, write CSV";
    }

    @Override
    public String help() {
        return """
                Usage: warplab sweep LAB.warplab.json --set PATH=FROM:TO:STEP
                                     [--metric downtime|gap|switching|lost] [--scheme S]
                                     [--seed N] [--jobs N] [-o FILE.csv]

                Runs the lab in the emulator once per value FROM, FROM+STEP, ... TO of one
                numeric parameter and prints the chosen metric (default downtime) of each
                migration, with a bar; -o writes every metric as CSV.

                PATH names the parameter as the lab file does, with elements of nodes, links,
                migrations and traffic by id (other lists by position from 0):
                  links.W2.delayMs                    one-way delay of link W2
                  nodes.vm1.memoryMiB                 a VM's memory
                  migrations.MIG1.downtimeLimitMs     a migration's downtime limit
                  schemes.mobile-ipv6.raMaxIntervalMs a scheme setting
                  durationMs                          how long the run lasts

                The Mobile IPv6 delay sweep is the second paper's Figure 4:
                  warplab sweep sample-labs/mipv6-paper.warplab.json --set links.W2.delayMs=0:200:20

                  --metric M   downtime (VM stopped -> back in service), gap (longest wait
                               between echoes), switching (the scheme's reaction), lost
                  --scheme S   run under another scheme than the lab's
                  --seed N     seed of the random source; default 1
                  --jobs N     runs at once; default one per core, fewer when the heap is
                               short (the table and CSV are the same whatever N is)
                  -o FILE      write the CSV there

                Exit codes: 0 swept, 1 a value makes the lab invalid, 2 unreadable file, bad
                path, a field that is not a number, a bad range or option.
                """;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.positionals().size() != 1) {
            throw new UsageException("name one lab file, e.g. warplab sweep sample-labs/mipv6-paper.warplab.json --set links.W2.delayMs=0:200:20");
        }
        String set = args.option("--set").orElseThrow(() -> new UsageException("say what to sweep with --set PATH=FROM:TO:STEP, e.g. --set links.W2.delayMs=0:200:20"));
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--set '" + set + "' needs PATH=FROM:TO:STEP, e.g. links.W2.delayMs=0:200:20");
        }
        String metric = args.option("--metric").orElse("downtime");
        if (!METRICS.contains(metric)) {
            throw new UsageException("unknown metric '" + metric + "'; choose one of " + String.join(", ", METRICS));
        }
        LabParameter parameter;
        try {
            parameter = LabParameter.parse(set.substring(0, eq).strip());
        } catch (LabParameter.BadParameterException e) {
            throw new UsageException(e.getMessage());
        }
        SweepRange range = SweepRange.parse(set.substring(eq + 1).strip());
        long seed = args.longOption("--seed", 1);
        Optional<String> output = args.option("-o").or(() -> args.option("--output"));
        Path file = Path.of(args.positionals().get(0));
        Optional<LoadedLab> loaded = LabRuns.load(file, err);
        if (loaded.isEmpty()) {
            return Cli.UNUSABLE;
        }
        Lab base = loaded.get().lab();
        if (args.option("--scheme").isPresent()) {
            base = base.withScheme(LabRuns.scheme(args.option("--scheme").get()));
        }
        double current;
        try {
            current = parameter.valueIn(base);
        } catch (LabParameter.BadParameterException e) {
            throw new UsageException(e.getMessage());
        }
        if (base.migrations().isEmpty()) {
            err.println(file + ": the lab has no migrations; a sweep shows how a parameter moves a migration's figures");
            return Cli.UNUSABLE;
        }
        List<String> csv = new ArrayList<>();
        csv.add("parameter,value,scheme,migration,switching_ms,downtime_ms,gap_ms,lost,sent,latency_after_ms,reachable_after");
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        out.println("Lab: " + base.name() + "   scheme: " + base.scheme().key() + "   seed: " + seed);
        out.println("Sweep " + parameter.path() + " (now " + LabParameter.format(current) + ") over " + set.substring(eq + 1) + "; " + metric
                + (metric.equals("lost") ? " (probes)" : " (ms)"));
        // every value's lab is built and checked first, in order, so the first invalid one is reported as a serial sweep would
        List<Double> values = range.values();
        List<Lab> labs = new ArrayList<>();
        for (double value : values) {
            Lab lab;
            try {
                lab = parameter.apply(base, value);
            } catch (LabParameter.BadParameterException e) {
                err.println("warplab sweep: " + e.getMessage());
                return Cli.INVALID;
            }
            List<String> errors = LabRuns.errors(loaded.get(), lab);
            if (!errors.isEmpty()) {
                err.println("warplab sweep: with " + parameter.path() + " = " + LabParameter.format(value) + " the lab is invalid:");
                errors.forEach(e -> err.println("  " + e.replaceFirst("^[^:]*:\\d+:\\d+: ", "")));
                return Cli.INVALID;
            }
            labs.add(lab);
        }
        List<EmulatedRuns.Run> runs;
        try {
            runs = LabRuns.runAll(labs, seed, args, err);
        } catch (ParallelRuns.CancelledException e) {
            err.println("warplab sweep: " + e.getMessage());
            return Cli.UNUSABLE;
        }
        for (int i = 0; i < values.size(); i++) {
            double value = values.get(i);
            Lab lab = labs.get(i);
            EmulatedRuns.Run run = runs.get(i);
            if (!run.ran()) {
                err.println("warplab sweep: " + file + " with " + parameter.path() + " = " + LabParameter.format(value) + ": " + run.failure());
                return Cli.UNUSABLE;
            }
            for (MigrationMetrics m : run.result().migrations()) {
                csv.add(String.join(",", parameter.path(), LabParameter.format(value), lab.scheme().key(), m.migration(),
                        csvMs(m.switchingTimeNs()), csvMs(m.downtimeNs()), csvMs(m.clientGapNs()), Long.toString(m.probesLost()),
                        Long.toString(m.probesSent()), csvMs(m.reachableAfter() ? m.latencyAfterNs() : -1), Boolean.toString(m.reachableAfter())));
                rows.add(new double[] {value, pick(m, metric)});
                labels.add(m.migration());
            }
        }
        printTable(out, parameter.path(), metric, rows, labels, base.migrations().size() > 1);
        if (output.isPresent()) {
            try {
                Files.writeString(Path.of(output.get()), String.join("\n", csv) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("warplab sweep: cannot write " + output.get() + ": " + IoProblems.describe(e));
                return Cli.UNUSABLE;
            }
            out.println("CSV (" + (csv.size() - 1) + " rows) written to " + output.get());
        }
        return Cli.OK;
    }

    /** The metric of one migration: milliseconds, or probes for "lost"; NaN when the run has no such figure. */
    static double pick(MigrationMetrics m, String metric) {
        return SweepMetric.ofKey(metric).orElse(SweepMetric.DOWNTIME).of(m);
    }

    private static String csvMs(Long ns) {
        return ns == null || ns < 0 ? "" : String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }

    private static void printTable(PrintStream out, String path, String metric, List<double[]> rows, List<String> labels, boolean several) {
        double max = rows.stream().mapToDouble(r -> r[1]).filter(v -> !Double.isNaN(v)).max().orElse(0);
        out.printf("%14s %s%12s%n", path.substring(path.lastIndexOf('.') + 1), several ? String.format("%-10s", "migration") : "", metric);
        for (int i = 0; i < rows.size(); i++) {
            double value = rows.get(i)[1];
            int bar = max > 0 && !Double.isNaN(value) ? (int) Math.round(40 * value / max) : 0;
            out.printf("%14s %s%12s  %s%n", LabParameter.format(rows.get(i)[0]), several ? String.format("%-10s", labels.get(i)) : "",
                    Double.isNaN(value) ? "—" : metric.equals("lost") ? String.format("%.0f", value) : String.format(Locale.ROOT, "%.1f", value),
                    "#".repeat(bar));
        }
    }
}
