package org.warplab.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes the man page ({@code warplab.1}, troff) and the bash completion script
 * ({@code warplab_completion}) from the same command tree the CLI parses with, so neither can
 * drift from the code. The build runs it into {@code target/} (see the pom).
 */
public final class CliDocs {
    private CliDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CliDocs OUTPUT_DIR");
            System.exit(Cli.UNUSABLE);
        }
        List<Path> written = write(Path.of(args[0]));
        written.forEach(p -> System.out.println("wrote " + p));
    }

    static List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        CommandLine tree = tree();
        Path man = Files.writeString(dir.resolve("warplab.1"), manPage(tree), StandardCharsets.UTF_8);
        Path completion = Files.writeString(dir.resolve("warplab_completion"), AutoComplete.bash("warplab", tree), StandardCharsets.UTF_8);
        return List.of(man, completion);
    }

    private static CommandLine tree() {
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return Cli.commandLine(discard, discard);
    }

    /** A man page: the overview, then every command's own help text, verbatim. */
    static String manPage(CommandLine tree) {
        StringBuilder page = new StringBuilder();
        page.append(".TH WARPLAB 1 \"\" \"warplab ").append(escape(Cli.version())).append("\" \"User Commands\"\n");
        page.append(".SH NAME\nwarplab \\- design and run wide-area live-migration labs\n");
        page.append(".SH DESCRIPTION\n");
        verbatim(page, tree.getUsageMessage(CommandLine.Help.Ansi.OFF));
        page.append(".SH COMMANDS\n");
        for (CommandLine command : commands(tree)) {
            page.append(".SS \"").append(escape(command.getCommandSpec().qualifiedName())).append("\"\n");
            verbatim(page, command.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        page.append(".SH SEE ALSO\nThe README and docs/ of the WarpLab repository.\n");
        return page.toString();
    }

    /** Every command below the top, depth first, without picocli's own {@code help}. */
    private static List<CommandLine> commands(CommandLine parent) {
        List<CommandLine> all = new ArrayList<>();
        parent.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                all.add(sub);
                all.addAll(commands(sub));
            }
        });
        return all;
    }

    private static void verbatim(StringBuilder page, String text) {
        page.append(".nf\n");
        text.lines().forEach(line -> page.append(line.startsWith(".") || line.startsWith("'") ? "\\&" : "").append(escape(line)).append('\n'));
        page.append(".fi\n");
    }

    /** troff treats a backslash as an escape and a plain '-' as a hyphen; options want the minus sign. */
    private static String escape(String text) {
        return text.replace("\\", "\\e").replace("-", "\\-");
    }
}
