package org.warplab.model;

/** Text that is not a valid address, prefix or MAC. The message says what is wrong in plain words. */
public final class AddressFormatException extends IllegalArgumentException {
    public AddressFormatException(String message) {
        super(message);
    }
}
