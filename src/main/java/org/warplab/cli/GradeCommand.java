package org.warplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.warplab.emulation.EmulatedRuns;
import org.warplab.emulation.EmulatedRuntime;
import org.warplab.io.LabFiles;
import org.warplab.lesson.Grader;
import org.warplab.lesson.GradeSheet;
import org.warplab.model.lesson.Exercise;
import org.warplab.run.ParallelRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warplab grade DIR --exercise EX -o grades.csv}: a class's labs graded side by side into one sheet. */
@Command(name = "grade", description = {
    "Grade a folder of student labs against an exercise, into a CSV.",
    "",
    "Checks every *.warplab.json directly in DIR against the exercise's goals (as 'warplab check' does) and writes one CSV row "
        + "per lab: the file, the score (passed goals in percent), the goals passed, one column per goal (pass|fail: the measured "
        + "figure) and the reason for anything short of full marks. A file that cannot be read, is larger than the cap, is not a "
        + "valid lab or runs past the time cap gets 0 with the reason; the batch always goes on. Labs are graded in parallel "
        + "(one per core); a progress line goes to standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the sheet is written (whatever the grades)",
            "2:the folder or the exercise cannot be read, the sheet cannot be written, or a bad option"})
final class GradeCommand extends HeadlessCommand {

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "The folder holding the class's *.warplab.json files.")
    Path folder;

    @Option(names = "--exercise", paramLabel = "EX.exercise.json", required = true, description = "The exercise file.")
    Path exercise;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where the CSV goes.")
    Path output;

    @Mixin
    RunOptions.Jobs jobs;

    @Option(names = "--time-cap-ms", paramLabel = "N", description = "Wall time one lab's run may take; default 60000.")
    long timeCapMs = 60_000;

    @Option(names = "--max-bytes", paramLabel = "N", description = "Larger lab files get 0 unread; default 1048576 (1 MiB).")
    long maxBytes = Grader.Caps.DEFAULT.maxBytes();

    @Override
    int run() throws UsageException, ParallelRuns.CancelledException {
        if (folder == null) {
            throw new UsageException("name one folder of labs, e.g. warplab grade class/ --exercise paging.exercise.json -o grades.csv");
        }
        if (maxBytes < 1 || maxBytes > LabFiles.MAX_FILE_BYTES) {
            throw new UsageException("--max-bytes " + maxBytes + " must be between 1 and " + LabFiles.MAX_FILE_BYTES);
        }
        Grader.Caps caps = new Grader.Caps(maxBytes, CheckCommand.checkedTimeCap(timeCapMs));
        var exercise = CheckCommand.exercise(this.exercise, null, err);
        if (exercise.isEmpty()) {
            return Cli.UNUSABLE;
        }
        if (!Files.isDirectory(folder)) {
            err.println(folder + ": not a folder; name the folder that holds the class's *.warplab.json files");
            return Cli.UNUSABLE;
        }
        List<Path> labs;
        try {
            labs = Grader.labsIn(folder);
        } catch (IOException e) {
            err.println(folder + ": cannot be listed: " + e.getMessage());
            return Cli.UNUSABLE;
        }
        int workers = jobs.workers(ParallelRuns.plan(labs.size(), EmulatedRuns.heapEstimate(org.warplab.model.Lab.empty("grading"))
                + 64L * 1024 * 1024).workers());
        long start = System.nanoTime();
        List<Grader.Grade> grades = Grader.grade(labs, exercise.get(), new EmulatedRuntime(), caps, workers, progress(err), new ParallelRuns.Cancel());
        try {
            LabFiles.writeAtomically(output, GradeSheet.csv(exercise.get(), grades).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println(output + ": cannot be written: " + e.getMessage());
            return Cli.UNUSABLE;
        }
        long full = grades.stream().filter(g -> g.report() != null && g.report().allPassed()).count();
        long refused = grades.stream().filter(g -> g.report() == null).count();
        out.printf(Locale.ROOT, "graded %d lab(s) in %.1f s on %d thread(s): %d with every goal, %d with some, %d not gradable; wrote %s%n",
                grades.size(), (System.nanoTime() - start) / 1e9, workers, full, grades.size() - full - refused, refused, output);
        return Cli.OK;
    }

    /** "graded 12/200" on one line, rewritten as labs finish; a log file (no terminal) gets a line every tenth. */
    private static ParallelRuns.Progress progress(PrintStream err) {
        boolean terminal = System.console() != null;
        return (done, total) -> {
            synchronized (err) {
                if (terminal) {
                    err.print("\rgraded " + done + "/" + total + (done == total ? "\n" : ""));
                    err.flush();
                } else if (done == total || done % Math.max(1, total / 10) == 0) {
                    err.println("graded " + done + "/" + total);
                }
            }
        };
    }
}
