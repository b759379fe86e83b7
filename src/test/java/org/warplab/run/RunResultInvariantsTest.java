package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.emulation.Emulator;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.testing.Samples;

/**
 * What every run's figures must satisfy whatever the lab and scheme (docs/metrics.md), over an
 * emulated run of each sample lab: counts that add up, phases inside the run, the figures of a
 * migration the sum of its flows' figures, and a trace in time order that ends with the run.
 */
class RunResultInvariantsTest {

    static Stream<String> samples() {
        return Samples.names().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theFiguresOfARunAreConsistent(String sample) throws Exception {
        Lab lab = Samples.lab(sample);
        if (LabValidator.hasErrors(LabValidator.validate(lab))) {
            return; // a sample kept to show an error
        }
        Emulator.Outcome outcome = Emulator.run(lab, Emulator.Options.defaults(1));
        RunResult result = outcome.result();
        assertEquals(lab.migrations().size(), result.migrations().size(), "one entry per migration");
        for (MigrationMetrics m : result.migrations()) {
            String at = sample + " " + m.migration();
            assertTrue(m.probesSent() >= 0 && m.probesLost() >= 0 && m.probesLost() <= m.probesSent(), at + ": lost " + m.probesLost() + " of " + m.probesSent());
            assertEquals(m.probesSent(), m.flows().stream().mapToLong(FlowMetrics::probesSent).sum(), at + ": sent is the flows' sum");
            assertEquals(m.probesLost(), m.flows().stream().mapToLong(FlowMetrics::probesLost).sum(), at + ": lost is the flows' sum");
            assertEquals(m.clientGapNs(), m.flows().stream().mapToLong(FlowMetrics::gapNs).max().orElse(m.clientGapNs()), at + ": the gap is the largest flow's");
            assertTrue(m.downtimeNs() == -1 || m.downtimeNs() > 0, at + ": downtime " + m.downtimeNs());
            assertTrue(m.migrationTimeNs() >= 0, at);
            if (m.switchingTimeNs() != null) {
                assertTrue(m.switchingTimeNs() >= 0, at + ": switching " + m.switchingTimeNs());
            }
            for (Phase phase : m.phases()) {
                assertFalse(phase.name().isBlank(), at);
                assertTrue(phase.startNs() >= 0 && phase.endNs() <= result.endNs(), at + ": " + phase + " inside the run of " + result.endNs());
            }
            assertFalse(m.flows().stream().anyMatch(f -> m.bystanders().stream().anyMatch(b -> b.flow().equals(f.flow()))),
                    at + ": a flow is the moving VM's or a bystander, not both");
        }
        long last = Long.MIN_VALUE;
        for (TraceEvent event : outcome.trace().events()) {
            assertTrue(event.timeNs() >= last, sample + ": the trace is in time order");
            last = event.timeNs();
        }
        assertTrue(last <= result.endNs(), sample + ": nothing after the run's end");
    }
}
