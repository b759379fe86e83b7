package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The figure table that {@code warplab emulate} prints and the HTML report writes: one list, in one order. */
public class FigureRowsTest {

    @Test
    void aQemuMoveListsItsHypervisorsDowntimeAfterTheVmsOwn() {
        MigrationMetrics m = HypervisorReportTest.qemuMove("R1", 21, 31, 300);
        List<String> labels = FigureText.rows(m).stream().map(FigureText.Row::label).toList();
        assertEquals(List.of("switching time", "VM downtime", "QEMU (TCG) downtime", "migration time", "pre-copy", "client gap", "probes lost",
                "latency before → after", "reachable after", "path before", "path after"), labels);
        assertEquals(new FigureText.Row("QEMU (TCG) downtime", "21 ms (host 31 ms), within the 300 ms limit"), FigureText.rows(m).get(2));
        assertEquals(new FigureText.Row("latency before → after", "12.0 ms → 12.0 ms"), FigureText.rows(m).get(7));
        assertEquals(new FigureText.Row("path after", "—"), FigureText.rows(m).get(10));
    }

    @Test
    void aModelledMoveHasNoHypervisorRow() {
        MigrationMetrics qemu = HypervisorReportTest.qemuMove("R1", 21, 31, 300);
        MigrationMetrics modelled = new MigrationMetrics(qemu.migration(), qemu.vm(), qemu.address(), qemu.from(), qemu.to(), qemu.mode(),
                qemu.switchingTimeNs(), qemu.downtimeNs(), qemu.migrationTimeNs(), qemu.clientGapNs(), qemu.probesSent(), qemu.probesLost(),
                qemu.latencyBeforeNs(), qemu.latencyAfterNs(), qemu.reachableAfter(), "U → R1", "U → R2", qemu.phases(), qemu.flows(),
                qemu.bystanders(), qemu.completion(), null);
        List<FigureText.Row> rows = FigureText.rows(modelled);
        assertEquals(10, rows.size());
        assertEquals(new FigureText.Row("switching time", "7.0 ms"), rows.get(0));
        assertEquals(new FigureText.Row("path before", "U → R1"), rows.get(8));
    }
}
