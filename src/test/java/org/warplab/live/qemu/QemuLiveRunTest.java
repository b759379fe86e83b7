package org.warplab.live.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.live.BackAndForth;
import org.warplab.live.HostTools;
import org.warplab.live.LiveCleanup;
import org.warplab.live.LiveRunner;
import org.warplab.live.NamespaceNames;
import org.warplab.live.ProcessCommandRunner;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.model.VmRuntime;
import org.warplab.run.FigureText;
import org.warplab.run.HypervisorReport;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunExports;
import org.warplab.run.story.Story;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

/**
 * `warplab live run sample-labs/paging-paper.warplab.json --vm qemu --repeat 6`: a real guest
 * live-migrated by QEMU back and forth between the data centers' namespaces, network paging
 * following its own RARP, the probe answered at the same address after each move. Issue 20: every
 * move carries QEMU's own account, and a move whose QEMU downtime exceeds the lab's limit is
 * flagged in its figures, its caveats, its JSON report and its story.
 */
@Tag("live")
class QemuLiveRunTest {

    /** Six moves, three each way: enough to meet a stop over the limit that came one move in two or three (issue 20). */
    private static final int MOVES = 6;

    @TempDir
    Path stateDir;

    @Test
    void aRealGuestMovesBackAndForthStaysReachableAndEveryStopOverTheLimitIsFlagged() throws Exception {
        Tools.requireRoot();
        Tools.require("qemu-system-x86_64");
        Tools.require("nft");
        ProcessCommandRunner runner = new ProcessCommandRunner();
        HostTools tools = HostTools.fromEnvironment();
        GuestBuilder.Outcome guest = QemuTestbed.guest(runner, tools);
        Lab lab = BackAndForth.repeat(Samples.lab("paging-paper"), MOVES, 8_000_000_000L);
        List<String> steps = new ArrayList<>();
        LiveRunner live = new LiveRunner(runner, tools, stateDir, steps::add, guest.cacheDir());
        LiveRunner.Outcome outcome = live.run(lab, SchemeKind.NETWORK_PAGING, new LiveRunner.Options(Optional.of(VmRuntime.QEMU), Optional.empty()));
        System.out.println(String.join("\n", steps));
        outcome.result().notes().forEach(n -> System.out.println("note: " + n));
        assertEquals(List.of("ADC", "PDC", "ADC", "PDC", "ADC", "PDC"), outcome.result().migrations().stream().map(MigrationMetrics::to).toList());
        Story story = Story.of(outcome.result(), outcome.trace());
        String report = RunExports.resultJson(outcome.result());
        for (MigrationMetrics m : outcome.result().migrations()) {
            HypervisorReport qemu = m.hypervisor();
            assertNotNull(qemu, m.migration() + ": QEMU's own account of the move");
            long limit = m.completion().downtimeLimitNs();
            System.out.printf("QEMU %s %s -> %s: switching %.2f ms, downtime %.1f ms (QEMU %.0f ms, limit %.0f ms), %d passes, gap %.1f ms, lost %d/%d%s%n",
                    m.migration(), m.from(), m.to(), m.switchingTimeNs() / 1e6, qemu.hostDowntimeNs() / 1e6, qemu.stopNs() / 1e6, limit / 1e6,
                    m.completion().preCopyRounds(), m.clientGapNs() / 1e6, m.probesLost(), m.probesSent(), m.downtimeOverLimit() ? "  OVER THE LIMIT" : "");
            assertEquals(300_000_000L, limit, "the paper lab's limit reaches the move");
            assertTrue(qemu.stopNs() >= 0 && qemu.hostDowntimeNs() > 0, m.migration() + ": " + qemu);
            String resumed = story.step(m.migration() + "/resumed").orElseThrow().caption();
            if (qemu.stopNs() > limit) {
                // over the limit: never only in a note
                assertTrue(m.downtimeOverLimit(), m.migration());
                assertTrue(m.caveats().stream().anyMatch(c -> c.startsWith("downtime over the limit")), m.caveats().toString());
                assertTrue(FigureText.hypervisorDowntime(m).contains("OVER the 300 ms limit"), FigureText.hypervisorDowntime(m));
                assertTrue(resumed.contains("OVER the downtime limit"), resumed);
            } else {
                assertFalse(m.downtimeOverLimit(), m.migration());
                assertFalse(resumed.contains("OVER"), resumed);
            }
            assertTrue(report.contains("\"migration\" : \"" + m.migration() + "\""), "the move is in the JSON report");
            assertTrue(m.reachableAfter(), m.migration() + ": the guest answers at 172.16.10.2 after the move");
            assertNotNull(m.switchingTimeNs(), m.migration() + ": QEMU's RARP was captured and R3 switched");
            assertTrue(qemu.hostDowntimeNs() <= m.clientGapNs(), "the client cannot hear a stopped guest");
            assertTrue(m.phases().get(0).name().startsWith("pre-copy (QEMU"), m.phases().toString());
        }
        assertTrue(outcome.result().notes().stream().anyMatch(n -> n.contains("real QEMU guest")));
        long flagged = outcome.result().migrations().stream().filter(MigrationMetrics::downtimeOverLimit).count();
        assertEquals(flagged, report.split("\"downtimeOverLimit\" : true", -1).length - 1, "the JSON report flags the same moves");
        assertEquals(List.of(), new LiveCleanup(runner, tools, stateDir).namespaces(NamespaceNames.of(lab).labPrefix()));
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains("qemu-system-x86_64")
                && p.info().commandLine().orElse("").contains(NamespaceNames.of(lab).labPrefix())), "no QEMU of the run survives");
    }
}
