package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.warplab.emulation.Emulator;
import org.warplab.io.LabFiles;
import org.warplab.run.MetricDefinitions;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/** One definition of downtime (and switching time, and gap) for every scheme, said the same everywhere (docs/metrics.md). */
class MetricDefinitionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"paging-paper", "paging-three-dc", "segmentation-tenants", "mipv6-paper", "baseline-no-scheme"})
    void downtimeIsStopToTheFirstProbeReachingTheVmAfterItResumed(String name) throws Exception {
        Emulator.Outcome outcome = Emulator.run(LabFiles.load(Path.of("sample-labs", name + ".warplab.json")).lab(), Emulator.Options.defaults(1));
        List<TraceEvent.VmPaused> paused = outcome.trace().ofType(TraceEvent.VmPaused.class);
        List<TraceEvent.VmResumed> resumed = outcome.trace().ofType(TraceEvent.VmResumed.class);
        for (int i = 0; i < outcome.result().migrations().size(); i++) {
            MigrationMetrics m = outcome.result().migrations().get(i);
            long resumedAt = resumed.get(i).timeNs();
            long nextPause = i + 1 < paused.size() ? paused.get(i + 1).timeNs() : Long.MAX_VALUE;
            long firstProbe = outcome.trace().ofType(TraceEvent.Delivered.class).stream()
                    .filter(d -> d.node().equals(m.vm()) && (d.kind() == PacketKind.PROBE || d.kind() == PacketKind.PING))
                    .mapToLong(TraceEvent::timeNs).filter(t -> t >= resumedAt && t < nextPause).min().orElse(-1);
            long expected = firstProbe < 0 ? -1 : firstProbe - paused.get(i).timeNs();
            assertEquals(expected, m.downtimeNs(), name + " " + m.migration());
            if (expected >= 0) {
                assertTrue(m.downtimeNs() > resumedAt - paused.get(i).timeNs(), "the network's switch is part of it");
            }
        }
    }

    @Test
    void theDocsTheHelpAndCompareSayTheSameWords() throws Exception {
        String docs = Files.readString(Path.of("docs/metrics.md"));
        for (String definition : List.of(MetricDefinitions.SWITCHING, MetricDefinitions.DOWNTIME, MetricDefinitions.CLIENT_GAP)) {
            assertTrue(docs.contains(definition), "docs/metrics.md: " + definition);
        }
        CliTest.Run help = CliTest.run("emulate", "--help");
        String flat = help.out().replaceAll("\\s+", " ");
        assertTrue(flat.contains(MetricDefinitions.DOWNTIME.replaceAll("\\s+", " ")), flat);
        CliTest.Run compare = CliTest.run("compare", "sample-labs/paging-paper.warplab.json");
        assertTrue(compare.out().contains("downtime: " + MetricDefinitions.DOWNTIME), compare.out());
    }
}
