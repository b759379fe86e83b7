package org.warplab.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.warplab.testing.TestRuntimes;

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
            Preferences prefs = Preferences.userRoot().node("org/warplab/designer-label-shots-" + System.nanoTime());
            DesignerWindow window = new DesignerWindow(stage, new DesignerSettings(prefs), null, TestRuntimes.real());
            stage.setWidth(1280);
            stage.setHeight(720);
            stage.show();
            shoot(stage, window, raw.subList(1, raw.size()), 0, out, prefs);
        }

        private void shoot(Stage stage, DesignerWindow window, List<String> labs, int i, Path out, Preferences prefs) {
            if (i == labs.size()) {
                try {
                    prefs.removeNode();
                } catch (Exception e) {
                    System.err.println(e.getMessage());
                }
                Platform.exit();
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
                    shoot(stage, window, labs, i + 1, out, prefs);
                });
                wait.play();
            });
            settle.play();
        }
    }
}
