package org.warplab.live.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.warplab.run.MigrationMetrics;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

/**
 * `warplab live run sample-labs/paging-paper.warplab.json --vm qemu`, moved there and back: a real
 * guest live-migrated by QEMU between the data centers' namespaces, network paging following its
 * own RARP, the probe answered at the same address after each move.
 */
@Tag("live")
class QemuLiveRunTest {

    @TempDir
    Path stateDir;

    @Test
    void aRealGuestMovesThereAndBackAndStaysReachableAtItsAddress() throws Exception {
        Tools.requireRoot();
        Tools.require("qemu-system-x86_64");
        Tools.require("nft");
        ProcessCommandRunner runner = new ProcessCommandRunner();
        HostTools tools = HostTools.fromEnvironment();
        GuestBuilder.Outcome guest = QemuTestbed.guest(runner, tools);
        Lab lab = BackAndForth.repeat(Samples.lab("paging-paper"), 2, 8_000_000_000L);
        List<String> steps = new ArrayList<>();
        LiveRunner live = new LiveRunner(runner, tools, stateDir, steps::add, guest.cacheDir());
        LiveRunner.Outcome outcome = live.run(lab, SchemeKind.NETWORK_PAGING, new LiveRunner.Options(Optional.of(VmRuntime.QEMU), Optional.empty()));
        System.out.println(String.join("\n", steps));
        outcome.result().notes().forEach(n -> System.out.println("note: " + n));
        assertEquals(List.of("ADC", "PDC"), outcome.result().migrations().stream().map(MigrationMetrics::to).toList());
        for (MigrationMetrics m : outcome.result().migrations()) {
            System.out.printf("QEMU %s -> %s: switching %.2f ms, downtime %.1f ms, gap %.1f ms, lost %d/%d%n", m.from(), m.to(),
                    m.switchingTimeNs() / 1e6, m.downtimeNs() / 1e6, m.clientGapNs() / 1e6, m.probesLost(), m.probesSent());
            assertTrue(m.reachableAfter(), m.migration() + ": the guest answers at 172.16.10.2 after the move");
            assertNotNull(m.switchingTimeNs(), m.migration() + ": QEMU's RARP was captured and R3 switched");
            assertTrue(m.downtimeNs() > 0 && m.downtimeNs() <= m.clientGapNs(), "the client cannot hear a stopped guest");
            assertTrue(m.phases().get(0).name().startsWith("pre-copy (QEMU"), m.phases().toString());
        }
        assertTrue(outcome.result().notes().stream().anyMatch(n -> n.contains("real QEMU guest")));
        assertEquals(List.of(), new LiveCleanup(runner, tools, stateDir).namespaces(NamespaceNames.of(lab).labPrefix()));
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains("qemu-system-x86_64")
                && p.info().commandLine().orElse("").contains(NamespaceNames.of(lab).labPrefix())), "no QEMU of the run survives");
    }
}
