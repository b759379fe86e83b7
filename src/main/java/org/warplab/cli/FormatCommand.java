package org.warplab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.warplab.io.IoProblems;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warplab format LAB...}: rewrites hand-edited lab files in WarpLab's canonical form. */
@Command(name = "format", description = {
    "Rewrite lab files in canonical form (stable key order, defaults written out).",
    "",
    "Reads each lab file and writes it back the way WarpLab saves files: keys in a fixed order, defaults written out, numbers "
        + "in their shortest exact form. The lab itself is not changed, and the file is replaced atomically. A file that "
        + "cannot be read is left untouched. A file of an older format version is written in the current one, and the "
        + "command says so: older WarpLab releases cannot open the result."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (or, with --check, all canonical)", "1:with --check, some file is not canonical",
            "2:a file cannot be read or written"})
final class FormatCommand extends HeadlessCommand {

    @Option(names = "--check", description = "Change nothing; list the files that are not in canonical form.")
    boolean check;

    @Parameters(paramLabel = "LAB.warplab.json", arity = "0..*", description = "The lab files to rewrite.")
    List<Path> files = List.of();

    @Override
    int run() throws UsageException {
        if (files.isEmpty()) {
            throw new UsageException("name at least one lab file");
        }
        int exit = Cli.OK;
        for (Path file : files) {
            try {
                LoadedLab loaded = LabFiles.load(file);
                String canonical = LabFiles.toJson(loaded.lab());
                boolean same = canonical.equals(Files.readString(file, StandardCharsets.UTF_8));
                String upgrade = loaded.upgradeNotice().map(n -> "; " + n).orElse("");
                if (check) {
                    if (!same) {
                        out.println(file + ": not in canonical form" + upgrade);
                        exit = Math.max(exit, Cli.INVALID);
                    }
                } else if (!same) {
                    LabFiles.save(file, loaded.lab());
                    out.println(file + ": formatted" + upgrade);
                } else {
                    out.println(file + ": already canonical");
                }
            } catch (LabFileException e) {
                e.problems().forEach(out::println);
                exit = Cli.UNUSABLE;
            } catch (IOException e) {
                err.println(file + ": cannot be written: " + IoProblems.describe(e));
                exit = Cli.UNUSABLE;
            }
        }
        return exit;
    }
}
