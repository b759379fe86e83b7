package org.warplab.live;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending a process we started and asked to stop: it gets a grace period, then it is killed. */
public final class ProcessEnd {

    /** How long a killed process is waited for, so that its pid and resources are gone when we go on. */
    private static final long KILLED_WAIT_SECONDS = 5;

    private ProcessEnd() {
    }

    /** Waits up to {@code grace} for {@code process} to end by itself, then kills it (at once when interrupted). */
    public static void within(Process process, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(KILLED_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
