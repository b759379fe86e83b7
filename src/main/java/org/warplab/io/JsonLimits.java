package org.warplab.io;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How deep, long and wide the JSON of a lab file may be, and the reader's own words when a file
 * goes past it (Jackson's messages name its internal classes, which tell a user nothing).
 */
final class JsonLimits {

    /** A lab nests about five levels deep; its longest text is a description. */
    static final int MAX_NESTING = 64;
    static final int MAX_NUMBER_DIGITS = 100;
    static final int MAX_STRING_CHARS = 1_000_000;

    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING)
            .maxNumberLength(MAX_NUMBER_DIGITS)
            .maxStringLength(MAX_STRING_CHARS)
            .build();

    private static final Pattern EXCEEDS = Pattern.compile(
            "(Number value length|Document nesting depth|String value length|Name length) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)[^)]*\\)");

    private JsonLimits() {
    }

    /** Jackson's message with the limit said plainly; other messages pass unchanged. */
    static String plain(String message) {
        Matcher m = EXCEEDS.matcher(message);
        if (!m.find()) {
            // quoted as Jackson quotes it ("`StreamReadConstraints.getMaxNameLength()`"), or bare
            return message.replaceAll("`StreamReadConstraints[^`]*`|StreamReadConstraints[\\w.]*(\\(\\))?", "the reader's limits");
        }
        String limit = m.group(3);
        return switch (m.group(1)) {
            case "Number value length" -> "a number with " + m.group(2) + " digits; a lab's numbers have at most " + limit;
            case "Document nesting depth" -> "lists and objects nested " + m.group(2) + " deep; a lab file nests at most " + limit;
            case "String value length" -> "a text of " + m.group(2) + " characters; a lab's texts have at most " + limit;
            default -> "a field name of " + m.group(2) + " characters; a lab's field names have at most " + limit;
        };
    }
}
