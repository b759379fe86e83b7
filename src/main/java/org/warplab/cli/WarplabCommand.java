package org.warplab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top of the command tree. A new headless command is a {@link HeadlessCommand} subclass with a
 * picocli {@code @Command} annotation, listed in {@code subcommands} here (see docs/architecture.md).
 */
@Command(name = "warplab", mixinStandardHelpOptions = true, versionProvider = WarplabCommand.Version.class,
        customSynopsis = {
            "warplab                      open the designer (GUI)",
            "       warplab LAB.warplab.json     open a lab in the designer",
            "       warplab COMMAND [OPTIONS]    run headless"},
        description = "%nWarpLab: design and run wide-area live-migration labs.",
        commandListHeading = "%nCommands:%n",
        footer = "%n'warplab COMMAND --help' tells more about a command.",
        exitCodeListHeading = "%nExit codes of the commands:%n",
        exitCodeList = {"0:done", "1:the lab has errors (format --check: a file is not canonical)",
            "2:a file cannot be read or written, the command line is wrong, or the command cannot run here"},
        subcommands = {ValidateCommand.class, FormatCommand.class, EmulateCommand.class, FuzzCommand.class, StoryCommand.class, CompareCommand.class, SweepCommand.class,
            ReproduceCommand.class, BenchCommand.class, ConfigsCommand.class, ExportCommand.class, LiveCommand.class, AgentCommand.class, GuestCommand.class,
            CheckCommand.class, GradeCommand.class,
            CommandLine.HelpCommand.class})
final class WarplabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // "warplab" with no command (app.Main starts the GUI before it gets here): the overview
        spec.commandLine().usage(spec.commandLine().getOut(), CommandLine.Help.Ansi.OFF);
        return Cli.OK;
    }

    /** {@code warplab --version}: the jar's Implementation-Version. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"warplab " + Cli.version()};
        }
    }
}
