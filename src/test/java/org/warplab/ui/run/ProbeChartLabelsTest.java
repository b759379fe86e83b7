package org.warplab.ui.run;

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
    void everyTimeLabelLiesInsideTheChart() {
        Font font = Font.font("System", 11);
        for (double width : new double[] {960, 420}) {
            for (long endNs : new long[] {4_000_000_000L, 30_000_000_000L, 1_234_500_000L, 120_000_000_000L}) {
                List<ProbeChart.AxisLabel> labels = ProbeChart.timeLabels(width, 300, endNs, font);
                assertFalse(labels.isEmpty());
                for (ProbeChart.AxisLabel l : labels) {
                    assertTrue(l.left() >= 0 && l.left() + l.width() <= width,
                            "'" + l.text() + "' at " + l.left() + ".." + (l.left() + l.width()) + " in a chart " + width + " wide, run of " + endNs / 1e6 + " ms");
                }
            }
        }
    }
}
