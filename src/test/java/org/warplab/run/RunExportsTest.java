package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.emulation.Emulator;
import org.warplab.io.LabFiles;
import org.warplab.testing.Tools;

class RunExportsTest {

    static Emulator.Outcome paperRun() throws Exception {
        return Emulator.run(LabFiles.load(Path.of("sample-labs/paging-paper.warplab.json")).lab(), Emulator.Options.defaults(1));
    }

    @Test
    void traceAndResultSurviveJson(@TempDir Path dir) throws Exception {
        Emulator.Outcome outcome = paperRun();
        Path trace = dir.resolve("trace.jsonl");
        RunExports.writeTrace(outcome.trace(), trace);
        assertEquals(outcome.trace(), RunExports.readTrace(trace));
        assertTrue(Files.readAllLines(trace).get(0).contains("\"type\":"));
        assertEquals(outcome.result(), RunExports.readResult(RunExports.resultJson(outcome.result())));
    }

    @Test
    void pcapHeaderIsClassicLibpcap() {
        byte[] bytes = PcapWriter.toBytes(new Capture("x", "", List.of(new CapturedFrame(1_500_000_000L, new byte[60]))));
        assertEquals(24 + 16 + 60, bytes.length);
        assertEquals((byte) 0xd4, bytes[0]);
        assertEquals((byte) 0xa1, bytes[3]);
        assertEquals(1, bytes[20]);
        assertEquals(1, bytes[24]); // seconds of the first record
    }

    @Test
    void tsharkDecodesEveryCapture(@TempDir Path dir) throws Exception {
        Path tshark = Tools.require("tshark");
        Emulator.Outcome outcome = paperRun();
        List<Path> files = RunExports.writeCaptures(outcome.captures(), dir);
        assertFalse(files.isEmpty());
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            Process process = new ProcessBuilder(List.of(tshark.toString(), "-r", file.toString(), "-T", "fields", "-e", "frame.protocols",
                    "-e", "ip.dst", "-e", "_ws.col.Protocol", "-e", "_ws.expert.message")).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.getErrorStream().readAllBytes();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), "tshark -r " + file);
            assertFalse(out.toLowerCase().contains("malformed"), file + " has malformed frames");
            all.append(file.getFileName()).append('\n').append(out);
        }
        String text = all.toString();
        assertTrue(text.contains("\tRARP"), "RARP decoded");
        assertTrue(text.contains("ip:udp"), "UDP decoded");
        String wan = Files.readString(dir.resolve("W1.pcap"), StandardCharsets.ISO_8859_1);
        assertTrue(wan.length() > 24);
        assertTrue(text.contains("172.15.10.2"), "the WAN side carries the translated address");
    }
}
