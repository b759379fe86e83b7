package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.warplab.emulation.Emulator;
import org.warplab.run.Phase;
import org.warplab.testing.Samples;

/** Issue 13, item 3: the phase bar shows the paper lab's short phases in an inset, not as 4 px slivers beside 457 ms of pre-copy. */
@ExtendWith(ApplicationExtension.class)
class PhaseBarInsetTest {

    @Start
    void start(Stage stage) {
        // the toolkit is all this test needs
    }

    @Test
    void theShortPhasesOfThePapersLabAreReadableInTheInset() throws Exception {
        List<Phase> phases = Emulator.run(Samples.lab("paging-paper"), Emulator.Options.defaults(1)).result().migrations().get(0).phases();
        PhaseBar bar = new PhaseBar();
        double width = 300; // the readout's phase bar at 1280×720
        bar.resize(width, 200);
        bar.setPhases(phases);
        bar.layout();
        bar.repaint();
        long start = phases.stream().mapToLong(Phase::startNs).min().orElseThrow();
        long end = phases.stream().mapToLong(Phase::endNs).max().orElseThrow();
        double perNsOnTheBar = (width - 16) / (double) (end - start);
        long[] inset = bar.inset();
        assertNotNull(inset, "pre-copy's 457 ms leave the rest as slivers: an inset");
        double[] widths = bar.insetWidths();
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            double onTheBar = p.durationNs() * perNsOnTheBar;
            if (onTheBar < 9) {
                assertTrue(p.startNs() >= inset[0] && p.endNs() <= inset[1], p.name() + " is in the inset");
                // to scale inside the inset: the width is the phase's share of the inset's window
                assertEquals(p.durationNs() * (width - 16) / (double) (inset[1] - inset[0]), widths[i], 0.01, p.name());
                if (p.durationNs() >= 1_000_000) {
                    assertTrue(widths[i] >= 12, p.name() + " (" + p.durationNs() / 1e6 + " ms) was " + onTheBar + " px on the bar, now " + widths[i]);
                    assertTrue(widths[i] >= 4 * onTheBar, p.name() + " magnified");
                }
            }
        }
        // stop-and-copy (4.4 ms, 2.6 px on the bar) is a readable span in the inset
        int stop = phases.indexOf(phases.stream().filter(p -> p.name().equals("stop-and-copy")).findFirst().orElseThrow());
        assertTrue(widths[stop] >= 50, "stop-and-copy " + widths[stop] + " px");
        assertTrue(bar.getPrefHeight() >= 62 + 16 * Math.ceil(phases.size() / 2.0) + 50, "the bar is taller by the inset");
    }

    @Test
    void noInsetWhenEveryPhaseIsVisibleAtScale() {
        List<Phase> even = List.of(new Phase("a", 0, 10_000_000), new Phase("b", 10_000_000, 25_000_000), new Phase("c", 25_000_000, 30_000_000));
        assertNull(PhaseBar.insetWindow(even));
        List<Phase> one = List.of(new Phase("pre-copy", 0, 1_000_000_000), new Phase("stop", 1_000_000_000, 1_004_000_000));
        assertArrayEquals(new long[] {999_600_000, 1_004_000_000}, PhaseBar.insetWindow(one), "the short phase and a tenth of it each side, inside the run");
    }
}
