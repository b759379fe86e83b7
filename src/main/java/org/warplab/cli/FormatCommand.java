package org.warplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.warplab.io.IoProblems;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;

/** {@code warplab format LAB...}: rewrites hand-edited lab files in WarpLab's canonical form. */
final class FormatCommand implements Command {

    @Override
    public String name() {
        return "format";
    }

    @Override
    public String summary() {
        return "rewrite lab files in canonical form (stable key order, defaults written out)";
    }

    @Override
    public String help() {
        return """
                Usage: warplab format [--check] LAB.warplab.json...

                Reads each lab file and writes it back the way WarpLab saves files: keys in a fixed
                order, defaults written out, numbers in their shortest exact form. The lab itself is
                not changed, and the file is replaced atomically. A file that cannot be read is left
                untouched. A file of an older format version is written in the current one (version
                %d), and the command says so: older WarpLab releases cannot open the result.

                  --check   change nothing; list the files that are not in canonical form

                Exit codes: 0 done (or, with --check, all canonical), 1 with --check some file is not
                canonical, 2 a file cannot be read or written.
                """.formatted(LabFiles.FORMAT_VERSION);
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.positionals().isEmpty()) {
            throw new UsageException("name at least one lab file");
        }
        boolean check = args.has("--check");
        int exit = 0;
        for (String name : args.positionals()) {
            Path file = Path.of(name);
            try {
                LoadedLab loaded = LabFiles.load(file);
                String canonical = LabFiles.toJson(loaded.lab());
                boolean same = canonical.equals(Files.readString(file, StandardCharsets.UTF_8));
                String upgrade = loaded.upgradeNotice().map(n -> "; " + n).orElse("");
                if (check) {
                    if (!same) {
                        out.println(file + ": not in canonical form" + upgrade);
                        exit = Math.max(exit, 1);
                    }
                } else if (!same) {
                    LabFiles.save(file, loaded.lab());
                    out.println(file + ": formatted" + upgrade);
                } else {
                    out.println(file + ": already canonical");
                }
            } catch (LabFileException e) {
                e.problems().forEach(out::println);
                exit = 2;
            } catch (IOException e) {
                err.println(file + ": cannot be written: " + IoProblems.describe(e));
                exit = 2;
            }
        }
        return exit;
    }
}
