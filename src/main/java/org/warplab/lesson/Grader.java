package org.warplab.lesson;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.model.lesson.Exercise;
import org.warplab.run.LabRuntime;
import org.warplab.run.ParallelRuns;

/**
 * Grades a class's folder of labs against one exercise. A file that cannot be read, is too large,
 * is not a valid lab or breaks anything while graded gets 0 with the reason; the batch goes on.
 * Labs are graded side by side, each on its own, and the rows come back in file-name order.
 */
public final class Grader {

    /** Limits for one student's lab: a hostile or broken file must not stall the class. */
    public record Caps(long maxBytes, long timeCapMs) {
        public static final Caps DEFAULT = new Caps(1024 * 1024, 60_000);
    }

    /** One student's row: the report when the lab was graded, else why it got 0. */
    public record Grade(Path file, ExerciseCheck.Report report, String refusal) {
        public double score() {
            return report == null ? 0 : report.score();
        }
    }

    private Grader() {
    }

    /** The lab files of a class folder: every {@code *.warplab.json} directly in it, by name. */
    public static List<Path> labsIn(Path folder) throws IOException {
        List<Path> labs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*" + LabFiles.EXTENSION)) {
            entries.forEach(labs::add);
        }
        labs.sort(null);
        return labs;
    }

    public static List<Grade> grade(List<Path> labs, Exercise exercise, LabRuntime runtime, Caps caps, int workers,
                                    ParallelRuns.Progress progress, ParallelRuns.Cancel cancel) throws ParallelRuns.CancelledException {
        List<Callable<Grade>> tasks = new ArrayList<>();
        for (Path lab : labs) {
            tasks.add(() -> gradeOne(lab, exercise, runtime, caps));
        }
        return ParallelRuns.run(tasks, workers, progress, cancel);
    }

    /** Grades one file; never throws for anything the file holds. */
    public static Grade gradeOne(Path file, Exercise exercise, LabRuntime runtime, Caps caps) throws InterruptedException {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > caps.maxBytes()) {
                return new Grade(file, null, "file is " + Files.size(file) + " bytes, over the cap of " + caps.maxBytes() + " bytes");
            }
            var loaded = LabFiles.load(file);
            return new Grade(file, ExerciseCheck.check(loaded.lab(), exercise, runtime, caps.timeCapMs()), "");
        } catch (LabFileException e) {
            var first = e.problems().get(0);
            String where = first.line() > 0 ? "line " + first.line() + ", column " + first.column() + ": " : "";
            return new Grade(file, null, "cannot be read: " + where + first.message()
                    + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more problem(s))" : ""));
        } catch (IOException e) {
            return new Grade(file, null, "cannot be read: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // a lab that trips a bug of ours still gets its row: the class's batch must go on
            return new Grade(file, null, "could not be graded (internal error: " + e + "); please report it with the file");
        }
    }
}
