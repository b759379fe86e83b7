package org.warplab.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.run.CompactTraceEvents;
import org.warplab.run.RunResult;

/** What a run records is what its caller asked for; the trace is compact and capped; a run has hard caps. */
class EmulatorRecordingTest {

    static Lab lab(String name) throws Exception {
        return LabFiles.load(Path.of("sample-labs", name + ".warplab.json")).lab();
    }

    @Test
    void aRunForItsFiguresKeepsNoTraceNorCapturesAndGivesTheSameFiguresAndPaths() throws Exception {
        for (String name : List.of("paging-paper", "mipv6-paper", "segmentation-tenants", "paging-three-dc")) {
            Emulator.Outcome full = Emulator.run(lab(name), Emulator.Options.defaults(1));
            Emulator.Outcome figures = Emulator.run(lab(name), Emulator.Options.metrics(1));
            assertEquals(0, figures.trace().size(), name);
            assertTrue(figures.captures().isEmpty(), name);
            assertEquals(full.result(), figures.result(), name + ": the figures (paths included) do not depend on what is recorded");
            assertFalse(figures.result().migrations().get(0).pathAfter().isEmpty(), name);
            assertEquals(full.events(), figures.events(), name);
        }
    }

    @Test
    void theReplayTraceTakesAtMost48BytesAnEvent() throws Exception {
        for (String name : List.of("paging-paper", "mipv6-paper", "segmentation-tenants", "paging-three-dc", "baseline-no-scheme")) {
            Emulator.Outcome outcome = Emulator.run(lab(name), Emulator.Options.metrics(1).withTrace(true));
            CompactTraceEvents events = (CompactTraceEvents) outcome.trace().events();
            double perEvent = events.bytesUsed() / (double) events.size();
            assertTrue(perEvent <= 48, name + ": " + perEvent + " bytes per event");
            assertEquals(-1, outcome.trace().truncatedAtNs());
        }
    }

    @Test
    void aTraceOverItsCapStopsThereAndTheResultSaysWhere() throws Exception {
        Emulator.Outcome whole = Emulator.run(lab("paging-paper"), Emulator.Options.defaults(1));
        Emulator.Outcome capped = Emulator.run(lab("paging-paper"), Emulator.Options.defaults(1).withMaxTraceEvents(1000));
        assertEquals(1000, capped.trace().size());
        assertEquals(whole.trace().events().subList(0, 1000), capped.trace().events());
        assertEquals(whole.trace().events().get(1000).timeNs(), capped.trace().truncatedAtNs());
        String note = "trace truncated at " + capped.trace().truncatedAtNs() / 1_000_000 + " ms of virtual time (1,000 events kept)";
        assertTrue(capped.result().notes().stream().anyMatch(n -> n.startsWith(note)), capped.result().notes().toString());
        assertEquals(whole.result().migrations(), capped.result().migrations(), "the figures cover the whole run");
    }

    @Test
    void aRunOverTheEventCapStopsWithAClearResult() throws Exception {
        Emulator.Outcome outcome = Emulator.run(lab("paging-paper"), Emulator.Options.metrics(1).withMaxEvents(5_000));
        assertTrue(outcome.stoppedAtCap());
        assertEquals(5_000, outcome.events());
        RunResult result = outcome.result();
        assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("stopped at the cap: 5,000 events, reached at ")), result.notes().toString());
    }

    @Test
    void aMigrationThatCannotFinishInAnHourStopsAtTheVirtualTimeCap() throws Exception {
        Lab lab = lab("paging-paper");
        // a 1 kbit/s management link: 512 MiB would take 50 days to copy
        List<Link> links = lab.links().stream().map(l -> l.kind() != LinkKind.MANAGEMENT ? l
                : new Link(l.id(), l.a(), l.b(), l.kind(), l.delayNs(), l.jitterNs(), 1_000, l.lossPercent(), l.mtu(), l.cost(),
                        l.aAddresses(), l.bAddresses())).toList();
        Emulator.Outcome outcome = Emulator.run(lab.withLinks(links).withTraffic(List.of()), Emulator.Options.metrics(1));
        assertTrue(outcome.stoppedAtCap());
        assertEquals(Emulator.MAX_RUN_NS, outcome.result().endNs());
        assertTrue(outcome.result().notes().stream().anyMatch(n -> n.startsWith("stopped at the cap: 1 h of virtual time")), outcome.result().notes().toString());
    }
}
