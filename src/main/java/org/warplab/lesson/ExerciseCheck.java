package org.warplab.lesson;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.model.lesson.Exercise;
import org.warplab.run.LabRuntime;
import org.warplab.run.RunFailedException;
import org.warplab.run.RunOutcome;

/**
 * Checks one lab against an exercise: the structural goals on the lab, the others on one run of it
 * (only if a goal needs it), stopped when it takes longer than the time cap.
 */
public final class ExerciseCheck {

    /** The seed every check uses, so a student and the teacher see the same figures. */
    public static final long SEED = 1;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "warplab-check-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private ExerciseCheck() {
    }

    /** The results, goal by goal, and the score (passed goals over all goals, 0–100). */
    public record Report(List<GoalResult> results) {
        public Report {
            results = List.copyOf(results);
        }

        public long passed() {
            return results.stream().filter(GoalResult::passed).count();
        }

        public boolean allPassed() {
            return passed() == results.size();
        }

        public double score() {
            return results.isEmpty() ? 0 : 100.0 * passed() / results.size();
        }
    }

    public static Report check(Lab lab, Exercise exercise, LabRuntime runtime, long timeCapMs) throws InterruptedException {
        Goals.RunAttempt run = exercise.goals().stream().anyMatch(Goals::needsRun) ? run(lab, runtime, timeCapMs)
                : Goals.RunAttempt.failed("no goal needs a run");
        return new Report(Goals.evaluate(exercise.goals(), lab, run));
    }

    /** One run of {@code lab}, or why there is none: errors, a runtime that cannot run it, a failure, the time cap. */
    public static Goals.RunAttempt run(Lab lab, LabRuntime runtime, long timeCapMs) throws InterruptedException {
        List<Problem> problems = LabValidator.validate(lab);
        Optional<Problem> error = problems.stream().filter(Problem::isError).findFirst();
        if (error.isPresent()) {
            return Goals.RunAttempt.failed("the lab has errors (first: " + error.get().message() + ")");
        }
        Optional<String> unavailable = runtime.unavailable(lab);
        if (unavailable.isPresent()) {
            return Goals.RunAttempt.failed(unavailable.get());
        }
        Thread self = Thread.currentThread();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            timedOut.set(true);
            self.interrupt();
        }, timeCapMs, TimeUnit.MILLISECONDS);
        try {
            RunOutcome outcome = runtime.run(lab, SEED, progress -> { });
            return Goals.RunAttempt.ran(outcome);
        } catch (RunFailedException e) {
            return Goals.RunAttempt.failed("the run failed: " + e.getMessage());
        } catch (InterruptedException | CancellationException e) {
            // the emulator ends an interrupted run with a CancellationException, live mode with InterruptedException
            if (!timedOut.get()) {
                throw e instanceof InterruptedException i ? i : new InterruptedException(e.getMessage());
            }
            return Goals.RunAttempt.failed("the run took longer than the cap of " + timeCapMs + " ms (set a larger one with --time-cap-ms)");
        } finally {
            watchdog.cancel(false);
            // the watchdog may have fired just as the run ended: the cap's interrupt belongs to this run only
            if (timedOut.get()) {
                Thread.interrupted();
            }
        }
    }

}
