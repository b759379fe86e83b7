package org.warplab.cli;

import org.warplab.files.SafeWrite;
import org.warplab.model.Units;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Arrays;
import java.util.Iterator;
import org.warplab.emulation.EmulatedRuns;
import org.warplab.io.IoProblems;
import org.warplab.io.LabParameter;
import org.warplab.io.LoadedLab;
import org.warplab.model.Lab;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.ParallelRuns;
import org.warplab.run.SweepMetric;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code warplab sweep LAB --set PATH=FROM:TO:STEP}: runs the lab once per value of one numeric parameter; a table and a CSV. */
@Command(name = "sweep", description = {
    "Run a lab over a range of one numeric parameter, write CSV.",
    "",
    "Runs the lab in the emulator once per value FROM, FROM+STEP, ... TO of one numeric parameter and prints the chosen "
        + "metric (default downtime) of each migration, with a bar; -o writes every metric as CSV.",
    "",
    "PATH names the parameter as the lab file does, with elements of nodes, links, migrations and traffic by id (other "
        + "lists by position from 0):",
    "  links.W2.delayMs                    one-way delay of link W2",
    "  nodes.vm1.memoryMiB                 a VM's memory",
    "  migrations.MIG1.downtimeLimitMs     a migration's downtime limit",
    "  schemes.mobile-ipv6.raMaxIntervalMs a scheme setting",
    "  durationMs                          how long the run lasts",
    "",
    "The Mobile IPv6 delay sweep is the second paper's Figure 4:",
    "  warplab sweep sample-labs/mipv6-paper.warplab.json --set links.W2.delayMs=0:200:20"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:swept", "1:a value makes the lab invalid",
            "2:unreadable file, bad path, a field that is not a number, a bad range or option"})
final class SweepCommand extends HeadlessCommand {

