package org.warplab.live.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.live.LiveCleanup;
import org.warplab.testing.Tools;

/**
 * A real guest under QEMU: built from the Debian kernel package, booted in DC1's namespace on a tap
 * in its bridge, probed from a client namespace, live-migrated over a management veth to a QEMU
 * waiting in DC2, and still answering at the same IP and MAC afterwards. Then nothing may remain.
 */
@Tag("live")
class QemuLiveTest {

    @TempDir
    Path stateDir;
    @TempDir
    Path runDir;

    private static void requireTools() {
        Tools.requireRoot();
        Tools.require("qemu-system-x86_64");
        Tools.require("ip", "iproute2");
        Tools.require("bridge", "iproute2");
        Tools.require("gcc", "gcc");
        Tools.require("busybox", "busybox-static");
    }

    private static String labId() {
        return "q" + Long.toHexString(ProcessHandle.current().pid() & 0xfff);
    }

    @Test
    void aRealGuestMovesBetweenNamespacesAndKeepsAnswering() throws Exception {
        requireTools();
        QemuTestbed testbed = new QemuTestbed(labId(), stateDir, runDir);
        GuestBuilder.Outcome guest = QemuTestbed.guest(testbed.runner, testbed.tools);
        try (testbed) {
            testbed.build();
            QemuTestbed.Trial trial = testbed.trial(guest.cacheDir(), guest.image(), 0, 0, QemuMigration.Settings.defaults());
            QemuMigration.Result m = trial.migration();
            m.describe().forEach(System.out::println);
            System.out.printf("boot %.2f s, first RARP %.2f ms after RESUME arrived over QMP (%.2f ms after QEMU's RESUME timestamp), client gap %.1f ms, lost probes %d%n",
                    trial.bootNs() / 1e9, trial.firstRarpAfterResumeNs() / 1e6, trial.firstRarpAfterResumeByQemuClockNs() / 1e6,
                    trial.clientGapNs() / 1e6, trial.lostProbes());
            assertEquals(QemuMigration.Outcome.COMPLETED, m.outcome(), m.error());
            assertTrue(m.converged(), "an idle guest converges");
            assertTrue(m.totalTimeNs() > 0 && m.transferredBytes() > 0 && m.totalBytes() >= 128L << 20, "QEMU's figures: " + m.describe());
            assertTrue(m.passes() >= 1, "at least one pass");
            assertTrue(m.downtimeNs() >= 0 && m.downtimeNs() < m.totalTimeNs(), "downtime within the total");
            assertTrue(m.destinationResumedAtNs() > m.migrateIssuedAtNs(), "RESUME comes after migrate");
            assertTrue(m.events().stream().anyMatch(e -> e.name().equals("MIGRATION") && e.text("status").equals("completed")),
                    "migration events were enabled: " + m.events());
            assertTrue(trial.firstRarpAfterResumeNs() > -50_000_000L && trial.firstRarpAfterResumeNs() < 2_000_000_000L,
                    "QEMU announced the guest on the destination LAN right after resume");
            assertTrue(trial.answersAfterMove(), "the guest still echoes at " + QemuTestbed.VM_ADDRESS);
            assertTrue(trial.fdbAtDestination().lines().anyMatch(l -> l.startsWith(QemuTestbed.VM_MAC.toString()) && l.contains("dev " + QemuTestbed.TAP)),
                    "the destination bridge learned the same MAC on the new tap: " + trial.fdbAtDestination());
        }
        assertNothingLeft(testbed);
    }

    @Test
    void cleanupAfterAKilledRunLeavesNoQemuTapOrNamespace() throws Exception {
        requireTools();
        QemuTestbed testbed = new QemuTestbed(labId() + "k", stateDir, runDir);
        GuestBuilder.Outcome guest = QemuTestbed.guest(testbed.runner, testbed.tools);
        testbed.build();
        // as if the run were killed: the QEMU is never closed, only the state file knows of it
        QemuVm vm = QemuVm.start(testbed.sourceSpec(guest.cacheDir(), guest.image(), 0, 0), testbed.runner, testbed.tools,
                Optional.of(testbed.state));
        long pid = vm.pid();
        assertTrue(ProcessHandle.of(pid).isPresent());
        assertTrue(testbed.runner.run(testbed.tools.path("ip"), "-n", testbed.ns("dc1"), "link", "show", "dev", QemuTestbed.TAP).ok());
        LiveCleanup.Report report = new LiveCleanup(testbed.runner, testbed.tools, stateDir).clean(testbed.names.labPrefix());
        assertTrue(report.processes().contains(pid), "cleanup stopped QEMU " + pid + ": " + report);
        assertTrue(report.failures().isEmpty(), report.failures().toString());
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU " + pid + " is gone");
        assertNothingLeft(testbed);
        vm.close(); // idempotent on a dead QEMU and a deleted namespace
    }

    private static void assertNothingLeft(QemuTestbed testbed) {
        assertEquals(List.of(), new LiveCleanup(testbed.runner, testbed.tools, testbed.stateDir).namespaces(testbed.names.labPrefix()),
                "no namespace of the test survives (and with them their bridges and taps)");
        List<String> qemus = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("qemu-system-x86_64")
                        && p.info().commandLine().orElse("").contains("-name wl-") && p.info().commandLine().orElse("").contains(testbed.names.labId()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
        assertEquals(List.of(), qemus, "no QEMU of the test survives");
        assertTrue(testbed.state.snapshot().processes().stream().noneMatch(p -> ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)),
                "every process the test registered has ended");
    }
}
