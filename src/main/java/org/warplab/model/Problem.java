package org.warplab.model;

import java.util.Objects;

/**
 * One thing wrong with a lab. {@code elementId} names the node, link, migration or flow (so a view
 * can select it; empty for the lab itself); {@code path} says where in the document, in the
 * document's own terms ("links[3].b"), so a file reader can turn it into a line and column.
 */
public record Problem(Severity severity, String elementId, String path, String message, String hint) {

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(elementId, "elementId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    public static Problem error(String elementId, String path, String message, String hint) {
        return new Problem(Severity.ERROR, elementId, path, message, hint);
    }

    public static Problem warning(String elementId, String path, String message, String hint) {
        return new Problem(Severity.WARNING, elementId, path, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** "error links[3].b: node 'R9' does not exist (hint: ...)". */
    @Override
    public String toString() {
        return severity.key() + " " + (path.isEmpty() ? "" : path + ": ") + message + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
