package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 4: a problem's message and hint speak the designer's words ("the run duration",
 * "'Captures announcements'"), not the lab file's keys (durationMs, capturesAnnouncements); the key
 * is the problem's path, shown beside it. Checked on the sentences in the validator's source: a
 * string literal with a space in it that holds a camelCase word.
 */
class NoFileKeysInMessagesTest {

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CAMEL = Pattern.compile("\\b[a-z]+[A-Z][A-Za-z]*\\b");

    @Test
    void validatorSentencesNameNoFileKeys() throws Exception {
        List<String> found = new ArrayList<>();
        for (Path file : ValidatorSources.files()) {
            String source = file.getFileName().toString();
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher literal = LITERAL.matcher(lines.get(i));
                while (literal.find()) {
                    String text = literal.group(1);
                    if (!text.contains(" ")) {
                        continue; // a path or a key on its own: the problem's path, not its words
                    }
                    Matcher camel = CAMEL.matcher(text);
                    if (camel.find()) {
                        found.add(source + ":" + (i + 1) + ": " + camel.group() + " in \"" + text + "\"");
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
