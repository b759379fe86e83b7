package org.warplab.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.warplab.config.MipTunnel;
import org.warplab.config.SegmentTransport;
import org.warplab.model.SchemeKind;
import org.warplab.model.VmRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code warplab COMMAND ...}: the headless face of WarpLab. The commands are picocli
 * {@code @Command} classes (see {@link WarplabCommand}); this class runs one command line and
 * turns everything that can go wrong into one line on standard error and an exit code.
 */
public final class Cli {

    public static final int OK = 0;
    /** The lab has errors (or, for {@code format --check}, a file is not canonical). */
    public static final int INVALID = 1;
    /** A file cannot be read or written, the command line is wrong, or the command cannot run here. */
    public static final int UNUSABLE = 2;

    /** The command tree, for help, completion and the man page. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(out, err, WarplabCommand.COMMANDS.keySet());
    }

    /** The top of the tree with only the commands {@code names} (each of {@link WarplabCommand#COMMANDS}) under it. */
    private static CommandLine commandLine(PrintStream out, PrintStream err, Collection<String> names) {
        CommandLine line = new CommandLine(new WarplabCommand());
        for (String name : names) {
            line.addSubcommand(name, WarplabCommand.COMMANDS.get(name).get());
        }
        // an argument starting with '@' is a file name, not a file of arguments
        line.setExpandAtFiles(false);
        // the last of a repeated option wins, as it always did
        line.setOverwrittenOptionsAllowed(true);
        line.registerConverter(Long.class, Converters::wholeNumber);
        line.registerConverter(long.class, Converters::wholeNumber);
        line.registerConverter(SchemeKind.class, Converters::scheme);
        line.registerConverter(SegmentTransport.class, Converters.keyed(SegmentTransport.class));
        line.registerConverter(MipTunnel.class, Converters.keyed(MipTunnel.class));
        line.registerConverter(VmRuntime.class, Converters.keyed(VmRuntime.class));
        line.setOut(writerOnto(out));
        line.setErr(writerOnto(err));
        // an agent's arguments are its own: everything after its kind is passed on unread
        CommandLine agent = line.getSubcommands().get("agent");
        if (agent != null) {
            agent.setStopAtPositional(true);
            agent.setUnmatchedOptionsArePositionalParams(true);
        }
        useStreams(line, out, err);
        return line;
    }

    private static void useStreams(CommandLine line, PrintStream out, PrintStream err) {
        if (line.getCommand() instanceof HeadlessCommand command) {
            command.use(out, err);
        }
        line.getSubcommands().values().forEach(sub -> useStreams(sub, out, err));
    }

