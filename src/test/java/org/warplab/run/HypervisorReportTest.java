package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, point 3: a move whose hypervisor stopped the VM longer than the migration's downtime
 * limit says so in its figures, its caveats and its JSON report, not only in a note.
 */
public class HypervisorReportTest {

    private static final long MS = 1_000_000L;

    /** A QEMU move as issue 20 measured it: 3 passes, QEMU expected 40 ms at its last pass and stopped for 704 ms. */
    public static MigrationMetrics qemuMove(String id, long qemuDowntimeMs, long hostDowntimeMs, long limitMs) {
        HypervisorReport qemu = new HypervisorReport("QEMU (TCG)", qemuDowntimeMs * MS, hostDowntimeMs * MS, 865 * MS, 95L << 20, limitMs * MS,
                30L << 20, List.of(new HypervisorReport.Pass(1, 2_900_000_000L, 0, 0, 430L << 20),
                        new HypervisorReport.Pass(2, 3_100_000_000L, 40 * MS, 2000, 15L << 20)));
        return new MigrationMetrics(id, "vm1", "172.16.10.2", "ADC", "PDC", "live/shared", 7 * MS, hostDowntimeMs * MS, 865 * MS, 834 * MS, 500, 38,
                12 * MS, 12 * MS, true, "", "", List.of(), List.of(new FlowMetrics("F1", "U", 500, 38, 834 * MS, 12 * MS, 12 * MS, "", "")),
                List.of(), new Completion(true, 3, 0, true, limitMs * MS), qemu);
    }

    @Test
    void aStopLongerThanTheLimitIsFlaggedWithWhatQemuExpected() {
        MigrationMetrics m = qemuMove("R2", 704, 731, 300);
        assertTrue(m.downtimeOverLimit());
        String caveat = m.caveats().get(0);
        assertTrue(caveat.startsWith("downtime over the limit: QEMU (TCG) stopped vm1 for 704 ms, over the 300 ms limit"), caveat);
        assertTrue(caveat.contains("the host saw 731 ms") && caveat.contains("3100 Mbit/s, at which the 15.0 MiB left take 41 ms") && caveat.contains("30.0 MiB while stopped"),
                caveat);
        assertEquals("704 ms (host 731 ms), OVER the 300 ms limit", FigureText.hypervisorDowntime(m));
    }

    @Test
    void aStopWithinTheLimitIsNotFlagged() {
        MigrationMetrics m = qemuMove("R1", 21, 31, 300);
        assertFalse(m.downtimeOverLimit());
        assertTrue(m.caveats().isEmpty(), m.caveats().toString());
        assertEquals("21 ms (host 31 ms), within the 300 ms limit", FigureText.hypervisorDowntime(m));
    }

    @Test
    void withoutQemusOwnFigureTheHostsStopIsHeldToTheLimit() {
        MigrationMetrics m = qemuMove("R3", -1, 320, 300);
        assertTrue(m.downtimeOverLimit());
        assertTrue(m.caveats().get(0).contains("for 320 ms, over the 300 ms limit (as the host saw it)"), m.caveats().get(0));
        assertEquals("320 ms (host; it reported none of its own), OVER the 300 ms limit", FigureText.hypervisorDowntime(m));
    }

    @Test
    void aStopBeforeQemuMeasuredAnyRateSaysSoInsteadOfATime() {
        HypervisorReport early = new HypervisorReport("QEMU (TCG)", 61 * MS, 72 * MS, 190 * MS, 87L << 20, 300 * MS, 13L << 20,
                List.of(new HypervisorReport.Pass(1, 0, 300 * MS, 0, 149L << 20)));
        assertEquals("at pass 1 it had measured no rate yet, with 149.0 MiB left; it sent 13.0 MiB while stopped", early.expectation());
        HypervisorReport big = new HypervisorReport("QEMU (TCG)", 61 * MS, 72 * MS, 190 * MS, 87L << 20, 300 * MS, -1,
                List.of(new HypervisorReport.Pass(2, 1_000_000_000L, 0, 0, 4L << 30)));
        assertEquals("at pass 2 it had measured 1 Gbit/s, at which the 4.0 GiB left take 34360 ms", big.expectation());
    }

    @Test
    void aModelledMoveHasNoHypervisorFigureAndIsNeverFlaggedByIt() {
        MigrationMetrics modelled = new MigrationMetrics("MIG1", "vm1", "172.16.10.2", "PDC", "ADC", "live/shared", 5 * MS, 400 * MS, 900 * MS,
                420 * MS, 100, 3, 8 * MS, 8 * MS, true, "", "", List.of(), List.of(), List.of(), new Completion(true, 3, 30, true, 300 * MS));
        assertNull(modelled.hypervisor());
        assertFalse(modelled.downtimeOverLimit());
        assertEquals("—", FigureText.hypervisorDowntime(modelled));
    }

    @Test
    void theJsonReportCarriesQemusAccountAndTheFlagAndReadsBack() throws Exception {
        RunResult result = new RunResult("paging-paper", "network-paging", "live", 0, 20_000 * MS, List.of(qemuMove("R2", 704, 731, 300)), List.of());
        String json = RunExports.resultJson(result);
        assertTrue(json.contains("\"downtimeOverLimit\" : true"), json);
        assertTrue(json.contains("\"expectedDowntimeNs\" : 40000000"), json);
        RunResult back = RunExports.readResult(json);
        assertEquals(result.migrations().get(0).hypervisor(), back.migrations().get(0).hypervisor());
        assertTrue(back.migrations().get(0).downtimeOverLimit());
    }

    @Test
    void aReportSavedBeforeHypervisorFiguresReadsWithoutThem() throws Exception {
        RunResult result = new RunResult("paging-paper", "network-paging", "live", 0, 20_000 * MS, List.of(qemuMove("R2", 704, 731, 300)), List.of());
        String old = RunExports.resultJson(result).replaceAll("(?s),\\s*\"hypervisor\" : \\{.*?\"passes\" : \\[.*?\\]\\s*\\}", "")
                .replace(",\n    \"downtimeOverLimit\" : true", "");
        assertFalse(old.contains("hypervisor"), old);
        MigrationMetrics m = RunExports.readResult(old).migrations().get(0);
        assertNull(m.hypervisor());
        assertFalse(m.downtimeOverLimit());
    }
}
