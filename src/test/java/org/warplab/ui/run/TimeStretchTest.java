package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        int shown = -1;
        int holds = 0;
        while (t < result.endNs()) {
            TimeStretch.Position at = stretch.advance(t, pulse, chosen);
            wallNs += pulse;
            if (at.shown() != null) {
                // the clock stands at an instant of several steps and tells them one by one
                assertTrue(at.shown().timeNs() <= at.timeNs(), "a step at or before the playhead");
                shown = story.steps().indexOf(at.shown());
                holds++;
            } else if (story.indexAt(at.timeNs()) > shown && (shown < 0 || story.steps().get(story.indexAt(at.timeNs())).timeNs() > story.steps().get(shown).timeNs())) {
                shown = story.indexAt(at.timeNs());
            }
            t = at.timeNs();
            if (shown >= 0 && wallAt[shown] == 0) {
                wallAt[shown] = wallNs;
            }
        }
        assertTrue(holds > 0, "the paper's lab has steps at one instant (resume, announcement, capture)");
        for (int i = 1; i < story.steps().size(); i++) {
            StoryStep step = story.steps().get(i);
            StoryStep before = story.steps().get(i - 1);
            assertTrue(wallAt[i] > 0, step.id() + " was shown");
            // every step, also one at the same instant as the step before it, stays 2 s on screen
            assertTrue(wallAt[i] - wallAt[i - 1] >= TimeStretch.WALL_NS - 2 * pulse,
                    before.id() + " → " + step.id() + " on screen " + (wallAt[i] - wallAt[i - 1]) / 1e9 + " s");
        }
    }

    @Test
    void stepsAtOneInstantAreHeldApartWithTheClockStanding() throws Exception {
        Emulator.Outcome run = Emulator.run(Samples.lab("paging-paper"), Emulator.Options.defaults(1));
        Story story = Story.of(run.result(), run.trace());
        StoryStep resumed = story.step("MIG1/resumed").orElseThrow();
        List<StoryStep> together = story.steps().stream().filter(s -> s.timeNs() == resumed.timeNs()).toList();
        assertEquals(List.of("MIG1/resumed", "MIG1/announced", "MIG1/announcement-seen"), together.stream().map(StoryStep::id).toList());
        TimeStretch stretch = new TimeStretch(story, run.result().endNs());
        long pulse = 1_000_000_000L / 60;
        // arriving at the instant: the clock stops there and shows the first of its steps
        TimeStretch.Position at = stretch.advance(resumed.timeNs() - 1000, pulse, 0.01);
        assertEquals(new TimeStretch.Position(resumed.timeNs(), together.get(0)), at);
        assertEquals("held at 1471.6 ms: VM resumes", stretch.at(resumed.timeNs(), 0.01).text());
        long wall = pulse;
        List<StoryStep> seen = new java.util.ArrayList<>(List.of(at.shown()));
        long t = at.timeNs();
        while (t == resumed.timeNs()) {
            at = stretch.advance(t, pulse, 0.01);
            wall += pulse;
            if (at.shown() != null && !seen.contains(at.shown())) {
                seen.add(at.shown());
            }
            t = at.timeNs();
        }
        assertEquals(together, seen, "each step of the instant shown, in the story's order");
        assertEquals(2 * TimeStretch.WALL_NS, wall - pulse, pulse, "two steps held 2 s each before the third goes on with time");
        assertTrue(t > resumed.timeNs());
        // a seek elsewhere is not held
        assertEquals(null, stretch.advance(resumed.timeNs() + 10, pulse, 0.01).shown());
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
