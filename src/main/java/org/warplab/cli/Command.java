package org.warplab.cli;

import java.io.PrintStream;

/** One headless subcommand of {@code warplab}. */
interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    /** The full help text: usage line, what it does, options, exit codes. */
    String help();

    /** True for a command that reads its own options (they are passed on as positionals, unparsed). */
    default boolean takesRawArguments() {
        return false;
    }

    /** Runs with the arguments after the command name; returns the exit code. */
    int run(Args args, PrintStream out, PrintStream err) throws UsageException;
}
