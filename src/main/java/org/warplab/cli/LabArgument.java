package org.warplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.model.SchemeKind;

/**
 * The lab a run command works on: read from its file, switched to the scheme the user asked for,
 * and validated. A lab that cannot be read or has errors is reported here, the way `validate`
 * reports it, and the command ends with the matching exit code.
 */
record LabArgument(Path file, LoadedLab loaded, Lab lab) {

    /** A lab the command cannot use; the problems are already printed. */
    static final class Refused extends Exception {
        final int exitCode;

        Refused(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    static LabArgument load(String command, List<String> positionals, Optional<String> scheme, PrintStream err)
            throws UsageException, Refused {
        if (positionals.size() != 1) {
            throw new UsageException("name one lab file, e.g. warplab " + command + " sample-labs/paging-paper.warplab.json");
        }
        Path file = Path.of(positionals.get(0));
        LoadedLab loaded;
        try {
            loaded = LabFiles.load(file);
        } catch (LabFileException e) {
            e.problems().forEach(err::println);
            throw new Refused(Cli.UNUSABLE);
        }
        Lab lab = loaded.lab();
        if (scheme.isPresent()) {
            lab = lab.withScheme(schemeKind(scheme.get()));
        }
        List<Problem> problems = LabValidator.validate(lab);
        if (problems.stream().anyMatch(Problem::isError)) {
            problems.forEach(p -> err.println(loaded.locate(p)));
            err.println(file + ": the lab has errors; fix them first (warplab validate " + file + ")");
            throw new Refused(Cli.INVALID);
        }
        return new LabArgument(file, loaded, lab);
    }

    static SchemeKind schemeKind(String key) throws UsageException {
        return Arrays.stream(SchemeKind.values()).filter(k -> k.key().equals(key)).findFirst()
                .orElseThrow(() -> new UsageException("unknown scheme '" + key + "'; choose one of "
                        + String.join(", ", Arrays.stream(SchemeKind.values()).map(SchemeKind::key).toList())));
    }
}
