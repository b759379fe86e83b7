package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.testing.Samples;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/**
 * A run at a projector's 1280×720 gets the window's width: the palette and the side tabs step
 * aside while a run view is shown, the readout's figures are on screen without scrolling, the
 * user can bring the panels back (Ctrl+B) and keeps that choice, and designing brings them back.
 * A wide window keeps them.
 */
@ExtendWith(ApplicationExtension.class)
class RunViewRoomTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        opened = TestWindows.open(stage, "run-view-room-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    private void openAt(FxRobot robot, double width, double height, java.nio.file.Path lab) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
            window.open(lab);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void runAt(FxRobot robot, double width, double height) throws Exception {
        openAt(robot, width, height, Samples.file("paging-paper"));
        robot.interact(window::runLab);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.runPane().isRunning() && window.runPane().recordProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean shown(FxRobot robot, String query) {
        return TestWindows.fx(() -> robot.lookup(query).tryQuery().map(n -> n.getScene() != null && n.isVisible()).orElse(false));
    }

    @Test
    void aRunAt1280GetsTheWidthAndTheUserCanBringThePanelsBack(FxRobot robot) throws Exception {
        runAt(robot, 1280, 720);
        assertFalse(shown(robot, "#side-tabs"), "the side tabs stepped aside");
        assertFalse(shown(robot, "#palette-data-center"), "the palette stepped aside");
        double canvasWidth = TestWindows.fx(() -> window.canvas().getWidth());
        assertTrue(canvasWidth > 0.95 * stage.getScene().getWidth(), "the canvas has the window's width: " + canvasWidth);
        assertTrue(TestWindows.fx(() -> window.model().statusProperty().get()).contains("Ctrl+B"), "the status bar says how to bring them back");
        for (String figure : new String[] {"#readout-switching", "#readout-downtime", "#readout-gap", "#readout-lost"}) {
            Bounds bounds = TestWindows.fx(() -> {
                Node node = robot.lookup(figure).query();
                return node.localToScene(node.getBoundsInLocal());
            });
            assertTrue(bounds.getMaxY() <= stage.getScene().getHeight() && bounds.getMaxX() <= stage.getScene().getWidth(),
                    figure + " is on screen without scrolling: " + bounds);
        }

        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shown(robot, "#side-tabs") && shown(robot, "#palette-data-center"), "Ctrl+B brought the panels back");
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(0));
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shown(robot, "#side-tabs"), "the user's choice holds for the next run view");

        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(shown(robot, "#side-tabs"));
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(shown(robot, "#side-tabs"), "panels the user hid stay hidden on the Problems tab too");
    }

    @Test
    void designingAgainBringsThePanelsBack(FxRobot robot) throws Exception {
        runAt(robot, 1280, 720);
        assertFalse(shown(robot, "#side-tabs"));
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shown(robot, "#side-tabs") && shown(robot, "#palette-data-center"), "the Problems tab is for designing: the panels are back");
        assertEquals(3, TestWindows.fx(() -> robot.lookup("#main-split").queryAs(javafx.scene.control.SplitPane.class).getItems().size()),
                "palette, canvas area and side tabs, once each");
    }

    @Test
    void aLessonOnScreenKeepsItsPanelBesideTheRun(FxRobot robot) throws Exception {
        openAt(robot, 1280, 720, Samples.projectDir().resolve("lessons/network-paging/start.warplab.json"));
        assertEquals("tab-lesson", TestWindows.fx(() -> robot.lookup("#side-tabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().getSelectedItem().getId()), "the lab opens on its lesson");
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shown(robot, "#side-tabs"), "the lesson stays beside the run view");
    }

    @Test
    void askingForASideTabBringsThePanelsBack(FxRobot robot) throws Exception {
        runAt(robot, 1280, 720);
        assertFalse(shown(robot, "#side-tabs"));
        robot.interact(() -> window.reveal("MIG1")); // the migration shown in the Plan tab
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shown(robot, "#side-tabs"), "the Plan tab asked for is on screen");
    }

    @Test
    void aWideWindowKeepsThePanels(FxRobot robot) throws Exception {
        runAt(robot, 1600, 1000);
        assertTrue(shown(robot, "#side-tabs") && shown(robot, "#palette-data-center"));
    }
}
