package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.text.Text;
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
 * Issue 14, point 4, at 1280×720: the event log shows its time and event columns in view and no
 * cell of the time, event and where columns cut short (the rest is reached by scrolling), and the Compare chart zooms with the mouse wheel like
 * the probe and sweep charts.
 */
@ExtendWith(ApplicationExtension.class)
class ReadableAt1280Test {

    private DesignerWindow window;
    private TestWindows.Opened opened;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        opened = TestWindows.open(stage, "readable-1280-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    private void openAt1280(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
            window.open(Samples.file("paging-paper"));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theEventLogShowsItsTimeEventAndWhereColumnsWhole(FxRobot robot) throws Exception {
        openAt1280(robot);
        robot.clickOn("#tab-run");
        robot.clickOn("#run-start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.runPane().isRunning() && window.runPane().recordProperty().get() != null);
        // the bottom area given most of the window, so the log shows rows (mid-replay: state changes of every kind)
        robot.interact(() -> {
            ((javafx.scene.control.SplitPane) stage.getScene().lookup("#middle-split")).setDividerPositions(0.15);
            window.runPane().seek((long) (window.runPane().recordProperty().get().result().endNs() * 0.4));
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<String> problems = TestWindows.fx(() -> {
            List<String> out = new ArrayList<>();
            TableView<?> log = robot.lookup("#run-log").queryAs(TableView.class);
            if (log.lookupAll(".table-row-cell").stream().noneMatch(r -> ((javafx.scene.control.TableRow<?>) r).getItem() != null)) {
                out.add("the log shows no rows");
            }
            double right = 0;
            for (TableColumn<?, ?> column : log.getColumns()) {
                if (column.getText().equals("where")) {
                    break;
                }
                right += column.getWidth();
            }
            if (right > log.getWidth()) {
                out.add("time and event need " + right + " px, the log is " + log.getWidth() + " px wide");
            }
            for (Node cell : log.lookupAll(".table-cell")) {
                Labeled labeled = (Labeled) cell;
                boolean what = labeled instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                        && c.getTableColumn().getText().equals("what");
                if (what || labeled.getText() == null || !labeled.isVisible()) {
                    continue;
                }
                for (Node child : labeled.getChildrenUnmodifiable()) {
                    if (child instanceof Text shown && !shown.getText().equals(labeled.getText())) {
                        out.add("'" + labeled.getText() + "' shown as '" + shown.getText() + "'");
                    }
                }
            }
            return out;
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void theCompareChartZoomsWithTheMouseWheel(FxRobot robot) throws Exception {
        openAt1280(robot);
        robot.clickOn("#tab-compare");
        robot.interact(() -> window.comparePane().start());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.comparePane().isRunning());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.comparePane().rows().isEmpty(), "the comparison ran");
        var bars = window.comparePane().bars();
        NumberAxis axis = (NumberAxis) bars.getYAxis();
        double top = TestWindows.fx(axis::getUpperBound);
        assertEquals(0, TestWindows.fx(axis::getLowerBound), 1e-9);
        assertTrue(top >= 2, "the comparison spans decades: " + top);
        for (int i = 0; i < 4; i++) {
            robot.interact(() -> {
                Bounds b = bars.localToScene(bars.getLayoutBounds());
                double x = b.getCenterX();
                double y = b.getCenterY();
                // the wheel turned away from the user (JavaFX: a positive deltaY) zooms in
                bars.fireEvent(new ScrollEvent(ScrollEvent.SCROLL, x, y, x, y, false, false, false, false, false, false, 0, 40, 0, 40,
                        ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
            });
        }
        double low = TestWindows.fx(axis::getLowerBound);
        double high = TestWindows.fx(axis::getUpperBound);
        assertTrue(high - low < top, "zoomed in: " + low + " to " + high + " of 0 to " + top);
        assertTrue(high - low >= 1 - 1e-9, "never narrower than a decade: " + low + " to " + high);
        assertTrue(low >= 0 && high <= top + 1e-9, "within the decades plotted: " + low + " to " + high);
        // a double click shows every decade again
        robot.interact(() -> {
            Bounds b = bars.localToScene(bars.getLayoutBounds());
            bars.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, b.getCenterX(), b.getCenterY(), b.getCenterX(), b.getCenterY(),
                    MouseButton.PRIMARY, 2, false, false, false, false, true, false, false, true, false, true, null));
        });
        assertEquals(0, TestWindows.fx(axis::getLowerBound), 1e-9);
        assertEquals(top, TestWindows.fx(axis::getUpperBound), 1e-9);
    }
}
