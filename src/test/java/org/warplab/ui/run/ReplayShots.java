package org.warplab.ui.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.warplab.model.SchemeKind;
import org.warplab.run.story.StoryStep;
import org.warplab.ui.ShotsWindow;
import org.warplab.ui.DesignerWindow;

/**
 * Pictures of the replay's time tools for a person to look at (under a display, e.g. Xvfb :62):
 * {@code ReplayShots OUTDIR LAB} runs LAB in a 1280×720 window and writes scrubber-zoom-1280x720.png
 * (the Run tab, the scrubber zoomed to the downtime ± 50 ms), phase-bar-1280x720.png (the readout's
 * phase bar with its inset, as wide as at 1280×720, drawn at twice the pixels) and side-by-side-1280x720.png (the lab's scheme beside no scheme, just
 * after the first rule switch); with a third argument, a saved run's result file (a live run), also
 * side-by-side-live-1280x720.png: that run beside an emulated one.
 */
public final class ReplayShots {

    public static void main(String[] args) {
        Application.launch(ShotsApp.class, args);
    }

    public static final class ShotsApp extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            List<String> raw = getParameters().getRaw();
            Path out = Path.of(raw.get(0));
            Files.createDirectories(out);
            ShotsWindow shots = ShotsWindow.open(stage, "replay-shots", 1280, 720);
            DesignerWindow window = shots.window();
            window.open(Path.of(raw.get(1)));
            window.runLab();
            after(() -> !window.runPane().isRunning() && window.runPane().recordProperty().get() != null, () -> {
                RunPane run = window.runPane();
                StoryStep switched = run.stepper().story().steps().stream().filter(s -> s.kind().key().equals("rule-switched")).findFirst()
                        .orElse(run.stepper().story().steps().get(run.stepper().story().steps().size() / 2));
                long t = switched.timeNs() + 500_000;
                run.seek(t);
                run.scrubber().toggleFocus();
                pause(1200, () -> {
                    write(stage.getScene().getRoot(), out.resolve("scrubber-zoom-1280x720.png"));
                    javafx.scene.SnapshotParameters twice = new javafx.scene.SnapshotParameters();
                    twice.setTransform(javafx.scene.transform.Transform.scale(2, 2));
                    write(run.readout().phaseBar(), twice, out.resolve("phase-bar-1280x720.png"));
                    run.sideBySide().replayBeside(SchemeKind.NONE, 1);
                    after(() -> run.sideBySide().view() != null && run.sideBySide().view().stage().isShowing(), () -> {
                        SideBySideView view = run.sideBySide().view();
                        view.stage().setX(0);
                        view.stage().setY(0);
                        view.setTime(t);
                        pause(1500, () -> {
                            write(view.stage().getScene().getRoot(), out.resolve("side-by-side-1280x720.png"));
                            view.scrubber().toggleFocus();
                            pause(600, () -> {
                                write(view.stage().getScene().getRoot(), out.resolve("side-by-side-zoomed-1280x720.png"));
                                if (raw.size() > 2) {
                                    liveBeside(run, Path.of(raw.get(2)), t, out, shots);
                                } else {
                                    shots.finish();
                                }
                            });
                        });
                    });
                });
            });
        }

        /** A saved (live) run beside an emulated one at the same instant: side-by-side-live-1280x720.png. */
        private static void liveBeside(RunPane run, Path saved, long t, Path out, ShotsWindow shots) {
            SideBySideView before = run.sideBySide().view();
            run.sideBySide().replayBesideSavedRun(saved);
            after(() -> run.sideBySide().view() != before && run.sideBySide().view() != null && run.sideBySide().view().stage().isShowing(), () -> {
                SideBySideView view = run.sideBySide().view();
                view.stage().setX(0);
                view.stage().setY(0);
                view.setTime(t);
                pause(1500, () -> {
                    write(view.stage().getScene().getRoot(), out.resolve("side-by-side-live-1280x720.png"));
                    shots.finish();
                });
            });
        }

        private static void after(java.util.function.BooleanSupplier ready, Runnable then) {
            PauseTransition wait = new PauseTransition(Duration.millis(300));
            wait.setOnFinished(e -> {
                if (!ready.getAsBoolean()) {
                    wait.playFromStart();
                    return;
                }
                then.run();
            });
            wait.play();
        }

        private static void pause(long ms, Runnable then) {
            PauseTransition wait = new PauseTransition(Duration.millis(ms));
            wait.setOnFinished(e -> then.run());
            wait.play();
        }

        private static void write(Node node, Path file) {
            write(node, null, file);
        }

        private static void write(Node node, javafx.scene.SnapshotParameters parameters, Path file) {
            try {
                ImageIO.write(StoryFrames.toAwt(node.snapshot(parameters, null)), "png", file.toFile());
                System.out.println(file);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
