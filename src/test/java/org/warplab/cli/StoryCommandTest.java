package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
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

    @Test
    void drawsTheStoryAsAGifWithOneFramePerStepAtTheRequestedSize(@TempDir Path dir) throws Exception {
        Path gif = dir.resolve("story.gif");
        Path pngs = dir.resolve("slides");
        assertEquals(0, run("story", "sample-labs/paging-paper.warplab.json", "--gif", gif.toString(), "--pngs", pngs.toString(), "--size", "1280x720"),
                err.toString(StandardCharsets.UTF_8));
        long steps = out().lines().filter(l -> l.matches(" *\\d+\\. +\\d+\\.\\d ms .*")).count();
        assertEquals(9, steps, out());
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int frames = reader.getNumImages(true);
            assertTrue(frames >= steps, frames + " frames for " + steps + " steps");
            for (int i = 0; i < frames; i++) {
                BufferedImage frame = reader.read(i);
                assertEquals(1280, frame.getWidth(), "frame " + i);
                assertEquals(720, frame.getHeight(), "frame " + i);
            }
            reader.dispose();
        }
        try (var files = Files.list(pngs)) {
            assertEquals(steps, files.count());
        }
        BufferedImage paused = ImageIO.read(pngs.resolve("step-02.png").toFile());
        BufferedImage switched = ImageIO.read(pngs.resolve("step-07.png").toFile());
        assertTrue(colours(paused) > 16, "a drawn lab, not a blank picture");
        assertTrue(differ(paused, switched) > 1000, "step 2 and step 7 show different captions and highlights");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("9 pictures of 1280×720, one per story step"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadSizeIsAClearMessageBeforeTheRun(@TempDir Path dir) {
        assertEquals(2, run("story", "sample-labs/paging-paper.warplab.json", "--gif", dir.resolve("s.gif").toString(), "--size", "1280by720"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--size takes WIDTHxHEIGHT in pixels, e.g. 1280x720, got '1280by720'"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("story", "sample-labs/paging-paper.warplab.json", "--gif", dir.resolve("s.gif").toString(), "--size", "20x20"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("between 320 and 3840 pixels"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("story", "sample-labs/paging-paper.warplab.json", "--size", "640x360"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("name one of them"), err.toString(StandardCharsets.UTF_8));
        assertTrue(out().isEmpty(), "no story told before the command line is right: " + out());
        assertFalse(Files.exists(dir.resolve("s.gif")));
    }

    private static int colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static int differ(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y += 2) {
            for (int x = 0; x < a.getWidth(); x += 2) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static Path copy(String resource, Path dir) throws Exception {
        try (InputStream in = StoryCommandTest.class.getResourceAsStream("/org/warplab/run/story/" + resource)) {
            Path file = dir.resolve(resource);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }
}
