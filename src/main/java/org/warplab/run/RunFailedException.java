package org.warplab.run;

/** A run could not happen or did not finish; the message says why in a user's words. */
public final class RunFailedException extends Exception {
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public RunFailedException(String message) {
        super(message);
    }
}
