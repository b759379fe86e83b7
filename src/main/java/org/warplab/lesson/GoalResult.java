package org.warplab.lesson;

import org.warplab.model.lesson.Goal;

/**
 * How a lab fared on one goal.
 *
 * @param goal the goal, in words ("client gap of m1 at most 200 ms")
 * @param measured the figure the verdict rests on ("412.3 ms", "3 routers")
 * @param why one sentence a student can act on
 */
public record GoalResult(Goal source, String goal, boolean passed, String measured, String why) {

    /** "PASS client gap of m1 at most 200 ms: 41.2 ms (why)". */
    public String line() {
        return (passed ? "PASS " : "FAIL ") + goal + ": " + measured + " — " + why;
    }
}
