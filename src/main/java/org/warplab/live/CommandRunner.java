package org.warplab.live;

/**
 * Runs processes. Live mode talks to the system only through this, so most of it is tested with a
 * recording double and only the real thing needs root.
 */
public interface CommandRunner {

    /** Runs to completion (or to the timeout, which counts as a failure with exit code -1). */
    CommandResult run(Command command);

    default CommandResult run(String... argv) {
        return run(Command.of(argv));
    }

    /** Runs and throws {@link CommandFailedException} unless it succeeds. */
    default CommandResult check(Command command) {
        return run(command).orThrow();
    }

    default CommandResult check(String... argv) {
        return check(Command.of(argv));
    }
}
