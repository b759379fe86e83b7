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
        message = abbreviateQuotes(message);
        hint = abbreviateQuotes(hint);
    }

    /** The longest user text a message repeats in full: a 5,000-character id is shown by its start. */
    private static final int QUOTE_CHARS = 60;
    /** A quoted text without spaces (an id, an address, a key: what a file says), not a sentence between two quotes. */
    private static final java.util.regex.Pattern LONG_QUOTE = java.util.regex.Pattern.compile("(['\"])([^'\"\\s]{" + (QUOTE_CHARS + 1) + ",})\\1");

    /** Shortens every quoted text over {@value #QUOTE_CHARS} characters to its start and "…" (messages repeat what a file says). */
    public static String abbreviateQuotes(String text) {
        if (text.length() <= QUOTE_CHARS) {
            return text;
        }
        return LONG_QUOTE.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1) + m.group(2).substring(0, QUOTE_CHARS - 3) + "…" + m.group(1)));
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
