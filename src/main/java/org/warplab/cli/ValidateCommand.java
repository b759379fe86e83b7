package org.warplab.cli;

import java.nio.file.Path;
import java.util.List;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warplab validate LAB...}: every problem of every lab, with its place in the file. */
@Command(name = "validate", description = {
    "Check lab files and print their problems.",
    "",
    "Reads each lab file and checks it: the file's format first, then the lab itself (addresses, links, the scheme's settings, "
        + "migrations, traffic). Prints every problem as FILE:LINE:COLUMN: PATH: error|warning: message (hint), or \"ok\"."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all labs are valid (warnings allowed)", "1:a lab has errors", "2:a file cannot be read or is not a lab file"})
final class ValidateCommand extends HeadlessCommand {

    @Parameters(paramLabel = "LAB.warplab.json", arity = "0..*", description = "The lab files to check.")
    List<Path> files = List.of();

    @Override
    int run() throws UsageException {
        if (files.isEmpty()) {
            throw new UsageException("name at least one lab file, e.g. warplab validate sample-labs/paging-paper.warplab.json");
        }
        int exit = Cli.OK;
        for (Path file : files) {
            LoadedLab loaded;
            try {
                loaded = LabFiles.load(file);
            } catch (LabFileException e) {
                e.problems().forEach(out::println);
                exit = Cli.UNUSABLE;
                continue;
            }
            List<Problem> problems = LabValidator.validate(loaded.lab());
            if (problems.isEmpty()) {
                out.println(file + ": ok");
                continue;
            }
            problems.forEach(problem -> out.println(loaded.locate(problem)));
            long errors = problems.stream().filter(Problem::isError).count();
            out.println(file + ": " + errors + " error(s), " + (problems.size() - errors) + " warning(s)");
            if (errors > 0 && exit == Cli.OK) {
                exit = Cli.INVALID;
            }
        }
        return exit;
    }
}
