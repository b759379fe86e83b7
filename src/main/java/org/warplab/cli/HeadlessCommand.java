package org.warplab.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.warplab.run.ParallelRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code warplab} subcommand shares: {@code -h/--help}, the streams it prints to and its
 * own name for messages. A subcommand declares its options with picocli annotations and implements
 * {@link #run()}, returning {@link Cli#OK}, {@link Cli#INVALID} or {@link Cli#UNUSABLE}.
 */
@Command(descriptionHeading = "%n", parameterListHeading = "%n", optionListHeading = "%nOptions:%n", sortOptions = false)
abstract class HeadlessCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean helpRequested;

    @Spec
    CommandSpec spec;

    PrintStream out = System.out;
    PrintStream err = System.err;

    final void use(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** "warplab live run", for messages. */
    final String name() {
        return spec.qualifiedName();
    }

    /** The message for {@code word} where one of this command's actions was expected (a command with subcommands). */
    String notAnAction(String word) {
        String command = name().replaceFirst("^warplab ", "");
        List<String> names = spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
        String choices = names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return "'" + word + "' is not a " + command + " action; use " + choices;
    }

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } catch (LabArgument.Refused refused) {
            // the lab file was unreadable or had errors, and the messages are printed already
            return refused.exitCode;
        } catch (ParallelRuns.CancelledException cancelled) {
            err.println(name() + ": " + cancelled.getMessage());
            return Cli.UNUSABLE;
        }
    }

    /**
     * Runs the command with its options set; returns the exit code. A {@link UsageException} is a
     * wrong command line (exit 2); a {@link LabArgument.Refused} lab ends it with that refusal's code; runs cancelled
     * part-way ({@link ParallelRuns.CancelledException}) end it with exit 2 and how far they got.
     */
    abstract int run() throws Exception;
}
