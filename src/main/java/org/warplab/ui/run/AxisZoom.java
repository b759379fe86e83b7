package org.warplab.ui.run;

import java.util.function.DoubleUnaryOperator;
import javafx.geometry.Point2D;
import javafx.geometry.Side;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * The mouse wheel zooms a chart's number axis about the pointer, never beyond the values plotted
 * (a double click shows them all again): the Sweep chart's swept values, the Compare chart's
 * decades. The probe chart, drawn on a canvas of its own, zooms its time axis the same way.
 */
final class AxisZoom {

    /** The range the axis may show, as [low, high], read when the wheel turns (the data change); null while nothing is plotted. */
    interface Range {
        double[] get();
    }

    private AxisZoom() {
    }

    /**
     * Lets the wheel over {@code chart} zoom {@code axis} (either of its axes); {@code minSpan} is the
     * narrowest range worth showing, {@code tickUnit} the tick spacing for a shown span.
     */
    static void install(XYChart<?, ?> chart, NumberAxis axis, Range range, double minSpan, DoubleUnaryOperator tickUnit, Runnable showAll) {
        boolean vertical = axis.getSide() == Side.LEFT || axis.getSide() == Side.RIGHT;
        chart.setOnScroll(e -> {
            if (e.getDeltaY() == 0) {
                return;
            }
            Point2D inAxis = axis.sceneToLocal(e.getSceneX(), e.getSceneY());
            double at = axis.getValueForDisplay(vertical ? inAxis.getY() : inAxis.getX()).doubleValue();
            double[] bounds = range.get();
            if (bounds == null) {
                return;
            }
            zoom(axis, bounds[0], bounds[1], minSpan, e.getDeltaY() > 0 ? 0.8 : 1.25, at, tickUnit);
            e.consume();
        });
        chart.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                showAll.run();
            }
        });
    }

    /**
     * Narrows (factor below 1) or widens {@code axis} about the value {@code at}, keeping within
     * [min, max] and no narrower than {@code minSpan}; false when there is nothing to zoom.
     */
    static boolean zoom(NumberAxis axis, double min, double max, double minSpan, double factor, double at, DoubleUnaryOperator tickUnit) {
        double low = axis.getLowerBound();
        double high = axis.getUpperBound();
        double span = Math.min(max - min, Math.max(minSpan, (high - low) * factor));
        if (!(span > 0) || !(high > low)) {
            return false;
        }
        double fraction = Math.max(0, Math.min(1, (at - low) / (high - low)));
        double start = Math.max(min, Math.min(max - span, at - span * fraction));
        axis.setAutoRanging(false);
        axis.setLowerBound(start);
        axis.setUpperBound(start + span);
        axis.setTickUnit(tickUnit.applyAsDouble(span));
        return true;
    }
}
