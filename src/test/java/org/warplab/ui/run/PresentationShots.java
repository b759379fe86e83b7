package org.warplab.ui.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.warplab.ui.ShotsWindow;
import org.warplab.ui.DesignerWindow;

/**
 * Pictures of presentation mode for a person to look at (under a display, e.g. Xvfb :91):
 * {@code PresentationShots OUTDIR LAB WIDTH HEIGHT STEP...} runs LAB, presents it in a WIDTH×HEIGHT
 * window and writes present-STEP.png (the window's scene) for each story step number (from 1).
 */
public final class PresentationShots {

    public static void main(String[] args) {
        Application.launch(ShotsApp.class, args);
    }

    public static final class ShotsApp extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            List<String> raw = getParameters().getRaw();
            Path out = Path.of(raw.get(0));
            Files.createDirectories(out);
            ShotsWindow shots = ShotsWindow.open(stage, "present-shots", 1400, 900);
            DesignerWindow window = shots.window();
            window.open(Path.of(raw.get(1)));
            double width = Double.parseDouble(raw.get(2));
            double height = Double.parseDouble(raw.get(3));
            List<Integer> steps = new ArrayList<>();
            raw.subList(4, raw.size()).forEach(s -> steps.add(Integer.parseInt(s)));
            window.runLab();
            PauseTransition wait = new PauseTransition(Duration.millis(300));
            wait.setOnFinished(e -> {
                if (window.runPane().isRunning() || window.runPane().recordProperty().get() == null) {
                    wait.playFromStart();
                    return;
                }
                window.runPane().present(false, width, height);
                window.runPane().presentation().stage().setX(0);
                window.runPane().presentation().stage().setY(0);
                shoot(window, steps, 0, out, shots);
            });
            wait.play();
        }

        private void shoot(DesignerWindow window, List<Integer> steps, int i, Path out, ShotsWindow shots) {
            if (i == steps.size()) {
                shots.finish();
                return;
            }
            RunPane run = window.runPane();
            run.seek(0);
            run.stepStory(steps.get(i));
            PauseTransition settle = new PauseTransition(Duration.millis(1200));
            settle.setOnFinished(e -> {
                try {
                    javafx.scene.Scene scene = run.presentation().stage().getScene();
                    Path file = out.resolve("present-" + steps.get(i) + ".png");
                    ImageIO.write(StoryFrames.toAwt(scene.snapshot(null)), "png", file.toFile());
                    System.out.println(file + ": " + run.stepper().currentStep().id());
                } catch (Exception ex) {
                    System.err.println(ex.getMessage());
                }
                shoot(window, steps, i + 1, out, shots);
            });
            settle.play();
        }
    }
}
