package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.model.Lab;
import org.warplab.testing.Samples;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/**
 * Issue 14, points 3 and 4: the story stepper, the Compare table and chart and the Sweep chart leave
 * with the lab they were made for; the bottom pane keeps the height the user gave it when tabs
 * change, also when the Configs tab's "Show the Problems tab" is pressed.
 */
@ExtendWith(ApplicationExtension.class)
class ResultsLeaveWithTheirLabTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "results-leave-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    @Test
    void theStoryStepperForgetsTheRunWithItsLab(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(Samples.file("paging-paper")));
        robot.clickOn("#tab-run");
        robot.clickOn("#run-start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.runPane().isRunning() && window.runPane().recordProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.runPane().stepStory(1));
        assertNotNull(window.runPane().stepper().story());
        assertTrue(window.runPane().stepper().currentIndex() >= 0);

        robot.interact(() -> window.model().replaceDocument(Lab.empty("Another lab"), null));
        assertNull(window.runPane().stepper().story(), "no story of the old run");
        assertEquals(-1, window.runPane().stepper().currentIndex());
        assertTrue(robot.lookup("#run-story-next").queryAs(Button.class).isDisabled());
        assertFalse(window.runPane().stepStory(1), "no step to go to");
    }

    @Test
    void theEventLogSaysWhereInTheCanvasNames(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(Samples.file("mipv6-paper")));
        robot.clickOn("#tab-run");
        robot.clickOn("#run-start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.runPane().isRunning() && window.runPane().recordProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Lab lab = window.model().lab();
        TableView<?> log = robot.lookup("#run-log").queryAs(TableView.class);
        assertFalse(log.getItems().isEmpty());
        javafx.scene.control.TableColumn<?, ?> where = log.getColumns().stream().filter(c -> c.getText().equals("where")).findFirst().orElseThrow();
        java.util.Set<String> shown = new java.util.TreeSet<>();
        for (int i = 0; i < log.getItems().size(); i++) {
            Object text = where.getCellData(i);
            if (text != null) {
                shown.add(text.toString());
            }
        }
        assertTrue(shown.stream().anyMatch(t -> t.contains("Home agent router")), shown.toString());
        for (org.warplab.model.Node node : lab.nodes()) {
            if (!node.name().equals(node.id())) {
                assertFalse(shown.contains(node.id()), "the id " + node.id() + " shown where the canvas says " + node.name());
            }
        }
    }

    @Test
    void compareAndSweepResultsLeaveWithTheirLab(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(Samples.file("paging-paper")));
        robot.clickOn("#tab-compare");
        robot.interact(() -> window.comparePane().start());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.comparePane().isRunning());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#compare-table").queryAs(TableView.class);
        assertFalse(table.getItems().isEmpty(), "the comparison ran");
        // the log scale: a few milliseconds and tens of seconds are both bars one can see
        for (var series : window.comparePane().bars().getData()) {
            for (var bar : series.getData()) {
                assertTrue(bar.getNode().getBoundsInParent().getHeight() >= 4, series.getName() + " of " + bar.getXValue() + " is visible");
            }
        }
        // and no cell is cut short
        for (javafx.scene.Node cell : robot.lookup("#compare-table .table-cell").queryAll()) {
            javafx.scene.control.Labeled labeled = (javafx.scene.control.Labeled) cell;
            for (javafx.scene.Node child : labeled.getChildrenUnmodifiable()) {
                if (child instanceof javafx.scene.text.Text shown && labeled.getText() != null) {
                    assertEquals(labeled.getText(), shown.getText(), "a truncated cell");
                }
            }
        }

        robot.clickOn("#tab-sweep");
        robot.interact(() -> {
            robot.lookup("#sweep-from").queryTextInputControl().setText("0");
            robot.lookup("#sweep-to").queryTextInputControl().setText("20");
            robot.lookup("#sweep-step").queryTextInputControl().setText("20");
            window.sweepPane().start();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.sweepPane().isRunning());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.sweepPane().points().isEmpty(), "the sweep ran");
        // the mouse wheel zooms the swept axis
        javafx.scene.chart.LineChart<?, ?> sweepChart = window.sweepPane().chart();
        for (int i = 0; i < 3; i++) {
            robot.interact(() -> {
                javafx.geometry.Bounds b = sweepChart.localToScene(sweepChart.getLayoutBounds());
                double x = b.getCenterX();
                double y = b.getCenterY();
                // the wheel turned away from the user (JavaFX: a positive deltaY)
                sweepChart.fireEvent(new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL, x, y, x, y,
                        false, false, false, false, false, false, 0, 40, 0, 40,
                        javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                        javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
            });
        }
        WaitForAsyncUtils.waitForFxEvents();
        var axis = window.sweepPane().xAxis();
        assertFalse(axis.isAutoRanging(), "zoomed");
        assertTrue(axis.getUpperBound() - axis.getLowerBound() < 20, "narrower than the 0..20 swept: " + axis.getLowerBound() + ".." + axis.getUpperBound());

        robot.interact(() -> window.open(Samples.file("mipv6-paper")));
        assertTrue(table.getItems().isEmpty(), "the old lab's comparison is gone");
        assertTrue(window.comparePane().bars().getData().isEmpty(), "and its chart");
        assertTrue(window.sweepPane().points().isEmpty(), "the old lab's sweep is gone");
        assertTrue(window.sweepPane().chart().getData().isEmpty(), "and its chart");
    }

    @Test
    void theBottomPaneKeepsItsHeightAcrossTabs(FxRobot robot) {
        robot.interact(() -> window.open(Samples.file("segmentation-tenants")));
        SplitPane middle = robot.lookup("#middle-split").queryAs(SplitPane.class);
        robot.interact(() -> middle.setDividerPositions(0.5));
        WaitForAsyncUtils.waitForFxEvents();
        for (int tab = 0; tab < window.bottomTabs().getTabs().size(); tab++) {
            int i = tab;
            robot.interact(() -> window.bottomTabs().getSelectionModel().select(i));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(0.5, middle.getDividerPositions()[0], 0.01, "after selecting " + window.bottomTabs().getTabs().get(i).getText());
        }
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(1));
        robot.interact(() -> robot.lookup("#configs-show-problems").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, window.bottomTabs().getSelectionModel().getSelectedIndex(), "the Problems tab is shown");
        assertEquals(0.5, middle.getDividerPositions()[0], 0.01, "and the divider stayed where the user put it");

        // a bottom area too short for a run view grows once, to the least it needs, and is left there
        robot.interact(() -> middle.setDividerPositions(0.92));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        double grown = middle.getDividerPositions()[0];
        assertTrue(window.bottomTabs().getHeight() >= 300, "the run view has room: " + window.bottomTabs().getHeight());
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(grown, middle.getDividerPositions()[0], 0.01, "Problems does not shrink it back");
    }
}
