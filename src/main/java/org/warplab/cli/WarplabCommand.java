package org.warplab.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top of the command tree. A new headless command is a {@link HeadlessCommand} subclass with a
 * picocli {@code @Command} annotation, listed in {@link #COMMANDS} here (see docs/architecture.md).
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
            "2:a file cannot be read or written, the command line is wrong, or the command cannot run here"})
final class WarplabCommand implements Callable<Integer> {

    /**
     * The commands, in the order {@code warplab --help} lists them, by name. They are added to the
     * tree by {@link Cli} rather than listed in the annotation: a command line that names one builds
     * only that command's model (picocli's model of the whole tree costs 7-12 ms even warm, ~50 ms
     * in a fresh JVM; one command's, 0.6 ms).
     */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("validate", ValidateCommand::new);
        commands.put("format", FormatCommand::new);
        commands.put("emulate", EmulateCommand::new);
        commands.put("fuzz", FuzzCommand::new);
        commands.put("story", StoryCommand::new);
        commands.put("compare", CompareCommand::new);
        commands.put("sweep", SweepCommand::new);
        commands.put("reproduce", ReproduceCommand::new);
        commands.put("bench", BenchCommand::new);
        commands.put("configs", ConfigsCommand::new);
        commands.put("export", ExportCommand::new);
        commands.put("live", LiveCommand::new);
        commands.put("agent", AgentCommand::new);
        commands.put("guest", GuestCommand::new);
        commands.put("check", CheckCommand::new);
        commands.put("grade", GradeCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(commands);
    }

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
