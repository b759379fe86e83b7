package org.warplab.live.qemu;

/** The guest image could not be built or did not boot; the message says what failed and how to fix it. */
public final class GuestBuildException extends Exception {
    public GuestBuildException(String message) {
        super(message);
    }

    public GuestBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
