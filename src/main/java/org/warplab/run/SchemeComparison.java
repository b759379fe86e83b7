package org.warplab.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.model.SchemeConfig;
import org.warplab.model.SchemeKind;

/**
 * One lab under every scheme it can run and the baselines, on the same topology, migrations and
 * traffic with the same seed: what {@code warplab compare} prints and the designer's Compare tab shows.
 */
public final class SchemeComparison {

    /** One scheme's run: its result, or why it was not run ({@code result} is then null). */
    public record Entry(SchemeKind scheme, RunResult result, String refusal) {
        public boolean ran() {
            return result != null;
        }
    }

    private SchemeComparison() {
    }

    /** The schemes to compare: the lab's own, the others it has settings for, then the baselines. */
    public static List<SchemeKind> schemesOf(Lab lab) {
        Set<SchemeKind> kinds = new LinkedHashSet<>();
        kinds.add(lab.scheme());
        for (SchemeConfig config : lab.schemes()) {
            kinds.add(config.kind());
        }
        for (SchemeKind kind : SchemeKind.values()) {
            if (kind.isBaseline()) {
                kinds.add(kind);
            }
        }
        return new ArrayList<>(kinds);
    }

    /** Every scheme of {@link #schemesOf}, on up to {@code workers} threads; entries in that order, as a serial loop gives them. */
    public static List<Entry> runAll(LabRuntime runtime, Lab lab, long seed, int workers, ParallelRuns.Progress progress,
            ParallelRuns.Cancel cancel) throws ParallelRuns.CancelledException {
        List<java.util.concurrent.Callable<Entry>> tasks = schemesOf(lab).stream()
                .<java.util.concurrent.Callable<Entry>>map(kind -> () -> run(runtime, lab, kind, seed)).toList();
        return ParallelRuns.run(tasks, workers, progress, cancel);
    }

    /** The plan for comparing {@code lab}: one run per scheme, each about as heavy as one run of the lab. */
    public static ParallelRuns.Plan plan(LabRuntime runtime, Lab lab) {
        return ParallelRuns.plan(schemesOf(lab).size(), runtime.heapEstimate(lab));
    }

    /**
     * Runs {@code lab} under {@code scheme}, or says why it cannot (the lab's first error under that
     * scheme, or the runtime's refusal).
     */
    public static Entry run(LabRuntime runtime, Lab lab, SchemeKind scheme, long seed) throws InterruptedException {
        Lab variant = lab.withScheme(scheme);
        Optional<Problem> error = LabValidator.validate(variant).stream().filter(Problem::isError).findFirst();
        if (error.isPresent()) {
            return new Entry(scheme, null, "not applicable: " + error.get().message());
        }
        try {
            return new Entry(scheme, runtime.runForFigures(variant, seed, step -> { }).result(), null);
        } catch (RunFailedException e) {
            return new Entry(scheme, null, "not run: " + e.getMessage());
        }
    }
}
