package org.warplab.ui.run;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.warplab.run.ProbeSeries;
import org.warplab.ui.common.CanvasChart;

/**
 * Round trip of every probe against when it was sent: echoed probes as dots, lost ones as red
 * ticks on the axis, the client's largest gap shaded, the playhead when replaying.
 */
final class ProbeChart extends CanvasChart {
    private static final Color LOST = Color.web("#d62828");
    private ProbeSeries series = new ProbeSeries(List.of());
    private long endNs = 1;
    /** The part of the run shown: all of it until the mouse wheel zooms in (a double click shows all again). */
    private long viewStartNs = 0;
    private long viewEndNs = 1;
    private long gapStartNs = -1;
    private long gapEndNs = -1;
    private long gapNs = -1;
    private long timeNs = -1;
    private List<String> flows = List.of();
    private final javafx.scene.shape.Line playhead = playheadLine(1.5);

    ProbeChart() {
        setMinHeight(140);
        setPrefHeight(200);
        setOnScroll(e -> {
            double pw = Math.max(10, getWidth() - LEFT - RIGHT);
            double fraction = Math.max(0, Math.min(1, (e.getX() - LEFT) / pw));
            zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, fraction);
            e.consume();
        });
        setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                showAll();
            }
        });
    }

    /** Zooms the time axis by {@code factor} (below 1: in) about the point {@code fraction} of the way across it. */
    void zoom(double factor, double fraction) {
        double span = viewEndNs - viewStartNs;
        double at = viewStartNs + span * fraction;
        double newSpan = Math.max(1_000_000, Math.min(endNs, span * factor)); // at least 1 ms shown, at most the run
        long start = Math.round(Math.max(0, Math.min(endNs - newSpan, at - newSpan * fraction)));
        viewStartNs = start;
        viewEndNs = Math.round(start + newSpan);
        repaint();
        placePlayhead();
    }

    void showAll() {
        viewStartNs = 0;
        viewEndNs = endNs;
        repaint();
        placePlayhead();
    }

    /** The times shown, for tests: {start, end} in ns. */
    long[] view() {
        return new long[] {viewStartNs, viewEndNs};
    }

    private double xOf(long tNs, double pw) {
        return LEFT + pw * (double) (tNs - viewStartNs) / Math.max(1, viewEndNs - viewStartNs);
    }

    /** @param gapNs the client gap the run reports; its interval is found in the series (the longest wait between echoes) */
    void setData(ProbeSeries series, long endNs, long gapNs) {
        this.series = series;
        this.flows = series.flows();
        this.endNs = Math.max(1, endNs);
        viewStartNs = 0;
        viewEndNs = this.endNs;
        this.gapNs = gapNs;
        gapStartNs = -1;
        gapEndNs = -1;
        for (String flow : flows) {
            long last = -1;
            for (ProbeSeries.Probe p : series.probes()) {
                if (!p.flow().equals(flow) || p.status() != ProbeSeries.Status.ECHOED) {
                    continue;
                }
                if (last >= 0 && p.echoedNs() - last > gapEndNs - gapStartNs) {
                    gapStartNs = last;
                    gapEndNs = p.echoedNs();
                }
                last = Math.max(last, p.echoedNs());
            }
        }
        repaint();
    }

    void setTime(long timeNs) {
        this.timeNs = timeNs;
        placePlayhead();
    }

    private static final double LEFT = 52;
    private static final double RIGHT = 12;
    private static final double TOP = 22;
    private static final double BOTTOM = 28;

    @Override
    protected void placePlayhead() {
        double pw = Math.max(10, canvas.getWidth() - LEFT - RIGHT);
        double ph = Math.max(10, canvas.getHeight() - TOP - BOTTOM);
        double x = xOf(timeNs, pw);
        playhead.setStroke(theme.selection());
        playhead.setStartX(x);
        playhead.setEndX(x);
        playhead.setStartY(TOP);
        playhead.setEndY(TOP + ph);
        playhead.setVisible(timeNs >= viewStartNs && timeNs <= viewEndNs);
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double left = LEFT;
        double top = TOP;
        double pw = Math.max(10, w - LEFT - RIGHT);
        double ph = Math.max(10, h - TOP - BOTTOM);
        g.setFont(Font.font(theme.fontFamily(), 11));
        g.setFill(theme.text());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("Round trip (ms) by send time (ms) · red: lost" + (gapNs >= 0 ? " · shaded: gap " + TraceText.ms(gapNs) : ""), left, 4);
        long maxRtt = 1;
        for (ProbeSeries.Probe p : series.probes()) {
            maxRtt = Math.max(maxRtt, p.roundTripNs());
        }
        double yMax = niceCeiling(maxRtt / 1e6 * 1.15);
        if (gapStartNs >= 0) {
            double x0 = Math.max(left, xOf(gapStartNs, pw));
            double x1 = Math.min(left + pw, xOf(gapEndNs, pw));
            g.setFill(LOST.deriveColor(0, 1, 1, 0.15));
            g.fillRect(x0, top, Math.max(2, x1 - x0), ph);
        }
        g.setStroke(theme.mutedText());
        g.setLineWidth(1);
        g.strokeLine(left, top, left, top + ph);
        g.strokeLine(left, top + ph, left + pw, top + ph);
        g.setFill(theme.mutedText());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double y = top + ph - ph * i / 4;
            g.fillText(format(v), left - 6, y);
            g.setStroke(theme.grid());
            g.strokeLine(left + 1, y, left + pw, y);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (AxisLabel label : timeLabels(w, viewStartNs, viewEndNs, g.getFont())) {
            g.fillText(label.text(), label.left(), top + ph + 4);
        }
        int n = flows.size();
        for (ProbeSeries.Probe p : series.probes()) {
            if (p.sentNs() < viewStartNs || p.sentNs() > viewEndNs) {
                continue;
            }
            double x = xOf(Math.max(0, p.sentNs()), pw);
            if (p.status() == ProbeSeries.Status.ECHOED) {
                double y = top + ph - ph * (p.roundTripNs() / 1e6) / yMax;
                g.setFill(n > 1 ? phaseColour(flows.indexOf(p.flow())) : Color.web("#1e6fd9"));
                g.fillOval(x - 2, y - 2, 4, 4);
            } else if (p.status() == ProbeSeries.Status.LOST && p.sentNs() >= 0) {
                g.setStroke(LOST);
                g.setLineWidth(2);
                g.strokeLine(x, top + ph - 10, x, top + ph);
            }
        }
    }

    /** A label of the time axis: its text and where its left edge goes. */
    record AxisLabel(String text, double left, double width) { }

    /**
     * The time axis's labels for a chart {@code w} wide: each centred under its tick, but moved
     * inwards where it would run past the chart's edge (the last one, "4000", was cut in half in the
     * HTML report's picture).
     */
    static java.util.List<AxisLabel> timeLabels(double w, long startNs, long endNs, Font font) {
        double pw = Math.max(10, w - LEFT - RIGHT);
        double xMinMs = startNs / 1e6;
        double xMaxMs = endNs / 1e6;
        double step = niceStep((xMaxMs - xMinMs) / 6);
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        measure.setFont(font);
        java.util.List<AxisLabel> labels = new java.util.ArrayList<>();
        for (double v = Math.ceil(xMinMs / step - 1e-9) * step; v <= xMaxMs + 1e-9; v += step) {
            String text = format(v);
            measure.setText(text);
            double width = measure.getLayoutBounds().getWidth();
            double x = LEFT + pw * ((v - xMinMs) / Math.max(1e-9, xMaxMs - xMinMs));
            double leftEdge = Math.max(0, Math.min(w - width - 1, x - width / 2));
            labels.add(new AxisLabel(text, leftEdge, width));
        }
        return labels;
    }

    private static String format(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    static double niceCeiling(double v) {
        double step = niceStep(v / 4);
        return Math.max(step, Math.ceil(v / step) * step);
    }
}
