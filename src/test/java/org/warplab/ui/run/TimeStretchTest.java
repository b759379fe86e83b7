package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.warplab.emulation.Emulator;
import org.warplab.run.RunResult;
import org.warplab.run.TraceEvent;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryStep;
import org.warplab.testing.Samples;

class TimeStretchTest {

    @Test
    void eachStretchBetweenStepsLastsAtLeastTwoSecondsOfWallTime() throws Exception {
        Emulator.Outcome run = Emulator.run(Samples.lab("paging-paper"), Emulator.Options.defaults(1));
        RunResult result = run.result();
        Story story = Story.of(result, run.trace());
        TimeStretch stretch = new TimeStretch(story, result.endNs());
        double chosen = 0.01;
        // play it as the clock does, 60 pulses a second, and time each step on screen in wall time
        long t = 0;
        long wallNs = 0;
        long pulse = 1_000_000_000L / 60;
        long[] wallAt = new long[story.steps().size()];
        while (t < result.endNs()) {
            t = stretch.advance(t, pulse, chosen);
            wallNs += pulse;
            for (int i = story.indexAt(t); i >= 0 && wallAt[i] == 0; i--) {
                wallAt[i] = wallNs; // reached (steps at one instant are reached together)
            }
        }
        for (int i = 1; i < story.steps().size(); i++) {
            StoryStep step = story.steps().get(i);
            StoryStep before = story.steps().get(i - 1);
            if (step.timeNs() != before.timeNs()) {
                assertTrue(wallAt[i] - wallAt[i - 1] >= TimeStretch.WALL_NS - 2 * pulse,
                        before.id() + " → " + step.id() + " on screen " + (wallAt[i] - wallAt[i - 1]) / 1e9 + " s");
            }
        }
    }

    @Test
    void theDowntimeIsStretchedAndNamedWhileFarApartStepsKeepTheChosenSpeed() throws Exception {
        Emulator.Outcome run = Emulator.run(Samples.lab("paging-paper"), Emulator.Options.defaults(1));
        Story story = Story.of(run.result(), run.trace());
        TimeStretch stretch = new TimeStretch(story, run.result().endNs());
        long paused = run.trace().ofType(TraceEvent.VmPaused.class).get(0).timeNs();
        long resumed = run.trace().ofType(TraceEvent.VmResumed.class).get(0).timeNs();
        TimeStretch.Factor downtime = stretch.at((paused + resumed) / 2, 0.01);
        assertTrue(downtime.stretched());
        assertEquals((resumed - paused) / (double) TimeStretch.WALL_NS, downtime.speed(), 1e-12);
        assertTrue(downtime.text().matches("×0\\.00\\d\\d around VM paused"), downtime.text());
        // the pre-copy's 1.4 s before the pause needs no slowing at 0.01×
        TimeStretch.Factor early = stretch.at(paused / 2, 0.01);
        assertFalse(early.stretched(), early.text());
        assertEquals(0.01, early.speed());
        // slower than the stretch asks: the chosen speed holds
        assertEquals(0.0001, stretch.at((paused + resumed) / 2, 0.0001).speed());
    }
}
