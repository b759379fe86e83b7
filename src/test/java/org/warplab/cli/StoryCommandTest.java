package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoryCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Cli().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheStepsWithTimesIdsAndWhy() {
        assertEquals(0, run("story", "sample-labs/paging-paper.warplab.json"), err.toString(StandardCharsets.UTF_8));
        String text = out();
        List<String> ids = List.of("MIG1/pre-copy", "MIG1/paused", "MIG1/resumed", "MIG1/announced", "MIG1/announcement-seen", "MIG1/config-sent",
                "MIG1/rule-switched/R3", "MIG1/first-probe-new-path", "MIG1/service-restored");
        int at = 0;
        for (String id : ids) {
            int found = text.indexOf(id, at);
            assertTrue(found > at, id + " after the step before it in:\n" + text);
            at = found;
        }
        assertTrue(text.matches("(?s).*\\n 7\\. +\\d+\\.\\d ms  rule switched +MIG1/rule-switched/R3\\n.*"), text);
        assertTrue(text.contains("why: Switching is one rule"), text);
    }

    @Test
    void markdownAndAnotherSchemeAndSeed() {
        assertEquals(0, run("story", "sample-labs/paging-paper.warplab.json", "--scheme", "none", "--seed", "3", "--markdown"));
        String text = out();
        assertTrue(text.startsWith("# Network paging"), text);
        assertTrue(text.contains("Scheme `none`"), text);
        assertTrue(text.contains("| where the packets die |"), text);
    }

    @Test
    void tellsASavedLiveRun(@TempDir Path dir) throws Exception {
        Path result = copy("live-paging-paper.result.json", dir);
        Path trace = copy("live-paging-paper.trace.jsonl", dir);
        assertEquals(0, run("story", "sample-labs/paging-paper.warplab.json", "--result", result.toString(), "--trace", trace.toString()),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(out().contains("run: live"), out());
        assertTrue(out().contains("jump at_ADC"), out());
    }

    @Test
    void badInputIsAClearMessageAndExitTwo(@TempDir Path dir) throws Exception {
        assertEquals(2, run("story", "sample-labs/paging-paper.warplab.json", "--result", "r.json"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs both --result"));
        Path result = copy("live-paging-paper.result.json", dir);
        Path trace = copy("live-paging-paper.trace.jsonl", dir);
        assertEquals(2, run("story", "sample-labs/mipv6-paper.warplab.json", "--result", result.toString(), "--trace", trace.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is a run of the lab 'Network paging"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("story", "sample-labs/paging-paper.warplab.json", "--result", dir.resolve("none.json").toString(), "--trace", trace.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read the saved run"));
        assertEquals(2, run("story"));
        assertEquals(2, run("story", "sample-labs/paging-paper.warplab.json", "--scheme", "teleport"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown scheme 'teleport'"));
    }

    private static Path copy(String resource, Path dir) throws Exception {
        try (InputStream in = StoryCommandTest.class.getResourceAsStream("/org/warplab/run/story/" + resource)) {
            Path file = dir.resolve(resource);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }
}
