package org.warplab.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.warplab.edit.ReplaceNode;
import org.warplab.model.IpAddress;
import org.warplab.model.Vm;
import org.warplab.ui.common.Theme;

/**
 * Pictures of the designer in several states, for a person to look at (run under a display):
 * {@code java -cp ... org.warplab.ui.DesignerShots OUTDIR}. Writes shot-1.png ... shot-8.png.
 */
public final class DesignerShots {

    public static void main(String[] args) {
        Application.launch(ShotsApp.class, args);
    }

    /** Steps through the states, one snapshot each. */
    public static final class ShotsApp extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            Path out = Path.of(getParameters().getRaw().get(0));
            Files.createDirectories(out);
            ShotsWindow shots = ShotsWindow.open(stage, "designer-shots", 1400, 900);
            DesignerWindow window = shots.window();
            window.open(Path.of("sample-labs/paging-paper.warplab.json"));
            TabPane side = (TabPane) stage.getScene().lookup("#side-tabs");
            List<Runnable> steps = List.of(
                    () -> window.model().select("vm1"),
                    () -> side.getSelectionModel().select(1),
                    () -> window.model().select("MIG1"),
                    () -> {
                        Vm vm = window.model().lab().node("vm1", Vm.class).orElseThrow();
                        window.model().perform(new ReplaceNode("Change vm1", vm, new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(),
                                List.of(IpAddress.parse("10.9.9.9")), vm.mac(), vm.memoryMiB(), vm.diskGiB(), vm.dirtyPagesPerSecond(),
                                vm.announce(), vm.runtime())));
                        window.model().select("W4");
                    },
                    () -> {
                        window.model().undo();
                        stage.getScene().getRoot().getStyleClass().add("dark");
                        window.canvas().themeProperty().set(Theme.DARK);
                        window.model().select("R1");
                    },
                    () -> {
                        stage.getScene().getRoot().getStyleClass().remove("dark");
                        window.canvas().themeProperty().set(Theme.LIGHT);
                        window.model().replaceDocument(org.warplab.model.Lab.empty("Untitled lab"), null);
                    },
                    () -> {
                        window.model().replaceDocument(BenchLabs.generate(500), null);
                        window.canvas().fit();
                    },
                    () -> {
                        window.canvas().actualSize();
                        window.canvas().zoomBy(2, 300, 200);
                    });
            step(stage, window, steps, 0, out, shots);
        }

        private void step(Stage stage, DesignerWindow window, List<Runnable> steps, int i, Path out, ShotsWindow shots) {
            if (i == steps.size()) {
                shots.finish();
                return;
            }
            steps.get(i).run();
            PauseTransition wait = new PauseTransition(Duration.millis(400));
            wait.setOnFinished(e -> {
                try {
                    ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                            out.resolve("shot-" + (i + 1) + ".png").toFile());
                } catch (Exception ex) {
                    System.err.println(ex.getMessage());
                }
                step(stage, window, steps, i + 1, out, shots);
            });
            wait.play();
        }
    }
}
