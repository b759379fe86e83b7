package org.warplab.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Pictures of the designer at a projector's 1280×720 with each lab named, fitted, for a person to
 * look at the labels (run under a display):
 * {@code java -cp ... org.warplab.ui.DesignerLabelShots OUTDIR LAB.warplab.json...}; writes NAME-1280x720.png.
 */
public final class DesignerLabelShots {

    public static void main(String[] args) {
        Application.launch(ShotsApp.class, args);
    }

    public static final class ShotsApp extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            List<String> raw = getParameters().getRaw();
            Path out = Path.of(raw.get(0));
            Files.createDirectories(out);
            ShotsWindow shots = ShotsWindow.open(stage, "designer-label-shots", 1280, 720);
            DesignerWindow window = shots.window();
            shoot(stage, window, raw.subList(1, raw.size()), 0, out, shots);
        }

        private void shoot(Stage stage, DesignerWindow window, List<String> labs, int i, Path out, ShotsWindow shots) {
            if (i == labs.size()) {
                shots.finish();
                return;
            }
            Path lab = Path.of(labs.get(i));
            window.open(lab);
            PauseTransition settle = new PauseTransition(Duration.millis(600));
            settle.setOnFinished(e -> {
                window.canvas().fit();
                PauseTransition wait = new PauseTransition(Duration.millis(400));
                wait.setOnFinished(f -> {
                    String name = lab.getFileName().toString().replace(".warplab.json", "");
                    try {
                        ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                                out.resolve(name + "-1280x720.png").toFile());
                    } catch (Exception ex) {
                        System.err.println(ex.getMessage());
                    }
                    shoot(stage, window, labs, i + 1, out, shots);
                });
                wait.play();
            });
            settle.play();
        }
    }
}
