package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.warplab.io.LabFiles;
import org.warplab.io.LabParameter;
import org.warplab.model.Lab;
import org.warplab.run.LabRuntime;
import org.warplab.run.SweepMetric;
import org.warplab.testing.Samples;
import org.warplab.testing.TestRuntimes;

/**
 * Issue 14, point 4: the Sweep tab names what it sweeps as the canvas does (no lab-file paths), and
 * its first offer changes the metric it plots, for every sample lab's scheme (run in the emulator).
 */
class SweepChoicesTest {

    @Test
    void choicesAreNamedByElementAndField() throws Exception {
        Lab lab = LabFiles.load(Samples.file("paging-paper")).lab();
        List<SweepChoices.Choice> choices = SweepChoices.of(lab);
        SweepChoices.Choice preferred = SweepChoices.preferred(lab, choices).orElseThrow();
        assertEquals("delay (ms)", preferred.field());
        assertTrue(preferred.element().startsWith("link "), preferred.element());
        for (SweepChoices.Choice c : choices) {
            assertFalse(c.element().contains("links.") || c.field().contains("Ms"), "no file keys on screen: " + c);
            LabParameter.parse(c.path()).valueIn(lab);
        }
    }

    @Test
    void theFirstOfferedSweepChangesWhatItPlotsForEverySample() throws Exception {
        LabRuntime emulator = TestRuntimes.real().emulated();
        List<String> flat = new ArrayList<>();
        for (Path file : Samples.files()) {
            Lab lab = LabFiles.load(file).lab();
            if (lab.migrations().isEmpty()) {
                continue;
            }
            SweepChoices.Choice c = SweepChoices.preferred(lab, SweepChoices.of(lab)).orElseThrow();
            SweepMetric metric = SweepChoices.preferredMetric(lab);
            Set<String> seen = new TreeSet<>();
            for (double v : new double[] {c.from(), c.to()}) {
                Lab swept = LabParameter.parse(c.path()).apply(lab, v);
                double figure = metric.of(emulator.runForFigures(swept, 1, s -> { }).result().migrations().get(0));
                seen.add(Double.toString(figure));
            }
            if (seen.size() < 2) {
                flat.add(file.getFileName() + ": " + c + " from " + c.from() + " to " + c.to() + " leaves " + metric.label() + " at " + seen);
            }
        }
        assertTrue(flat.isEmpty(), String.join("\n", flat));
    }
}
