package org.warplab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A file past the reader's limits is refused in the reader's own words, naming the limit, never Jackson's class names. */
class JsonLimitsTest {

    private static String refusal(String text) {
        try {
            LabFiles.readTree(Path.of("big.warplab.json"), text);
        } catch (LabFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("read: " + text.substring(0, Math.min(60, text.length())));
    }

    @Test
    void eachLimitIsSaidPlainly() {
        String deep = "[".repeat(JsonLimits.MAX_NESTING + 1) + "]".repeat(JsonLimits.MAX_NESTING + 1);
        assertTrue(refusal(deep).contains("lists and objects nested 65 deep; a lab file nests at most 64"), refusal(deep));
        String number = "{\"n\": " + "9".repeat(JsonLimits.MAX_NUMBER_DIGITS + 1) + "}";
        assertTrue(refusal(number).contains("a number with 101 digits; a lab's numbers have at most 100"), refusal(number));
        for (String text : new String[] {deep, number}) {
            assertTrue(!refusal(text).contains("StreamReadConstraints") && !refusal(text).contains("Exception"), refusal(text));
        }
    }

    @Test
    void otherMessagesPassAndTheLimitsClassIsNeverNamed() {
        assertEquals("Unexpected end-of-input", JsonLimits.plain("Unexpected end-of-input"));
        assertEquals("see the reader's limits", JsonLimits.plain("see `StreamReadConstraints.getMaxNameLength()`"));
        assertEquals("(from the reader's limits)", JsonLimits.plain("(from StreamReadConstraints.getMaxNameLength())"));
        assertEquals("a text of 1000001 characters; a lab's texts have at most 1000000",
                JsonLimits.plain("String value length (1000001) exceeds the maximum allowed (1000000, from `StreamReadConstraints.getMaxStringLength()`)"));
        assertEquals("a field name of 50001 characters; a lab's field names have at most 50000",
                JsonLimits.plain("Name length (50001) exceeds the maximum allowed (50000)"));
    }
}
