package org.warplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.warplab.emulation.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.emulation.SchemeComparison;
import org.warplab.io.LoadedLab;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunResult;

/** {@code warplab compare LAB}: every scheme the lab can run, and the baselines, on the same topology and traffic, in one table. */
final class CompareCommand implements Command {

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "run a lab under each applicable scheme and the baselines, one table";
    }

    @Override
    public String help() {
        return """
                Usage: warplab compare LAB.warplab.json [--seed N]

                Runs the lab in the emulator once per scheme: the one it uses, the other
                schemes it has settings for, and the baselines (none, l2-extension,
                routing-move), on the same topology, migrations and traffic with the same
                seed, and prints one row per scheme and migration: switching time, VM
                downtime, the largest gap a client saw, probes lost, latency after the move,
                and the path the probes take after it. A scheme the lab cannot run under says
                why instead of figures.

                  --seed N    seed of the random source (jitter, loss, advertisements); default 1

                Exit codes: 0 compared, 1 the lab has errors, 2 unreadable file or bad option.
                """;
    }

    /** The schemes to compare: the lab's own, the others it has settings for, then the baselines. */
    static List<SchemeKind> schemesOf(Lab lab) {
        return SchemeComparison.schemesOf(lab);
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.positionals().size() != 1) {
            throw new UsageException("name one lab file, e.g. warplab compare sample-labs/mipv6-paper.warplab.json");
        }
        long seed = args.longOption("--seed", 1);
        Path file = Path.of(args.positionals().get(0));
        Optional<LoadedLab> loaded = LabRuns.load(file, err);
        if (loaded.isEmpty()) {
            return Cli.UNUSABLE;
        }
        Lab lab = loaded.get().lab();
        List<String> errors = LabRuns.errors(loaded.get(), lab);
        if (!errors.isEmpty()) {
            errors.forEach(err::println);
            err.println(file + ": the lab has errors; fix them first (warplab validate " + file + ")");
            return Cli.INVALID;
        }
        if (lab.migrations().isEmpty()) {
            out.println(file + ": the lab has no migrations, so there is nothing to compare");
            return Cli.OK;
        }
        out.println("Lab: " + lab.name() + "   seed: " + seed + "   (times in ms)");
        boolean several = lab.migrations().size() > 1;
        String header = String.format("%-14s %s%10s %10s %10s %6s %10s  %s", "scheme", several ? String.format("%-8s ", "migration") : "",
                "switching", "downtime", "gap", "lost", "lat. after", "path after the move");
        out.println(header);
        out.println("-".repeat(header.length() + 20));
        for (SchemeKind kind : schemesOf(lab)) {
            Lab variant = lab.withScheme(kind);
            List<String> problems = LabRuns.errors(loaded.get(), variant);
            if (!problems.isEmpty()) {
                out.printf("%-14s not applicable: %s%n", kind.key(), problems.get(0).replaceFirst("^.*?: error: ", ""));
                continue;
            }
            RunResult result;
            try {
                result = Emulator.run(variant, Emulator.Options.defaults(seed)).result();
            } catch (EmulationException e) {
                out.printf("%-14s not run: %s%n", kind.key(), e.getMessage());
                continue;
            }
            for (MigrationMetrics m : result.migrations()) {
                out.printf("%-14s %s%10s %10s %10s %6d %10s  %s%n", kind.key(), several ? String.format("%-8s ", m.migration()) : "",
                        LabRuns.ms(m.switchingTimeNs()), LabRuns.ms(m.downtimeNs()), LabRuns.ms(m.clientGapNs()), m.probesLost(),
                        m.reachableAfter() ? LabRuns.ms(m.latencyAfterNs()) : "lost", m.pathAfter().isEmpty() ? "—" : m.pathAfter());
            }
        }
        out.println();
        out.println("switching: the scheme's own reaction (paging: announcement seen -> last translator switched; Mobile IPv6: advertisement");
        out.println("heard -> binding acknowledged; segmentation: resume -> last endpoint learned the VM); downtime: VM stopped -> back in");
        out.println("service; gap: the longest a client waited between echoes; lost: probes never echoed.");
        return Cli.OK;
    }
}
