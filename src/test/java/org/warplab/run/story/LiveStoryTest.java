package org.warplab.run.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunExports;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;

/**
 * The story of a recorded live run of the paper's paging lab ({@code warplab live run
 * sample-labs/paging-paper.warplab.json --report --trace} on this project's test machine,
 * 2026-12-02): the same steps as an emulated run, with the agents' measured figures and the
 * nftables rule the switcher really applied.
 */
class LiveStoryTest {

    @Test
    void aLiveRunTellsThePagingStoryWithItsMeasuredFigures(@TempDir Path dir) throws Exception {
        RunResult result = RunExports.readResult(resource("live-paging-paper.result.json"));
        Path traceFile = dir.resolve("trace.jsonl");
        Files.writeString(traceFile, resource("live-paging-paper.trace.jsonl"));
        Trace trace = RunExports.readTrace(traceFile);
        Story story = Story.of(result, trace);
        MigrationMetrics m = result.migrations().get(0);
        assertEquals("live", story.runtime());
        List<StepKind> kinds = story.steps().stream().map(StoryStep::kind).toList();
        assertEquals(List.of(StepKind.PRE_COPY, StepKind.PAUSED, StepKind.PACKETS_LOST, StepKind.RESUMED, StepKind.ANNOUNCED, StepKind.ANNOUNCEMENT_SEEN,
                StepKind.CONFIG_SENT, StepKind.RULE_SWITCHED, StepKind.FIRST_PROBE_NEW_PATH, StepKind.SERVICE_RESTORED), kinds);
        String downtime = String.format(Locale.ROOT, "%.1f ms", m.downtimeNs() / 1e6);
        assertTrue(story.step("MIG1/resumed").orElseThrow().caption().contains(downtime + " after it stopped"));
        String rule = story.step("MIG1/rule-switched/R3").orElseThrow().caption();
        assertTrue(rule.contains("172.16.10.2 → 172.15.10.2") && rule.contains("jump at_ADC"), "before from R3's measured translations, after the nft line: " + rule);
        assertTrue(rule.contains(String.format(Locale.ROOT, "%.1f ms", m.switchingTimeNs() / 1e6)), rule);
        assertTrue(story.step("MIG1/config-sent").orElseThrow().caption().contains("to R3"), "from the agents' phases: the trace has no message dots");
        assertTrue(story.step("MIG1/first-probe-new-path").orElseThrow().caption().contains("U → R3 → C2 → R2 → ADC → vm1"));
        assertTrue(story.step("MIG1/packets-lost").orElseThrow().caption().contains("R1"), "probes that left for PDC while vm1's port was moving");
    }

    /** Issue 20, point 3: a QEMU stop over the migration's limit is said in the story where the VM runs again, with what QEMU expected. */
    @Test
    void aStopOverTheLimitIsToldWhereTheVmRunsAgain(@TempDir Path dir) throws Exception {
        RunResult recorded = RunExports.readResult(resource("live-paging-paper.result.json"));
        Path traceFile = dir.resolve("trace.jsonl");
        Files.writeString(traceFile, resource("live-paging-paper.trace.jsonl"));
        MigrationMetrics m = recorded.migrations().get(0);
        long limit = 300_000_000L;
        // the recorded move's own figures, with the lab's limit and a QEMU account that stopped the VM for twice it
        org.warplab.run.HypervisorReport qemu = new org.warplab.run.HypervisorReport("QEMU (TCG)", 2 * limit, 2 * limit + 20_000_000L, 900_000_000L,
                95L << 20, limit, 14L << 20, List.of(new org.warplab.run.HypervisorReport.Pass(2, 3_000_000_000L, 40_000_000L, 2000, 15L << 20)));
        MigrationMetrics over = new MigrationMetrics(m.migration(), m.vm(), m.address(), m.from(), m.to(), m.mode(), m.switchingTimeNs(), m.downtimeNs(),
                m.migrationTimeNs(), m.clientGapNs(), m.probesSent(), m.probesLost(), m.latencyBeforeNs(), m.latencyAfterNs(), m.reachableAfter(),
                m.pathBefore(), m.pathAfter(), m.phases(), m.flows(), m.bystanders(), new org.warplab.run.Completion(true, 3, 0, true, limit), qemu);
        RunResult result = new RunResult(recorded.lab(), recorded.scheme(), recorded.runtime(), recorded.seed(), recorded.endNs(), List.of(over), recorded.notes());
        StoryStep resumed = Story.of(result, RunExports.readTrace(traceFile)).step("MIG1/resumed").orElseThrow();
        assertTrue(resumed.caption().contains("OVER the downtime limit: QEMU (TCG) stopped it for 600.0 ms, the limit is 300.0 ms"), resumed.caption());
        assertTrue(resumed.why().contains("at which the 15.0 MiB left take 42 ms"), resumed.why());
        StoryStep plain = Story.of(recorded, RunExports.readTrace(traceFile)).step("MIG1/resumed").orElseThrow();
        assertTrue(!plain.caption().contains("OVER"), plain.caption());
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = LiveStoryTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