    /** {@code --set PATH=FROM:TO:STEP}, read. */
    record Setting(LabParameter parameter, SweepRange range, String rangeText) {
        static Setting parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new TypeConversionException("--set '" + text + "' needs PATH=FROM:TO:STEP, e.g. links.W2.delayMs=0:200:20");
            }
            try {
                String rangeText = text.substring(eq + 1).strip();
                return new Setting(LabParameter.parse(text.substring(0, eq).strip()), SweepRange.parse(rangeText), rangeText);
            } catch (LabParameter.BadParameterException | UsageException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Parameters(paramLabel = "LAB.warplab.json", arity = "0..*", description = "The lab to sweep.")
    List<Path> files = List.of();

    @Option(names = "--set", paramLabel = "PATH=FROM:TO:STEP", converter = SettingConverter.class,
            description = "The parameter and its values, e.g. links.W2.delayMs=0:200:20.")
    Setting setting;

    @Option(names = "--metric", paramLabel = "M", defaultValue = "downtime", converter = MetricConverter.class,
            completionCandidates = MetricKeys.class,
            description = "downtime (VM stopped -> back in service), gap (longest wait between echoes), switching (the scheme's reaction), lost.")
    SweepMetric metric;

    @Mixin
    RunOptions.SchemeChoice scheme;

    @Mixin
    RunOptions.Seed seed;

    @Mixin
    RunOptions.Jobs jobs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv", description = "Write the CSV there.")
    Path output;

    static final class SettingConverter implements ITypeConverter<Setting> {
        @Override
        public Setting convert(String value) {
            return Setting.parse(value);
        }
    }

    static final class MetricConverter implements ITypeConverter<SweepMetric> {
        @Override
        public SweepMetric convert(String value) {
            return SweepMetric.ofKey(value).orElseThrow(() ->
                    new TypeConversionException("unknown metric '" + value + "'; choose one of " + String.join(", ", new MetricKeys())));
        }
    }

    static final class MetricKeys implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(SweepMetric.values()).map(SweepMetric::key).iterator();
        }
    }

    @Override
    int run() throws UsageException, LabArgument.Refused, ParallelRuns.CancelledException {
        Path file = LabArgument.one("sweep", files);
        if (setting == null) {
            throw new UsageException("say what to sweep with --set PATH=FROM:TO:STEP, e.g. --set links.W2.delayMs=0:200:20");
        }
        LabParameter parameter = setting.parameter();
        long seed = this.seed.seed;
        LoadedLab loaded = LabArgument.readable(file, err);
        Lab base = scheme.scheme == null ? loaded.lab() : loaded.lab().withScheme(scheme.scheme);
        LabParameter.Over over;
        try {
            over = parameter.over(base);
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
        out.println("Sweep " + parameter.path() + " (now " + LabParameter.format(over.current()) + ") over " + setting.rangeText() + "; " + metric.key()
                + (metric == SweepMetric.LOST ? " (probes)" : " (ms)"));
        // every value's lab is built and checked before any run, and the first invalid one (in the
        // sweep's order) is reported as a serial sweep would; building a lab goes through its JSON,
        // so it is spread over the same threads as the runs
        List<Double> values = setting.range().values();
        List<SweepPoint> points;
        try {
            points = ParallelRuns.run(values.stream().<Callable<SweepPoint>>map(value -> () -> SweepPoint.of(over, value, loaded)).toList(),
                    jobs.workers(Runtime.getRuntime().availableProcessors()), ParallelRuns.Progress.NONE, new ParallelRuns.Cancel());
        } catch (ParallelRuns.CancelledException e) {
            throw new IllegalStateException("nothing cancels a sweep's preparation", e);
        }
        List<Lab> labs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            SweepPoint point = points.get(i);
            if (point.badParameter() != null) {
                err.println(name() + ": " + point.badParameter());
                return Cli.INVALID;
            }
            if (!point.errors().isEmpty()) {
                err.println(name() + ": with " + parameter.path() + " = " + LabParameter.format(values.get(i)) + " the lab is invalid:");
                point.errors().forEach(e -> err.println("  " + e.replaceFirst("^[^:]*:\\d+:\\d+: ", "")));
                return Cli.INVALID;
            }
            labs.add(point.lab());
        }
        List<EmulatedRuns.Run> runs = jobs.runAll(labs, seed, err);
        for (int i = 0; i < values.size(); i++) {
            double value = values.get(i);
            Lab lab = labs.get(i);
            EmulatedRuns.Run run = runs.get(i);
            if (!run.ran()) {
                err.println(name() + ": " + file + " with " + parameter.path() + " = " + LabParameter.format(value) + ": " + run.failure());
                return Cli.UNUSABLE;
            }
            for (MigrationMetrics m : run.result().migrations()) {
                csv.add(String.join(",", parameter.path(), LabParameter.format(value), lab.scheme().key(), m.migration(),
                        csvMs(m.switchingTimeNs()), csvMs(m.downtimeNs()), csvMs(m.clientGapNs()), Long.toString(m.probesLost()),
                        Long.toString(m.probesSent()), csvMs(m.reachableAfter() ? m.latencyAfterNs() : -1), Boolean.toString(m.reachableAfter())));
                rows.add(new double[] {value, metric.of(m)});
                labels.add(m.migration());
            }
        }
        printTable(out, parameter.path(), metric.key(), rows, labels, base.migrations().size() > 1);
        if (output != null) {
            try {
                SafeWrite.text(output, String.join("\n", csv) + "\n");
            } catch (IOException e) {
                err.println(name() + ": cannot write " + output + ": " + IoProblems.describe(e));
                return Cli.UNUSABLE;
            }
            out.println("CSV (" + (csv.size() - 1) + " rows) written to " + output);
        }
        return Cli.OK;
    }

    private static String csvMs(Long ns) {
        return Units.msNumberOr(ns, 3, "");
    }

    /** The table, padded by hand as "%14s %-10s%12s" did: java.util.Formatter is the largest code a sweep's own part ran (docs/parallel-runs.md). */
    private static void printTable(PrintStream out, String path, String metric, List<double[]> rows, List<String> labels, boolean several) {
        double max = rows.stream().mapToDouble(r -> r[1]).filter(v -> !Double.isNaN(v)).max().orElse(0);
        StringBuilder table = new StringBuilder();
        padLeft(table, path.substring(path.lastIndexOf('.') + 1), 14).append(' ');
        if (several) {
            padRight(table, "migration", 10);
        }
        padLeft(table, metric, 12).append(System.lineSeparator());
        for (int i = 0; i < rows.size(); i++) {
            double value = rows.get(i)[1];
            int bar = max > 0 && !Double.isNaN(value) ? (int) Math.round(40 * value / max) : 0;
            padLeft(table, LabParameter.format(rows.get(i)[0]), 14).append(' ');
            if (several) {
                padRight(table, labels.get(i), 10);
            }
            padLeft(table, Double.isNaN(value) ? "—" : Units.fixed(value, metric.equals("lost") ? 0 : 1), 12);
            table.append("  ").append("#".repeat(bar)).append(System.lineSeparator());
        }
        out.print(table);
    }

    private static StringBuilder padLeft(StringBuilder out, String text, int width) {
        out.append(" ".repeat(Math.max(0, width - text.length())));
        return out.append(text);
    }

    private static StringBuilder padRight(StringBuilder out, String text, int width) {
        out.append(text);
        return out.append(" ".repeat(Math.max(0, width - text.length())));
    }

    /** One value's lab, or why it cannot be run (the parameter does not apply, or the lab is then invalid). */
    private record SweepPoint(Lab lab, String badParameter, List<String> errors) {
        static SweepPoint of(LabParameter.Over over, double value, LoadedLab loaded) {
            try {
                Lab lab = over.apply(value);
                return new SweepPoint(lab, null, LabArgument.errors(loaded, lab));
            } catch (LabParameter.BadParameterException e) {
                return new SweepPoint(null, e.getMessage(), List.of());
            }
        }
    }
}
