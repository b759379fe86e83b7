package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.warplab.emulation.Emulator;
import org.warplab.testing.Samples;

class ProbeSeriesTest {

    @Test
    void theSeriesAgreesWithTheRunsMetrics() throws Exception {
        Emulator.Outcome outcome = Emulator.run(Samples.lab("paging-paper"), Emulator.Options.defaults(1));
        ProbeSeries series = ProbeSeries.of(outcome.trace());
        MigrationMetrics m = outcome.result().migrations().get(0);
        // the metrics count the probes of the migration's window (from the VM's stop); the series has every probe
        assertTrue(series.probes().size() >= m.probesSent());
        assertEquals(outcome.trace().ofType(TraceEvent.PacketSent.class).stream().filter(p -> p.kind() == PacketKind.PROBE)
                .map(TraceEvent.PacketSent::sequence).distinct().count(), series.probes().size());
        assertEquals(m.probesLost(), series.probes().stream().filter(p -> p.status() == ProbeSeries.Status.LOST).count());
        ProbeSeries.Probe lost = series.probes().stream().filter(p -> p.status() == ProbeSeries.Status.LOST).findFirst().orElseThrow();
        assertTrue(lost.reason().contains("paused"), lost.reason());
        String csv = series.toCsv();
        assertTrue(csv.startsWith("flow,sequence,sent_ms,round_trip_ms"));
        assertEquals(series.probes().size() + 1, csv.split("\n").length);
    }
}
