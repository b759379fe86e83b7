package org.warplab.ui.lesson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.warplab.testing.TestRuntimes;
import org.warplab.ui.DesignerSettings;
import org.warplab.ui.DesignerWindow;

/**
 * Pictures of the Lesson panel for docs/lessons.md, for a person to look at (under a display):
 * {@code LessonShots OUTDIR LAB WIDTH HEIGHT ANSWER} opens LAB's lesson in a WIDTH×HEIGHT window,
 * walks to its third step, answers ANSWER (ms), checks the goals and writes lesson-WxH.png, then
 * opens the editor and writes lesson-editor.png; a sixth argument {@code dark} uses the dark theme
 * (and adds -dark to the names).
 */
public final class LessonShots {

    public static void main(String[] args) {
        Application.launch(ShotsApp.class, args);
    }

    public static final class ShotsApp extends Application {
        private Preferences prefs;

        @Override
        public void start(Stage stage) {
            List<String> raw = getParameters().getRaw();
            Path out = Path.of(raw.get(0));
            int width = Integer.parseInt(raw.get(2));
            int height = Integer.parseInt(raw.get(3));
            prefs = Preferences.userRoot().node("org/warplab/lesson-shots-" + System.nanoTime());
            DesignerSettings settings = new DesignerSettings(prefs);
            boolean dark = raw.size() > 5 && raw.get(5).equals("dark");
            settings.setDarkTheme(dark);
            String suffix = dark ? "-dark" : "";
            DesignerWindow window = new DesignerWindow(stage, settings, null, TestRuntimes.real());
            stage.setWidth(width);
            stage.setHeight(height);
            stage.setX(0);
            stage.setY(0);
            stage.show();
            window.open(Path.of(raw.get(1)));
            Scene scene = stage.getScene();
            ((javafx.scene.control.TabPane) scene.lookup("#side-tabs")).getTabs().stream().filter(t -> "tab-lesson".equals(t.getId())).findFirst()
                    .ifPresent(t -> t.getTabPane().getSelectionModel().select(t));
            after(300, () -> {
                click(scene, "#lesson-next");
                click(scene, "#lesson-next");
                ((TextField) scene.lookup("#lesson-number")).setText(raw.get(4));
                click(scene, "#lesson-answer");
                waitIdle(scene, () -> {
                    click(scene, "#lesson-check");
                    waitIdle(scene, () -> after(1200, () -> {
                        shoot(scene, out.resolve("lesson-" + width + "x" + height + suffix + ".png"));
                        click(scene, "#lesson-edit");
                        after(800, () -> {
                            Stage editor = (Stage) javafx.stage.Window.getWindows().stream().filter(w -> w != stage && w.getScene() != null
                                    && w.getScene().lookup("#lesson-editor") != null).findFirst().orElseThrow();
                            editor.getScene().lookup("#lesson-edit-steps").requestFocus();
                            ((javafx.scene.control.ListView<?>) editor.getScene().lookup("#lesson-edit-steps")).getSelectionModel().select(2);
                            after(600, () -> {
                                shoot(editor.getScene(), out.resolve("lesson-editor" + suffix + ".png"));
                                finish();
                            });
                        });
                    }));
                });
            });
        }

        private static void click(Scene scene, String id) {
            ((Button) scene.lookup(id)).fire();
        }

        private static void waitIdle(Scene scene, Runnable then) {
            after(300, () -> {
                if (scene.lookup("#lesson-check").isDisabled()) {
                    waitIdle(scene, then);
                } else {
                    then.run();
                }
            });
        }

        private static void after(long ms, Runnable then) {
            PauseTransition wait = new PauseTransition(Duration.millis(ms));
            wait.setOnFinished(e -> then.run());
            wait.play();
        }

        private static void shoot(Scene scene, Path file) {
            try {
                Files.createDirectories(file.getParent());
                ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", file.toFile());
                System.out.println(file);
            } catch (Exception e) {
                System.err.println(file + ": " + e.getMessage());
            }
        }

        private void finish() {
            try {
                prefs.removeNode();
            } catch (Exception e) {
                System.err.println(e.getMessage());
            }
            Platform.exit();
        }
    }
}
