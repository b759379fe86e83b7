package org.warplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.model.SchemeKind;

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

    static String ms(Long ns) {
        return ns == null || ns < 0 ? "—" : String.format("%.1f", ns / 1e6);
    }
}
