package org.warplab.ui.run;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.SchemeKind;
import org.warplab.run.LabRuntime;
import org.warplab.run.RunOutcome;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.common.Theme;

/**
 * The ways into a side-by-side replay (Run &gt; Replay Beside …, the Compare tab's row menu): makes
 * the two runs off the FX thread and shows them in one {@link SideBySideView} window, which replaces
 * the one shown before. The seed and the status line are the Run view's ({@link RunControl}).
 */
public final class SideBySideRuns {

    private final DesignerModel model;
    private final LabRuntime emulator;
    private final RunControl control;
    private final RunFiles files;
    private final Supplier<Theme> theme;
    private final Supplier<Window> owner;
    private SideBySideView view;

    SideBySideRuns(DesignerModel model, LabRuntime emulator, RunControl control, RunFiles files, Supplier<Theme> theme,
            Supplier<Window> owner) {
        this.model = model;
        this.emulator = emulator;
        this.control = control;
        this.files = files;
        this.theme = theme;
        this.owner = owner;
    }

    /**
     * Runs the open lab in the emulator under its own scheme and under {@code other} (the same seed,
     * topology and traffic, the seed of the run bar) and replays both side by side under one clock:
     * e.g. network paging beside no scheme.
     */
    public void replayBeside(SchemeKind other) {
        Long seed = control.seed();
        if (seed != null) {
            replayBeside(other, seed);
        }
    }

    public void replayBeside(SchemeKind other, long seed) {
        Lab lab = model.lab();
        runThenShow(lab, seed, () -> {
            RunRecord own = emulate(lab, lab.scheme(), seed);
            return new RunRecord[] {own, other == lab.scheme() ? own : emulate(lab, other, seed)};
        });
    }

    /** A saved run (a live one, say) beside an emulated run of the open lab under the same scheme. */
    public void replayBesideSavedRun(Path resultFile) {
        RunRecord saved = files.readSavedRun(resultFile);
        Long seed = control.seed();
        if (saved == null || seed == null) {
            return;
        }
        Lab lab = model.lab();
        SchemeKind scheme = Arrays.stream(SchemeKind.values())
                .filter(k -> k.key().equals(saved.result().scheme())).findFirst().orElse(lab.scheme());
        runThenShow(lab, seed, () -> new RunRecord[] {emulate(lab, scheme, seed), saved});
    }

    /** Asks for a saved run (e.g. a live run's result file) and replays it beside an emulated run of the open lab. */
    public void chooseRunToReplayBeside() {
        files.chooseSavedRunFile().ifPresent(this::replayBesideSavedRun);
    }

    /** The window shown last; null before the first. */
    SideBySideView view() {
        return view;
    }

    /** {@code lab} under {@code scheme} in the emulator: one side of a comparison. */
    private RunRecord emulate(Lab lab, SchemeKind scheme, long seed) throws Exception {
        Lab variant = lab.scheme() == scheme ? lab : lab.withScheme(scheme);
        RunOutcome outcome = emulator.run(variant, seed, line -> { });
        return new RunRecord(variant, outcome.result(), outcome.trace(), outcome.captures());
    }

    /** Makes the two runs off the FX thread, then shows them; the status line says what happened. */
    private void runThenShow(Lab lab, long seed, Callable<RunRecord[]> runs) {
        Label status = control.status();
        if (LabValidator.hasErrors(LabValidator.validate(lab))) {
            status.setText("Fix the problems first (see the Problems tab)");
            return;
        }
        status.setText("Running the two runs to replay side by side (emulator, seed " + seed + ")…");
        Task<RunRecord[]> task = new Task<>() {
            @Override
            protected RunRecord[] call() throws Exception {
                return runs.call();
            }
        };
        task.setOnSucceeded(e -> {
            RunRecord[] pair = task.getValue();
            if (view != null) {
                view.close();
            }
            view = new SideBySideView(model, theme.get(), pair[0], pair[1]);
            view.show(owner.get(), 1280, 720);
            status.setText("Side by side: " + SideBySideView.title(pair[0]) + " beside " + SideBySideView.title(pair[1]) + ", one clock");
        });
        task.setOnFailed(e -> status.setText("The side-by-side runs failed: " + task.getException().getMessage()));
        Thread thread = new Thread(task, "warplab-side-by-side");
        thread.setDaemon(true);
        thread.start();
    }
}
