package org.warplab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.warplab.emulation.EmulatedRuntime;
import org.warplab.io.ExerciseFiles;
import org.warplab.io.LabFileException;
import org.warplab.io.LoadedLab;
import org.warplab.lesson.ExerciseCheck;
import org.warplab.lesson.GoalResult;
import org.warplab.live.LiveRuntime;
import org.warplab.model.lesson.Exercise;
import org.warplab.run.LabRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warplab check LAB --exercise EX}: one student's lab against an exercise's goals, one line per goal. */
@Command(name = "check", description = {
    "Check a lab against an exercise's goals.",
    "",
    "Evaluates each goal of the exercise on the lab: the structural goals (scheme, router count, no warnings, client-edge "
        + "translation) on the lab itself, the others (reachable after a move, a figure below a bound, other tenants untouched) "
        + "on one emulated run with seed 1, or with --live on one live run (Linux namespaces, as root; refused with the reason "
        + "where live mode is not available). Prints one line per goal: PASS|FAIL goal: measured figure — why. Without "
        + "--exercise, the goals of the lab's own lesson are used."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every goal passes", "1:a goal fails", "2:the lab or the exercise cannot be read, or a bad option"})
final class CheckCommand extends HeadlessCommand {

    @Parameters(paramLabel = "LAB.warplab.json", arity = "0..1", description = "The lab to check.")
    Path lab;

    @Option(names = "--exercise", paramLabel = "EX.exercise.json", description = "The exercise file; default: the lab's own lesson goals.")
    Path exercise;

    @Option(names = "--time-cap-ms", paramLabel = "N", description = "Stop the run after N ms of wall time; default 60000 (600000 with --live).")
    Long timeCapMs;

    @Option(names = "--live", description = "Evaluate the goals on a live run of the lab (Linux namespaces, root) instead of the emulator's.")
    boolean live;

    @Override
    int run() throws UsageException, LabArgument.Refused {
        if (lab == null) {
            throw new UsageException("name one lab file, e.g. warplab check lessons/network-paging/start.warplab.json "
                    + "--exercise lessons/network-paging/network-paging.exercise.json");
        }
        long cap = checkedTimeCap(timeCapMs != null ? timeCapMs : live ? 600_000 : 60_000);
        LoadedLab loaded = LabArgument.readable(lab, err);
        Optional<Exercise> goals = exercise(exercise, loaded, err);
        if (goals.isEmpty()) {
            return Cli.UNUSABLE;
        }
        LabRuntime runtime = new EmulatedRuntime();
        if (live) {
            LabRuntime host = LiveRuntime.forThisHost();
            host.checkHost();
            Optional<String> unavailable = host.unavailable(loaded.lab());
            if (unavailable.isPresent()) {
                err.println(name() + ": live mode cannot run " + loaded.file() + " here: " + unavailable.get()
                        + " (without --live the goals are checked on the emulator)");
                return Cli.UNUSABLE;
            }
            runtime = host;
        }
        ExerciseCheck.Report report;
        try {
            report = ExerciseCheck.check(loaded.lab(), goals.get(), runtime, cap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(name() + ": interrupted");
            return Cli.UNUSABLE;
        }
        report.results().stream().map(GoalResult::line).forEach(out::println);
        out.printf(Locale.ROOT, "%s: %d of %d goals (score %.1f)%s%n", loaded.file(), report.passed(), report.results().size(), report.score(),
                live ? ", on a live run" : "");
        return report.allPassed() ? Cli.OK : Cli.INVALID;
    }

    static long checkedTimeCap(long cap) throws UsageException {
        if (cap < 1 || cap > 86_400_000) {
            throw new UsageException("--time-cap-ms " + cap + " must be between 1 and 86400000 (a day)");
        }
        return cap;
    }

    /** The exercise in {@code file}, or the lab's own lesson goals; empty (with the reason printed) when it cannot be read. */
    static Optional<Exercise> exercise(Path file, LoadedLab lab, java.io.PrintStream err) throws UsageException {
        if (file != null) {
            try {
                return Optional.of(ExerciseFiles.load(file));
            } catch (LabFileException e) {
                e.problems().forEach(err::println);
                return Optional.empty();
            }
        }
        if (lab != null && lab.lab().lesson().isPresent() && !lab.lab().lesson().get().goals().isEmpty()) {
            return Optional.of(ExerciseFiles.of(lab.lab().lesson().get()));
        }
        throw new UsageException("name the exercise with --exercise EX.exercise.json (the lab carries no goals of its own)");
    }
}
