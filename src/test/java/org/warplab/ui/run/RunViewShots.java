package org.warplab.ui.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.ShotsWindow;

/**
 * Pictures of the run view for a person to look at (run under a display, e.g. Xvfb :98):
 * {@code java -cp ... org.warplab.ui.RunViewShots OUTDIR LAB T1 T2 ...} runs LAB in the emulator,
 * then shows the replay at each time (ms) and writes run-1.png, ... (a scene snapshot, and with
 * {@code -Dshots.import=:98} also {@code import -window root} of that display). With
 * {@code -Dshots.width=W -Dshots.height=H} the window's size (1400×900), {@code -Dshots.stretch=true} Stretch on; with
 * {@code -Dshots.saved=R.result.json} it replays that saved run (R.trace.jsonl beside it) instead of running LAB.
 */
public final class RunViewShots {

    public static void main(String[] args) {
        Application.launch(ShotsApp.class, args);
    }

    public static final class ShotsApp extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            List<String> raw = getParameters().getRaw();
            Path out = Path.of(raw.get(0));
            Files.createDirectories(out);
            ShotsWindow shots = ShotsWindow.open(stage, "run-shots", Integer.getInteger("shots.width", 1400), Integer.getInteger("shots.height", 900));
            DesignerWindow window = shots.window();
            window.open(Path.of(raw.get(1)));
            List<Double> times = new ArrayList<>();
            for (String t : raw.subList(2, raw.size())) {
                times.add(Double.parseDouble(t));
            }
            String saved = System.getProperty("shots.saved");
            if (saved != null) {
                window.runPane().openSavedRun(Path.of(saved)); // a saved run (e.g. a live one) replayed, not run again
            } else {
                window.runLab();
            }
            PauseTransition wait = new PauseTransition(Duration.millis(300));
            wait.setOnFinished(e -> {
                if (window.runPane().isRunning() || window.runPane().recordProperty().get() == null) {
                    wait.playFromStart();
                    return;
                }
                // the tab was chosen before the first layout: choose it again so the bottom area takes its run-view height
                window.bottomTabs().getSelectionModel().select(0);
                window.bottomTabs().getSelectionModel().select(2);
                window.runPane().setSpeed(0.01);
                window.runPane().playback().setStretching(Boolean.getBoolean("shots.stretch"));
                PauseTransition settle = new PauseTransition(Duration.millis(600));
                settle.setOnFinished(f -> shoot(stage, window, times, 0, out, shots));
                settle.play();
            });
            wait.play();
        }

        private void shoot(Stage stage, DesignerWindow window, List<Double> times, int i, Path out, ShotsWindow shots) {
            if (i == times.size()) {
                shots.finish();
                return;
            }
            if (i == times.size() - 1 && Boolean.getBoolean("shots.readout")) {
                // the last shot gives the readout most of the window
                ((javafx.scene.control.SplitPane) stage.getScene().lookup("#middle-split")).setDividerPositions(0.2);
            }
            window.canvas().fit();
            window.runPane().seek((long) (times.get(i) * 1e6));
            PauseTransition wait = new PauseTransition(Duration.millis(1500));
            wait.setOnFinished(e -> {
                try {
                    Path file = out.resolve("run-" + (i + 1) + ".png");
                    ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", file.toFile());
                    String display = System.getProperty("shots.import");
                    if (display != null) {
                        new ProcessBuilder(List.of("import", "-display", display, "-window", "root",
                                out.resolve("screen-" + (i + 1) + ".png").toString())).inheritIO().start().waitFor();
                    }
                } catch (Exception ex) {
                    System.err.println(ex.getMessage());
                }
                shoot(stage, window, times, i + 1, out, shots);
            });
            wait.play();
        }
    }
}
