package org.warplab.ui.designer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.io.LabFiles;
import org.warplab.model.Testbed;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/** The lab's testbed profile is chosen in the inspector (nothing selected), is one undo step, and is saved in the lab. */
@ExtendWith(ApplicationExtension.class)
class TestbedChooserTest {
    @TempDir
    static Path temp;

    private DesignerWindow window;
    private TestWindows.Opened opened;
    private Path copy;

    @Start
    void start(Stage stage) throws Exception {
        opened = TestWindows.open(stage, "testbed-chooser-test", temp.resolve("recovery-" + System.nanoTime() + ".warplab.json"));
        window = opened.window();
        copy = temp.resolve("paging-" + System.nanoTime() + ".warplab.json");
        Files.copy(Path.of("sample-labs/paging-paper.warplab.json"), copy);
        window.open(copy);
    }

    @AfterEach
    void forget() throws Exception {
        opened.forget();
    }

    @Test
    void choosingATestbedChangesTheLabIsUndoneInOneStepAndIsSaved(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#tab-inspector");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<String> chooser = robot.lookup("#inspector-field-testbed").queryAs(ComboBox.class);
        assertEquals("ideal", chooser.getValue());
        robot.clickOn(chooser);
        robot.clickOn(Testbed.PAPER_000.key());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Testbed.PAPER_000, window.model().lab().testbed());
        assertEquals("Undo Change testbed", window.model().undoLabelProperty().get());
        String overheads = robot.lookup("#inspector-field-overheads").queryAs(javafx.scene.control.TextField.class).getText();
        assertTrue(overheads.contains("log-normal"), "the profile's values are shown: " + overheads);

        robot.clickOn("#tab-inspector"); // focus away from the chooser, then the Edit menu's Undo key
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Testbed.IDEAL, window.model().lab().testbed(), "one undo step");
        assertEquals("ideal", robot.lookup("#inspector-field-testbed").queryAs(ComboBox.class).getValue(), "the chooser follows the lab");
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> window.model().redo());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Testbed.PAPER_000, window.model().lab().testbed());

        robot.clickOn("#tab-inspector"); // focus away from the chooser
        robot.push(KeyCode.CONTROL, KeyCode.S);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Testbed.PAPER_000, LabFiles.load(copy).lab().testbed(), "saved in the lab file");
        if (System.getProperty("warplab.shots") != null) {
            WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
                javafx.scene.image.WritableImage image = window.stage().getScene().snapshot(null);
                try {
                    javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                            Path.of(System.getProperty("warplab.shots")).toFile());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
