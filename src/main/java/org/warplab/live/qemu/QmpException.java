package org.warplab.live.qemu;

/** QEMU refused a QMP command, or the QMP connection failed; the message quotes the command and QEMU's words. */
public final class QmpException extends Exception {

    private final String errorClass;

    public QmpException(String message, String errorClass) {
        super(message);
        this.errorClass = errorClass;
    }

    public QmpException(String message, Throwable cause) {
        super(message, cause);
        this.errorClass = "";
    }

    /** QEMU's error class ("GenericError", "CommandNotFound", ...), or "" when the failure was the connection. */
    public String errorClass() {
        return errorClass;
    }
}
