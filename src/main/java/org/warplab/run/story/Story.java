package org.warplab.run.story;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;

/**
 * The significant moments of a run's migrations, in time order, each with a caption carrying
 * the run's own figures and one sentence of why. Derived from what every runtime returns
 * ({@link RunResult} + {@link Trace}), so an emulated and a live run tell their story the same way;
 * the CLI prints it, the run view steps through it.
 */
public record Story(String lab, String scheme, String runtime, List<StoryStep> steps) {

    public Story {
        steps = List.copyOf(steps);
    }

    public static Story of(RunResult result, Trace trace) {
        List<StoryStep> steps = new ArrayList<>();
        List<MigrationMetrics> migrations = new ArrayList<>(result.migrations());
        migrations.sort(Comparator.comparingLong(Story::startOf));
        for (int i = 0; i < migrations.size(); i++) {
            MigrationMetrics m = migrations.get(i);
            long end = i + 1 < migrations.size() ? startOf(migrations.get(i + 1)) : Math.max(result.endNs(), lastOf(trace)) + 1;
            MigrationFacts facts = new MigrationFacts(m, result.scheme(), trace, startOf(m), end, result.notes());
            List<StoryStep> chapter = new ArrayList<>(MigrationSteps.of(facts));
            chapter.sort(Comparator.comparingLong(StoryStep::timeNs));
            steps.addAll(chapter);
        }
        return new Story(result.lab(), result.scheme(), result.runtime(), steps);
    }

    private static long startOf(MigrationMetrics m) {
        return m.phases().stream().mapToLong(p -> p.startNs()).min().orElse(0);
    }

    private static long lastOf(Trace trace) {
        return trace.events().isEmpty() ? 0 : trace.events().get(trace.events().size() - 1).timeNs();
    }

    public Optional<StoryStep> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The first step of {@code kind} in migration {@code migration}: how a lesson names a step that stays put when figures change. */
    public Optional<StoryStep> first(String migration, StepKind kind) {
        return steps.stream().filter(s -> s.migration().equals(migration) && s.kind() == kind).findFirst();
    }

    /** The index of the last step at or before {@code timeNs}, or -1 before the first. */
    public int indexAt(long timeNs) {
        int index = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).timeNs() <= timeNs) {
                index = i;
            }
        }
        return index;
    }
}