    /** A writer that prints through {@code stream}, so help text is encoded the way the stream encodes everything else. */
    private static PrintWriter writerOnto(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                stream.print(new String(text, offset, length));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        }, true);
    }

    /** True for a first word that means "run headless" rather than "open this lab in the designer". */
    public static boolean isCommand(String word) {
        return Set.of("--help", "-h", "--version", "-V").contains(word) || WarplabCommand.COMMANDS.containsKey(word);
    }

    /**
     * Runs {@code argv}; returns the process exit code. Never throws, not even an {@link Error}. A
     * PrintStream swallows write errors, so a full disk behind standard output ({@code > /dev/full})
     * is noticed here, after the command, and fails the run.
     */
    public int run(String[] argv, PrintStream out, PrintStream err) {
        int code = runCommand(argv, out, err);
        out.flush();
        if (out.checkError()) {
            err.println("warplab: cannot write to standard output (the disk may be full, or the reader has gone); the output is incomplete");
            return UNUSABLE;
        }
        return code;
    }

    private int runCommand(String[] argv, PrintStream out, PrintStream err) {
        // parse and call here rather than in CommandLine.execute, which prints a stack trace for what it does not expect
        CommandSpec running = null;
        try {
            // a command named first needs only its own model; anything else (help, a mistake) the whole tree's
            boolean oneCommand = argv.length > 0 && WarplabCommand.COMMANDS.containsKey(argv[0]) && !argv[0].equals("help");
            CommandLine line = oneCommand ? commandLine(out, err, List.of(argv[0])) : commandLine(out, err);
            ParseResult parsed;
            try {
                parsed = line.parseArgs(argv);
            } catch (ParameterException ex) {
                return usageMistake(ex, err);
            }
            Integer helpShown = CommandLine.executeHelpRequest(parsed);
            if (helpShown != null) {
                return helpShown;
            }
            List<CommandLine> chain = parsed.asCommandLineList();
            CommandLine chosen = chain.get(chain.size() - 1);
            running = chosen.getCommandSpec();
            if (chosen.getCommand() instanceof Callable<?> command) {
                return (Integer) command.call();
            }
            ((Runnable) chosen.getCommand()).run();
            return OK;
        } catch (Throwable e) {
            return failure(running, e, err);
        }
    }

    /** A wrong command line: what is wrong and where to read more, exit 2. */
    private static int usageMistake(ParameterException ex, PrintStream err) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        err.println(spec.qualifiedName() + ": " + usageMessage(ex, spec));
        if (spec.parent() == null && ex instanceof CommandLine.UnmatchedArgumentException) {
            err.print(ex.getCommandLine().getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        return UNUSABLE;
    }

    static String usageMessage(ParameterException ex, CommandSpec spec) {
        String command = spec.qualifiedName().replaceFirst("^warplab ", "");
        String seeHelp = "see '" + spec.qualifiedName() + " --help'";
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            if (word.startsWith("-") && word.length() > 1 && !Character.isDigit(word.charAt(1))) {
                return "unknown option " + word.replaceFirst("=.*", "") + " for '" + command + "'; " + seeHelp;
            }
            if (spec.parent() == null) {
                return "'" + word + "' is not a command.";
            }
            if (!spec.subcommands().isEmpty() && spec.userObject() instanceof HeadlessCommand parent) {
                return parent.notAnAction(word);
            }
            return "unexpected argument '" + word + "'; " + seeHelp;
        }
        if (ex instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + " needs a value; " + seeHelp;
        }
        ArgSpec arg = ex.getArgSpec();
        if (ex.getCause() instanceof CommandLine.TypeConversionException conversion && arg != null) {
            // our converters say what they expected ("takes a whole number, got 'x'"); the option's name goes in front
            String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
            return conversion.getMessage().startsWith("takes ") ? name + " " + conversion.getMessage() : conversion.getMessage();
        }
        if (arg instanceof OptionSpec option && ex.getMessage().contains("should be specified without")) {
            return option.longestName() + " takes no value";
        }
        return ex.getMessage() + "; " + seeHelp;
    }

    /** What a command threw: its own usage mistakes, then anything else as one line; exit 2. */
    static int failure(CommandSpec spec, Throwable thrown, PrintStream err) {
        String who = spec == null ? "warplab" : spec.qualifiedName();
        try {
            if (thrown instanceof UsageException usage) {
                err.println(who + ": " + usage.getMessage());
            } else {
                err.println(who + ": " + oneLine(thrown));
            }
        } catch (Throwable ignored) {
            // nothing more can be said when even printing fails (out of memory): the exit code still tells
        }
        return UNUSABLE;
    }

    /** Any throwable in one line, without a stack trace: what happened, and what the user can do. */
    public static String oneLine(Throwable thrown) {
        if (thrown instanceof OutOfMemoryError) {
            return "out of memory (" + thrown.getMessage() + "); give Java more heap, e.g. JAVA_TOOL_OPTIONS=-Xmx4g";
        }
        if (thrown instanceof StackOverflowError) {
            return "internal error: the stack overflowed (please report it with the command line and the lab file)";
        }
        String text = String.valueOf(thrown).lines().collect(Collectors.joining(" "));
        return "internal error: " + text + " (please report it with the command line and the lab file)";
    }

    static String version() {
        String version = Cli.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
