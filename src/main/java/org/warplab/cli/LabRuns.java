package org.warplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.warplab.emulation.EmulatedRuns;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.model.SchemeKind;
import org.warplab.run.ParallelRuns;

/** What the commands that run labs share: loading a lab file, naming a scheme, reading milliseconds. */
final class LabRuns {
    private LabRuns() {
    }

    /** Loads {@code file}, printing its problems to {@code err}; empty when it cannot be read. */
    static Optional<LoadedLab> load(Path file, PrintStream err) {
        try {
            return Optional.of(LabFiles.load(file));
        } catch (LabFileException e) {
            e.problems().forEach(err::println);
            return Optional.empty();
        }
    }

    /** The errors of a lab, placed in its file, or an empty list. */
    static List<String> errors(LoadedLab loaded, org.warplab.model.Lab lab) {
        List<Problem> problems = LabValidator.validate(lab);
        return problems.stream().filter(Problem::isError).map(p -> loaded.locate(p).toString()).toList();
    }

    static SchemeKind scheme(String key) throws UsageException {
        return Arrays.stream(SchemeKind.values()).filter(k -> k.key().equals(key)).findFirst().orElseThrow(() ->
                new UsageException("unknown scheme '" + key + "'; choose one of "
                        + String.join(", ", Arrays.stream(SchemeKind.values()).map(SchemeKind::key).toList())));
    }

    /**
     * Runs {@code labs} in the emulator with {@code seed}, as many at once as {@code --jobs} says
     * (default: what {@link EmulatedRuns#plan} allows); results in the labs' order. On a terminal,
     * progress goes to {@code err} on one line, so the output is the same as a serial run's.
     */
    static List<EmulatedRuns.Run> runAll(List<Lab> labs, long seed, Args args, PrintStream err) throws UsageException, ParallelRuns.CancelledException {
        int workers = jobs(args, EmulatedRuns.plan(labs).workers());
        boolean terminal = System.console() != null && labs.size() > 1;
        ParallelRuns.Progress progress = terminal ? (done, total) -> {
            synchronized (err) {
                err.print("\r" + done + "/" + total + " runs" + (done == total ? "\r" + " ".repeat(20) + "\r" : ""));
                err.flush();
            }
        } : ParallelRuns.Progress.NONE;
        return EmulatedRuns.runAll(labs, seed, workers, progress, new ParallelRuns.Cancel());
    }

    /** {@code --jobs N}: how many runs at once (1 = one after the other); {@code fallback} when not given. */
    static int jobs(Args args, int fallback) throws UsageException {
        long jobs = args.longOption("--jobs", fallback);
        if (jobs < 1 || jobs > 1024) {
            throw new UsageException("--jobs " + jobs + " must be between 1 and 1024");
        }
        return (int) jobs;
    }

    static String ms(Long ns) {
        return ns == null || ns < 0 ? "—" : String.format("%.1f", ns / 1e6);
    }
}
