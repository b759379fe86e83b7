package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.run.HypervisorReportTest;
import org.warplab.run.RunResult;

/** Issue 20, point 3: `live run --vm qemu --repeat N` flags a stop over the limit in the per-move table and in the summary. */
class LiveSummaryTest {

    private static String print(RunResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveSummary.repeated(result, 300_000_000L, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMoveOverTheLimitIsFlaggedInItsRowAndInTheSummary() {
        RunResult result = new RunResult("paging-paper", "network-paging", "live", 0, 40_000_000_000L, List.of(
                HypervisorReportTest.qemuMove("R1", 21, 31, 300), HypervisorReportTest.qemuMove("R2", 704, 731, 300),
                HypervisorReportTest.qemuMove("R3", 25, 33, 300)), List.of());
        String out = print(result);
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).contains("QEMU dt") && lines.get(0).contains("passes") && lines.get(0).endsWith("limit"), lines.get(0));
        String r2 = lines.stream().filter(l -> l.startsWith("R2 ")).findFirst().orElseThrow();
        assertTrue(r2.contains("704.00 ms") && r2.endsWith("OVER 300 ms"), r2);
        assertTrue(lines.stream().filter(l -> l.startsWith("R1 ")).findFirst().orElseThrow().endsWith("ok"));
        assertTrue(out.contains("QEMU downtime (its own)") && out.contains("QEMU passes"), out);
        assertTrue(out.contains("OVER THE DOWNTIME LIMIT on 1 of 3 moves"), out);
        assertTrue(out.contains("  ! R2: 704 ms (host 731 ms); at pass 2 it had measured"), out);
    }

    @Test
    void everyMoveWithinTheLimitIsSaidSo() {
        RunResult result = new RunResult("paging-paper", "network-paging", "live", 0, 40_000_000_000L, List.of(
                HypervisorReportTest.qemuMove("R1", 21, 31, 300), HypervisorReportTest.qemuMove("R2", 5, 12, 300)), List.of());
        String out = print(result);
        assertTrue(out.contains("QEMU's downtime kept to the limit (300 ms) on every move (2 of 2)."), out);
        assertEquals(List.of(), LiveSummary.overLimit(List.of()));
    }
}
