package org.warplab.ui.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.warplab.ui.ShotsWindow;
import org.warplab.ui.DesignerWindow;

/**
 * Pictures of the bottom tabs at 1280×720 for a person to look at (under a display, e.g. Xvfb):
 * {@code java -cp ... org.warplab.ui.run.BottomTabShots OUTDIR LAB} runs LAB, then writes
 * event-log.png (the Run tab at mid-replay), readout.png (the readout given most of the window),
 * compare.png and sweep.png (each after its runs), all scene snapshots of a 1280×720 window
 * (or of the size given as a third argument, e.g. 1600x1000).
 */
public final class BottomTabShots {

    public static void main(String[] args) {
        Application.launch(ShotsApp.class, args);
    }

    public static final class ShotsApp extends Application {
        private Stage stage;
        private DesignerWindow window;
        private Path out;
        private ShotsWindow shots;

        @Override
        public void start(Stage primary) throws Exception {
            stage = primary;
            List<String> raw = getParameters().getRaw();
            out = Path.of(raw.get(0));
            Files.createDirectories(out);
            String[] size = (raw.size() > 2 ? raw.get(2) : "1280x720").split("x");
            shots = ShotsWindow.open(stage, "bottom-shots", Double.parseDouble(size[0]), Double.parseDouble(size[1]));
            window = shots.window();
            window.open(Path.of(raw.get(1)));
            window.runLab();
            when(() -> !window.runPane().isRunning() && window.runPane().recordProperty().get() != null, () -> {
                SplitPane middle = (SplitPane) stage.getScene().lookup("#middle-split");
                middle.setDividerPositions(0.45);
                window.bottomTabs().getSelectionModel().select(2);
                window.runPane().seek((long) (window.runPane().recordProperty().get().result().endNs() * 0.4));
                later(() -> {
                    shoot("event-log.png");
                    middle.setDividerPositions(0.15);
                    later(() -> {
                        shoot("readout.png");
                        middle.setDividerPositions(0.45);
                        window.bottomTabs().getSelectionModel().select(3);
                        window.comparePane().start();
                        when(() -> !window.comparePane().isRunning(), () -> later(() -> {
                            shoot("compare.png");
                            window.bottomTabs().getSelectionModel().select(4);
                            window.sweepPane().start();
                            when(() -> !window.sweepPane().isRunning(), () -> later(() -> {
                                shoot("sweep.png");
                                shots.finish();
                            }));
                        }));
                    });
                });
            });
        }

        private void shoot(String name) {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", out.resolve(name).toFile());
                System.out.println("wrote " + out.resolve(name));
            } catch (Exception e) {
                System.err.println(e.getMessage());
            }
        }

        private static void later(Runnable action) {
            PauseTransition wait = new PauseTransition(Duration.millis(1200));
            wait.setOnFinished(e -> action.run());
            wait.play();
        }

        private static void when(java.util.function.BooleanSupplier ready, Runnable action) {
            PauseTransition wait = new PauseTransition(Duration.millis(300));
            wait.setOnFinished(e -> {
                if (ready.getAsBoolean()) {
                    action.run();
                } else {
                    wait.playFromStart();
                }
            });
            wait.play();
        }
    }
}
