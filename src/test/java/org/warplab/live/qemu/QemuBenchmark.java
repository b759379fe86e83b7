package org.warplab.live.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of docs/qemu.md: boot, QEMU's total time and downtime, first RARP after resume and the
 * client's gap, for an idle guest and with the dirtying workload at two rates. Run as root:
 * {@code java -cp target/classes:target/test-classes:DEPS org.warplab.live.qemu.QemuBenchmark [REPEAT]}.
 */
public final class QemuBenchmark {

    private QemuBenchmark() {
    }

    private record Row(String workload, QemuTestbed.Trial trial) { }

    public static void main(String[] args) throws Exception {
        int repeat = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        GuestBuilder.Outcome guest = QemuTestbed.guest(new org.warplab.live.ProcessCommandRunner(), org.warplab.live.HostTools.fromEnvironment());
        // a WAN-like 32 MiB/s (QEMU 7.2's default is 128 MiB/s), so the dirtying rates compare with the link
        QemuMigration.Settings settings = QemuMigration.Settings.defaults().withMaxBandwidth(32L << 20).withPolicy(QemuMigration.Policy.RAISE_LIMIT, 12);
        long[][] workloads = {{0, 0}, {32, 1000}, {32, 20000}};
        List<Row> rows = new ArrayList<>();
        for (long[] workload : workloads) {
            for (int i = 0; i < repeat; i++) {
                Path stateDir = Files.createTempDirectory("wl-bench-state");
                Path runDir = Files.createTempDirectory("wl-bench-run");
                try (QemuTestbed testbed = new QemuTestbed("qb" + workload[1] % 1000 + i, stateDir, runDir)) {
                    testbed.markTemporary();
                    testbed.build();
                    QemuTestbed.Trial trial = testbed.trial(guest.cacheDir(), guest.image(), workload[0], workload[1], settings);
                    String name = workload[0] == 0 ? "idle" : workload[0] + " MiB at " + workload[1] + " pages/s";
                    rows.add(new Row(name, trial));
                    QemuMigration.Result m = trial.migration();
                    System.out.printf("%-26s boot %5.2f s | %-9s total %6.0f ms setup %3.0f ms downtime %5.0f ms passes %3d %6.1f MiB | RARP %+6.2f ms (QEMU clock %+6.2f) | gap %6.1f ms lost %3d | answers %s%s%n",
                            name, trial.bootNs() / 1e9, m.outcome(), m.totalTimeNs() / 1e6, m.setupTimeNs() / 1e6, m.downtimeNs() / 1e6, m.passes(),
                            m.transferredBytes() / 1048576.0, trial.firstRarpAfterResumeNs() / 1e6, trial.firstRarpAfterResumeByQemuClockNs() / 1e6,
                            trial.clientGapNs() / 1e6, trial.lostProbes(), trial.answersAfterMove(),
                            m.converged() ? "" : " | NOT CONVERGING: " + String.join("; ", m.policyActions()));
                }
            }
        }
        Path stateDir = Files.createTempDirectory("wl-bench-state");
        try (QemuTestbed testbed = new QemuTestbed("qbc", stateDir, Files.createTempDirectory("wl-bench-run"))) {
            testbed.markTemporary();
            testbed.build();
            QemuTestbed.Trial trial = testbed.trial(guest.cacheDir(), guest.image(), 32, 20000,
                    settings.withPolicy(QemuMigration.Policy.CANCEL, 12));
            QemuMigration.Result m = trial.migration();
            System.out.printf("%-26s %s after %d passes, %.0f ms, %.1f MiB; source still answers: %s; %s%n", "32 MiB at 20000, CANCEL",
                    m.outcome(), m.passes(), (System.nanoTime() - m.migrateIssuedAtNs()) / 1e6, m.transferredBytes() / 1048576.0,
                    trial.answersAfterMove(), String.join("; ", m.policyActions()));
        }
        System.out.println("accelerator: " + guest.image().accelerator() + " (" + guest.acceleratorReason() + ")");
    }
}
