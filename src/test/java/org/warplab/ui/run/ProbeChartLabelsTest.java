package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Issue 14, point 6: the time axis of the probe chart (the HTML report's picture, 960 px wide) has no label cut at an edge. */
@ExtendWith(ApplicationExtension.class)
class ProbeChartLabelsTest {

    @Start
    void start(Stage stage) {
        // the toolkit is all this test needs: text is measured with the chart's own font
    }

    @Test
    void theMouseWheelZoomsTheTimeAxisAboutThePointer() {
        ProbeChart chart = new ProbeChart();
        chart.resize(600, 200);
        chart.setData(new org.warplab.run.ProbeSeries(List.of()), 4_000_000_000L, -1);
        assertArrayEquals(new long[] {0, 4_000_000_000L}, chart.view());
        chart.fireEvent(new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL, 52 + 536 / 2.0, 100, 0, 0,
                false, false, false, false, false, false, 0, 40, 0, 40, javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
        long[] view = chart.view();
        assertTrue(view[1] - view[0] < 4_000_000_000L, "zoomed in: " + view[0] + ".." + view[1]);
        assertTrue(view[0] > 0 && view[1] < 4_000_000_000L, "about the middle, where the pointer was");
        List<ProbeChart.AxisLabel> labels = ProbeChart.timeLabels(600, view[0], view[1], Font.font("System", 11));
        assertTrue(labels.stream().allMatch(l -> l.left() >= 0 && l.left() + l.width() <= 600), labels.toString());
        chart.showAll();
        assertArrayEquals(new long[] {0, 4_000_000_000L}, chart.view());
    }

    @Test
    void everyTimeLabelLiesInsideTheChart() {
        Font font = Font.font("System", 11);
        for (double width : new double[] {960, 420}) {
            for (long endNs : new long[] {4_000_000_000L, 30_000_000_000L, 1_234_500_000L, 120_000_000_000L}) {
                List<ProbeChart.AxisLabel> labels = ProbeChart.timeLabels(width, 0, endNs, font);
                assertFalse(labels.isEmpty());
                for (ProbeChart.AxisLabel l : labels) {
                    assertTrue(l.left() >= 0 && l.left() + l.width() <= width,
                            "'" + l.text() + "' at " + l.left() + ".." + (l.left() + l.width()) + " in a chart " + width + " wide, run of " + endNs / 1e6 + " ms");
                }
            }
        }
    }
}
