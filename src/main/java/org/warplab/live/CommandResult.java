package org.warplab.live;

/** What a finished command did. {@code elapsedNs} is the host's monotonic time it took. */
public record CommandResult(Command command, int exitCode, String stdout, String stderr, long elapsedNs) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** This result, or a {@link CommandFailedException} that quotes the command and what it said. */
    public CommandResult orThrow() {
        if (!ok()) {
            throw new CommandFailedException(this);
        }
        return this;
    }
}
