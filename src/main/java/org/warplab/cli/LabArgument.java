package org.warplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.warplab.config.ConfigChecks;
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

    /** The one lab file among the positionals, or a usage mistake that shows an example. */
    static Path one(String command, List<Path> files) throws UsageException {
        if (files.size() != 1) {
            throw new UsageException("name one lab file, e.g. warplab " + command + " sample-labs/paging-paper.warplab.json");
        }
        return files.get(0);
    }

    static LabArgument load(String command, List<Path> files, Optional<SchemeKind> scheme, PrintStream err) throws UsageException, Refused {
        Path file = one(command, files);
        LoadedLab loaded = readable(file, err);
        Lab lab = scheme.map(loaded.lab()::withScheme).orElse(loaded.lab());
        List<String> errors = errors(loaded, lab);
        if (!errors.isEmpty()) {
            errors.forEach(err::println);
            err.println(file + ": the lab has errors; fix them first (warplab validate " + file + ")");
            throw new Refused(Cli.INVALID);
        }
        return new LabArgument(file, loaded, lab);
    }

    /** Loads {@code file}, printing its problems to {@code err} and refusing with exit 2 when it cannot be read. */
    static LoadedLab readable(Path file, PrintStream err) throws Refused {
        try {
            return LabFiles.load(file);
        } catch (LabFileException e) {
            e.problems().forEach(err::println);
            throw new Refused(Cli.UNUSABLE);
        }
    }

    /** The errors of {@code lab} (the lab of {@code loaded}, perhaps changed), placed in its file, or an empty list. */
    static List<String> errors(LoadedLab loaded, Lab lab) {
        List<Problem> problems = LabValidator.validate(lab);
        return problems.stream().filter(Problem::isError).map(p -> loaded.locate(p).toString()).toList();
    }

    /**
     * Prints the {@link ConfigChecks} problems of {@code lab} (the lab of {@code loaded}, perhaps under another scheme), placed in
     * its file, and refuses with exit 1 when there are errors: "FILE: N error(s); {@code refusal}".
     */
    static void configurable(LoadedLab loaded, Lab lab, String refusal, PrintStream err) throws Refused {
        List<Problem> problems = ConfigChecks.check(lab);
        problems.forEach(p -> err.println(loaded.locate(p)));
        if (LabValidator.hasErrors(problems)) {
            err.println(loaded.file() + ": " + problems.stream().filter(Problem::isError).count() + " error(s); " + refusal);
            throw new Refused(Cli.INVALID);
        }
    }
}
