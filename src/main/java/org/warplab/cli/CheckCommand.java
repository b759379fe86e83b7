package org.warplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.warplab.emulation.EmulatedRuntime;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import org.warplab.lesson.ExerciseCheck;
import org.warplab.lesson.GoalResult;
import org.warplab.model.lesson.Exercise;

/** {@code warplab check LAB --exercise EX}: one student's lab against an exercise's goals, one line per goal. */
final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "check a lab against an exercise's goals";
    }

    @Override
    public String help() {
        return """
                Usage: warplab check LAB.warplab.json [--exercise EX.exercise.json] [--time-cap-ms N]

                Evaluates each goal of the exercise on the lab: the structural goals (scheme,
                router count, no warnings, client-edge translation) on the lab itself, the
                others (reachable after a move, a figure below a bound, other tenants
                untouched) on one emulated run with seed 1. Prints one line per goal:
                PASS|FAIL goal: measured figure — why. Without --exercise, the goals of the
                lab's own lesson are used.

                  --exercise EX     the exercise file (*.exercise.json)
                  --time-cap-ms N   stop the run after N ms of wall time; default 60000

                Exit codes: 0 every goal passes, 1 a goal fails, 2 the lab or the exercise
                cannot be read (or a bad option).
                """;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.positionals().size() != 1) {
            throw new UsageException("name one lab file, e.g. warplab check lessons/paging/start.warplab.json --exercise lessons/paging/paging.exercise.json");
        }
        long cap = timeCap(args);
        LoadedLab loaded;
        try {
            loaded = LabFiles.load(Path.of(args.positionals().get(0)));
        } catch (LabFileException e) {
            e.problems().forEach(err::println);
            return Cli.UNUSABLE;
        }
        Optional<Exercise> exercise = exercise(args, loaded, err);
        if (exercise.isEmpty()) {
            return Cli.UNUSABLE;
        }
        ExerciseCheck.Report report;
        try {
            report = ExerciseCheck.check(loaded.lab(), exercise.get(), new EmulatedRuntime(), cap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("warplab check: interrupted");
            return Cli.UNUSABLE;
        }
        report.results().stream().map(GoalResult::line).forEach(out::println);
        out.printf(java.util.Locale.ROOT, "%s: %d of %d goals (score %.1f)%n", loaded.file(), report.passed(), report.results().size(), report.score());
        return report.allPassed() ? Cli.OK : Cli.INVALID;
    }

    static long timeCap(Args args) throws UsageException {
        long cap = args.longOption("--time-cap-ms", 60_000);
        if (cap < 1 || cap > 86_400_000) {
            throw new UsageException("--time-cap-ms " + cap + " must be between 1 and 86400000 (a day)");
        }
        return cap;
    }

    /** The exercise of --exercise, or the lab's own lesson goals; empty (with the reason printed) when there is none. */
    static Optional<Exercise> exercise(Args args, LoadedLab lab, PrintStream err) throws UsageException {
        Optional<String> file = args.option("--exercise");
        if (file.isPresent()) {
            try {
                return Optional.of(org.warplab.io.ExerciseFiles.load(Path.of(file.get())));
            } catch (LabFileException e) {
                e.problems().forEach(err::println);
                return Optional.empty();
            }
        }
        if (lab != null && lab.lab().lesson().isPresent() && !lab.lab().lesson().get().goals().isEmpty()) {
            return Optional.of(org.warplab.io.ExerciseFiles.of(lab.lab().lesson().get()));
        }
        throw new UsageException("name the exercise with --exercise EX.exercise.json (the lab carries no goals of its own)");
    }
}
