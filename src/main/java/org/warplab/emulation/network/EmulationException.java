package org.warplab.emulation.network;

/** The lab cannot be emulated as asked: the message says what and how to change it. */
public final class EmulationException extends Exception {
    public EmulationException(String message) {
        super(message);
    }
}
