package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A problem repeats what a file says: a long quoted id, address or key is shown by its first 57
 * characters and "…", never cut inside a sentence between two quotes, and shortening twice changes
 * nothing more.
 */
class ProblemTest {

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_', '.').ofMinLength(1).ofMaxLength(120);
        Arbitrary<String> part = Arbitraries.oneOf(word.map(w -> "'" + w + "'"), word.map(w -> "\"" + w + "\""), word, Arbitraries.of(" ", ", ", " is not ",
                " 'a sentence with spaces between quotes that goes on and on past sixty characters' "));
        return part.list().ofMaxSize(6).map(parts -> String.join(" ", parts));
    }

    @Property(tries = 500)
    void longQuotesAreShortenedOnceAndOnlyThem(@ForAll("messages") String message) {
        String shown = Problem.abbreviateQuotes(message);
        assertTrue(shown.length() <= message.length(), shown);
        assertEquals(shown, Problem.abbreviateQuotes(shown), "shortening twice changes nothing more");
        java.util.regex.Matcher quote = java.util.regex.Pattern.compile("(['\"])([^'\"\\s]*)\\1").matcher(shown);
        while (quote.find()) {
            assertTrue(quote.group(2).length() <= 60, "a quoted text of at most 60 characters: " + quote.group());
        }
        assertEquals(message.replaceAll("(['\"])([^'\"\\s]{61,})\\1", "").replaceAll("(['\"])[^'\"\\s]{57}…\\1", ""),
                shown.replaceAll("(['\"])[^'\"\\s]{57}…\\1", "").replaceAll("(['\"])([^'\"\\s]{61,})\\1", ""), "only the long quotes change");
        if (message.length() <= 60) {
            assertEquals(message, shown);
        }
    }

    @Test
    void aProblemSaysItsSeverityPathMessageAndHint() {
        String id = "R" + "x".repeat(200);
        Problem problem = Problem.error(id, "links[3].b", "node '" + id + "' does not exist", "connect the link to a node of this lab");
        assertEquals("error links[3].b: node '" + id.substring(0, 57) + "…' does not exist (connect the link to a node of this lab)", problem.toString());
        assertEquals(id, problem.elementId(), "the element id itself is kept whole, so a view can select it");
        assertEquals("warning the lab has no name", Problem.warning("", "", "the lab has no name", "").toString());
        assertTrue(problem.isError() && !Problem.warning("", "", "m", "h").isError());
    }
}
