package org.warplab.ui.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryStep;

/**
 * Time that stretches: a playback speed that slows by itself around the story's steps, so that the
 * played time from one step to the next (14 ms of downtime, 1 ms to a rule switch) lasts at least
 * {@link #WALL_NS} of wall time; where the steps are far apart the chosen speed holds. No JavaFX.
 */
final class TimeStretch {

    /** How long each stretch between two steps stays on screen at the least. */
    static final long WALL_NS = 2_000_000_000L;

    /** The speed at an instant, and what it is slowed around (null: not slowed). */
    record Factor(double speed, StoryStep around) {
        boolean stretched() {
            return around != null;
        }

        /** "×0.0072 around VM paused", or the plain speed. */
        String text() {
            if (speed == 0 && around != null) {
                return "held at " + TraceText.ms(around.timeNs()) + ": " + around.kind().label();
            }
            String factor = "×" + figure(speed);
            return around == null ? factor : factor + " around " + around.kind().label();
        }
    }

    /** Where a pulse left the playhead, and the step to show at an instant of several steps (held there, or the last as time moves on; null: the step at the playhead). */
    record Position(long timeNs, StoryStep shown) { }

    private final long[] times;
    private final List<StoryStep> firsts;
    /** The steps at each distinct instant, in the story's order. */
    private final List<List<StoryStep>> atInstant;
    private final long endNs;
    /** The instant the clock holds at (steps told one by one), and the wall time it has held there; -1: not holding. */
    private long heldAt = -1;
    private long heldWallNs;

    TimeStretch(Story story, long endNs) {
        this.endNs = endNs;
        List<Long> distinct = new ArrayList<>();
        firsts = new ArrayList<>();
        atInstant = new ArrayList<>();
        for (StoryStep step : story.steps()) {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1) != step.timeNs()) {
                distinct.add(step.timeNs());
                firsts.add(step);
                atInstant.add(new ArrayList<>());
            }
            atInstant.get(atInstant.size() - 1).add(step);
        }
        times = distinct.stream().mapToLong(Long::longValue).toArray();
    }

    /** The speed at {@code timeNs} for the chosen {@code speed}: slower where the next step comes sooner than {@link #WALL_NS} at it. */
    Factor at(long timeNs, double speed) {
        if (heldAt == timeNs && heldAt >= 0) {
            int k = TraceIndex.lowerBound(times, timeNs);
            return new Factor(0, atInstant.get(k).get((int) Math.min(atInstant.get(k).size() - 1, heldWallNs / WALL_NS)));
        }
        if (times.length == 0) {
            return new Factor(speed, null);
        }
        int k = TraceIndex.lowerBound(times, timeNs + 1) - 1;
        long from = k < 0 ? 0 : times[k];
        long to = k + 1 < times.length ? times[k + 1] : endNs;
        double needed = Math.max(1, to - from) / (double) WALL_NS;
        if (needed >= speed) {
            return new Factor(speed, null);
        }
        return new Factor(needed, firsts.get(Math.max(0, k)));
    }

    /**
     * Where the playhead goes from {@code timeNs} in {@code wallNs} of wall time at the chosen
     * {@code speed}: no further than the next step, so a pulse at one stretch's speed never plays
     * part of the next stretch too fast.
     */
    Position advance(long timeNs, long wallNs, double speed) {
        if (heldAt == timeNs) {
            // steps at one instant (resume, announcement, capture) are held apart: each of all but the last
            // stays WALL_NS on screen with the clock standing; the last is shown while time moves on to the next instant
            List<StoryStep> here = atInstant.get(TraceIndex.lowerBound(times, timeNs));
            heldWallNs += wallNs;
            int shown = (int) (heldWallNs / WALL_NS);
            if (shown < here.size() - 1) {
                return new Position(timeNs, here.get(shown));
            }
            heldAt = -1;
            // released: the last step of the instant is shown while time moves on
            long next = timeNs + Math.max(1, (long) (wallNs * at(timeNs, speed).speed()));
            int k = TraceIndex.lowerBound(times, timeNs + 1);
            return new Position(k < times.length ? Math.min(next, times[k]) : next, here.get(here.size() - 1));
        }
        long next = timeNs + Math.max(1, (long) (wallNs * at(timeNs, speed).speed()));
        int k = TraceIndex.lowerBound(times, timeNs + 1);
        if (k < times.length && next >= times[k]) {
            next = times[k];
            if (atInstant.get(k).size() > 1) {
                heldAt = next;
                heldWallNs = 0;
                return new Position(next, atInstant.get(k).get(0));
            }
        }
        heldAt = -1;
        return new Position(next, null);
    }

    /** Whether the clock stands at an instant of several steps, telling them one by one. */
    boolean holding(long timeNs) {
        return heldAt == timeNs;
    }

    static String figure(double speed) {
        if (speed >= 1) {
            return String.format(Locale.ROOT, "%.1f", speed);
        }
        if (speed >= 0.01) {
            return String.format(Locale.ROOT, "%.2f", speed);
        }
        // two significant digits however slow: ×0.0072, ×0.000050
        int decimals = Math.min(9, 1 - (int) Math.floor(Math.log10(speed)));
        return String.format(Locale.ROOT, "%." + decimals + "f", speed);
    }
}
