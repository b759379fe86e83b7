package org.warplab.live;

/** A command that exited non-zero (or could not run); the message quotes the command and its error output. */
public final class CommandFailedException extends RuntimeException {
    private final transient CommandResult result;

    public CommandFailedException(CommandResult result) {
        super(result.command().display() + " failed (exit " + result.exitCode() + ")"
                + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()));
        this.result = result;
    }

    public CommandResult result() {
        return result;
    }
}
