package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulateCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Cli().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheMetricsAndWritesTheExports(@TempDir Path dir) throws Exception {
        int code = run("emulate", "sample-labs/paging-paper.warplab.json", "--report", dir.resolve("r.json").toString(),
                "--trace", dir.resolve("t.jsonl").toString(), "--pcap", dir.resolve("pcap").toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("switching time"));
        assertTrue(text.contains("VM downtime"));
        assertTrue(text.contains("stop-and-copy"));
        assertTrue(Files.size(dir.resolve("r.json")) > 0);
        assertTrue(Files.exists(dir.resolve("pcap").resolve("L3.pcap")));
    }

    @Test
    void anInvalidLabShowsItsProblemsWithPlaces(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("sample-labs/paging-paper.warplab.json")).replace("\"to\": \"ADC\"", "\"to\": \"NOWHERE\"");
        Path bad = dir.resolve("bad.warplab.json");
        Files.writeString(bad, text);
        assertEquals(1, run("emulate", bad.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).matches("(?s).*bad\\.warplab\\.json:\\d+:\\d+.*"));
    }

    @Test
    void unreadableFilesAndUnknownSchemesExitTwo() {
        assertEquals(2, run("emulate", "no-such-file.warplab.json"));
        assertEquals(2, run("emulate", "sample-labs/paging-paper.warplab.json", "--scheme", "teleport"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown scheme 'teleport'"));
    }

    @Test
    void everySampleLabRunsWithItsOwnScheme() {
        for (String lab : org.warplab.testing.Samples.names()) {
            assertEquals(0, run("emulate", "sample-labs/" + lab + ".warplab.json"), lab + ": " + err.toString(StandardCharsets.UTF_8));
        }
    }
}
