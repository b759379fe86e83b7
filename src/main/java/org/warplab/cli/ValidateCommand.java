package org.warplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.warplab.io.FileProblem;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;

/** {@code warplab validate LAB...}: every problem of every lab, with its place in the file. */
final class ValidateCommand implements Command {

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String summary() {
        return "check lab files and print their problems";
    }

    @Override
    public String help() {
        return """
                Usage: warplab validate LAB.warplab.json...

                Reads each lab file and checks it: the file's format first, then the lab itself
                (addresses, links, the scheme's settings, migrations, traffic). Prints every
                problem as FILE:LINE:COLUMN: PATH: error|warning: message (hint), or "ok".

                Exit codes: 0 all labs are valid (warnings allowed), 1 a lab has errors,
                2 a file cannot be read or is not a lab file.
                """;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.positionals().isEmpty()) {
            throw new UsageException("name at least one lab file, e.g. warplab validate sample-labs/paging-paper.warplab.json");
        }
        int exit = 0;
        for (String name : args.positionals()) {
            Path file = Path.of(name);
            LoadedLab loaded;
            try {
                loaded = LabFiles.load(file);
            } catch (LabFileException e) {
                e.problems().forEach(p -> out.println(p));
                exit = 2;
                continue;
            }
            List<Problem> problems = LabValidator.validate(loaded.lab());
            if (problems.isEmpty()) {
                out.println(file + ": ok");
                continue;
            }
            for (Problem problem : problems) {
                FileProblem placed = loaded.locate(problem);
                out.println(placed);
            }
            long errors = problems.stream().filter(Problem::isError).count();
            out.println(file + ": " + errors + " error(s), " + (problems.size() - errors) + " warning(s)");
            if (errors > 0 && exit == 0) {
                exit = 1;
            }
        }
        return exit;
    }

}
