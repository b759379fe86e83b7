package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.model.SchemeKind;
import org.warplab.run.MigrationMetrics;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

/** Two tenants at 192.168.1.10 each: the red VM moves live and stays in its segment; blue never notices. */
@Tag("live")
class SegmentationLiveTest {

    @TempDir
    Path stateDir;

    @Test
    void theMovedVmIsReachableInItsSegmentAndTheOtherTenantIsUntouched() throws Exception {
        Tools.requireRoot();
        Tools.require("bridge");
        Tools.require("ethtool");
        LiveRunner live = new LiveRunner(new ProcessCommandRunner(), HostTools.fromEnvironment(), stateDir, new ArrayList<String>()::add);
        LiveRunner.Outcome outcome = live.run(Samples.lab("segmentation-tenants"), SchemeKind.SEGMENTATION);
        MigrationMetrics red = outcome.result().migrations().get(0);
        outcome.result().notes().forEach(n -> System.out.println("note: " + n));
        System.out.printf("live segmentation: downtime %.1f ms, gap %.1f ms, lost %d/%d, latency %.2f -> %.2f ms%n", red.downtimeNs() / 1e6,
                red.clientGapNs() / 1e6, red.probesLost(), red.probesSent(), red.latencyBeforeNs() / 1e6, red.latencyAfterNs() / 1e6);
        assertEquals("red1", red.vm());
        assertTrue(red.reachableAfter(), "the red VM answers at 192.168.1.10 in its own segment after the move");
        String blue = outcome.result().notes().stream().filter(n -> n.startsWith("flow P2 to blue1 (not moved): ")).findFirst().orElseThrow();
        java.util.regex.Matcher counts = java.util.regex.Pattern.compile(": (\\d+) of (\\d+) probes lost").matcher(blue);
        assertTrue(counts.find(), blue);
        assertEquals(0, Integer.parseInt(counts.group(1)), "the blue tenant, at the same address, loses nothing: " + blue);
        assertTrue(Integer.parseInt(counts.group(2)) > 100, "and its probes really ran: " + blue);
    }
}
