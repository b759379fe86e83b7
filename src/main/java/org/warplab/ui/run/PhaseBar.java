package org.warplab.ui.run;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.warplab.run.Phase;
import org.warplab.ui.common.CanvasChart;

/**
 * Where a migration's time went: its phases stacked on one bar, to scale, with a legend; the
 * playhead when replaying. Phases too short to see at that scale (the 1 ms rule switch beside 457 ms
 * of pre-copy) get an inset under the bar: the stretch of time that holds them, magnified (to
 * scale within itself, with its own axis and factor), joined to its place on the bar by two
 * leader lines.
 */
final class PhaseBar extends CanvasChart {
    private List<Phase> phases = List.of();
    private long timeNs = -1;
    private final javafx.scene.shape.Line playhead = playheadLine(2);
    /** Where the last paint put the bar, for the playhead: first and last instant shown, and the bar's height. */
    private long shownStartNs;
    private long shownEndNs = -1;
    private double barHeight;
    private static final double LEFT = 8;
    private static final double BAR_Y = 6;
    /** A phase shorter than this share of the whole is a sliver on the bar (under ~9 px in the readout): it goes into the inset. */
    static final double SMALL_SHARE = 0.03;
    private static final double INSET_HEIGHT = 58;
    private final javafx.scene.shape.Line insetPlayhead = playheadLine(2);
    /** The inset's window [start, end] (null: no inset), its bar's top and height as last painted. */
    private long[] inset;
    private double insetY;
    /** Each phase's width in pixels in the inset as last painted (0: not in it), for tests. */
    private double[] insetWidths = new double[0];

    PhaseBar() {
        setMinHeight(84);
        setPrefHeight(96);
    }

    void setPhases(List<Phase> phases) {
        this.phases = List.copyOf(phases);
        inset = insetWindow(this.phases);
        double height = 62 + 16 * Math.ceil(this.phases.size() / 2.0) + (inset == null ? 0 : INSET_HEIGHT);
        setMinHeight(height);
        setPrefHeight(height);
        repaint();
    }

    void setTime(long timeNs) {
        this.timeNs = timeNs;
        placePlayhead();
    }

    @Override
    protected void placePlayhead() {
        boolean shown = !phases.isEmpty() && timeNs >= shownStartNs && timeNs <= shownEndNs;
        playhead.setVisible(shown);
        if (shown) {
            double width = canvas.getWidth() - 2 * LEFT;
            double x = LEFT + width * (timeNs - shownStartNs) / Math.max(1.0, shownEndNs - shownStartNs);
            playhead.setStroke(theme.selection());
            playhead.setStartX(x);
            playhead.setEndX(x);
            playhead.setStartY(BAR_Y - 4);
            playhead.setEndY(BAR_Y + barHeight + 4);
        }
        boolean inInset = inset != null && timeNs >= inset[0] && timeNs <= inset[1];
        insetPlayhead.setVisible(inInset);
        if (inInset) {
            double x = LEFT + (canvas.getWidth() - 2 * LEFT) * (timeNs - inset[0]) / (double) Math.max(1, inset[1] - inset[0]);
            insetPlayhead.setStroke(theme.selection());
            insetPlayhead.setStartX(x);
            insetPlayhead.setEndX(x);
            insetPlayhead.setStartY(insetY - 4);
            insetPlayhead.setEndY(insetY + barHeight + 4);
        }
    }

    /**
     * The stretch of time the inset magnifies: from the first to the last phase shorter than
     * {@link #SMALL_SHARE} of the whole (with a margin of a tenth of it each side, inside the whole);
     * null when no phase is that short, or when those phases spread over most of the bar anyway.
     */
    static long[] insetWindow(List<Phase> phases) {
        if (phases.isEmpty()) {
            return null;
        }
        long start = phases.stream().mapToLong(Phase::startNs).min().orElse(0);
        long end = phases.stream().mapToLong(Phase::endNs).max().orElse(start + 1);
        double span = Math.max(1, end - start);
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Phase p : phases) {
            if (p.durationNs() < SMALL_SHARE * span) {
                from = Math.min(from, p.startNs());
                to = Math.max(to, p.endNs());
            }
        }
        if (from == Long.MAX_VALUE || to - from > span / 2) {
            return null;
        }
        long margin = Math.max(1, (to - from) / 10);
        return new long[] {Math.max(start, from - margin), Math.min(end, Math.max(to + margin, from + margin * 2))};
    }

    long[] inset() {
        return inset == null ? null : inset.clone();
    }

    /** The width each phase was given in the inset at the last paint (0 for a phase outside it). */
    double[] insetWidths() {
        return insetWidths.clone();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        g.setFont(Font.font(theme.fontFamily(), 11));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        if (phases.isEmpty()) {
            g.setFill(theme.mutedText());
            g.fillText("No phases: the run has no migration.", 8, 8);
            return;
        }
        long start = phases.stream().mapToLong(Phase::startNs).min().orElse(0);
        long end = phases.stream().mapToLong(Phase::endNs).max().orElse(start + 1);
        double span = Math.max(1, end - start);
        double left = LEFT;
        double width = w - 2 * LEFT;
        double barY = BAR_Y;
        // phases that overlap (a total beside its parts) go on a lane below, so none hides another
        int[] lane = new int[phases.size()];
        List<Long> laneEnds = new java.util.ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            int l = 0;
            while (l < laneEnds.size() && laneEnds.get(l) > p.startNs()) {
                l++;
            }
            if (l == laneEnds.size()) {
                laneEnds.add(p.endNs());
            } else {
                laneEnds.set(l, p.endNs());
            }
            lane[i] = l;
        }
        int lanes = Math.max(1, laneEnds.size());
        double laneH = lanes == 1 ? 22 : Math.max(8, 30.0 / lanes);
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            double x = left + width * (p.startNs() - start) / span;
            double pw = Math.max(1.5, width * p.durationNs() / span);
            g.setFill(phaseColour(i));
            g.fillRect(x, barY + lane[i] * laneH, pw, laneH - (lanes == 1 ? 0 : 1));
        }
        double barH = laneH * lanes;
        shownStartNs = start;
        shownEndNs = end;
        barHeight = barH;
        g.setStroke(theme.mutedText());
        g.setLineWidth(1);
        g.strokeRect(left, barY, width, barH);
        double y0 = barY + barH + 20;
        insetWidths = new double[phases.size()];
        if (inset != null) {
            y0 = paintInset(g, left, width, barY, barH, lanes, laneH, lane, start, span);
        }
        // the bar's ends, on plates over the inset's leader lines
        String right = TraceText.ms(end) + "  (" + TraceText.ms(end - start) + " in all)";
        javafx.scene.text.Text measure = new javafx.scene.text.Text(right);
        measure.setFont(g.getFont());
        double rightWidth = measure.getLayoutBounds().getWidth();
        measure.setText(TraceText.ms(start));
        g.setFill(theme.background());
        g.fillRect(left, barY + barH + 2, measure.getLayoutBounds().getWidth() + 2, 15);
        g.fillRect(left + width - rightWidth - 2, barY + barH + 2, rightWidth + 2, 15);
        g.setFill(theme.mutedText());
        g.fillText(TraceText.ms(start), left, barY + barH + 3);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(right, left + width, barY + barH + 3);
        g.setTextAlign(TextAlignment.LEFT);
        // two columns when every name fits half the width; else one, so no name is cut
        boolean twoColumns = true;
        for (Phase p : phases) {
            measure.setText(p.name() + "  " + TraceText.ms(p.durationNs()));
            twoColumns &= measure.getLayoutBounds().getWidth() <= width / 2 - 20;
        }
        int perRow = twoColumns ? 2 : 1;
        double wanted = y0 + 16 * Math.ceil(phases.size() / (double) perRow) + 4;
        if (Math.abs(getPrefHeight() - wanted) > 0.5) {
            // the legend's rows decide the height; the layout pass after this one paints again
            setMinHeight(wanted);
            setPrefHeight(wanted);
        }
        double column = width / perRow;
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            double x = left + (i % perRow) * column;
            double y = y0 + (i / perRow) * 16;
            g.setFill(phaseColour(i));
            g.fillRect(x, y + 2, 10, 10);
            g.setFill(theme.text());
            g.fillText(fitted(p.name(), "  " + TraceText.ms(p.durationNs()), g.getFont(), column - 20), x + 14, y);
        }
    }

    /** The inset under the bar: its window magnified, leader lines to where it sits on the bar, its own axis; returns where the legend starts. */
    private double paintInset(GraphicsContext g, double left, double width, double barY, double barH, int lanes, double laneH, int[] lane,
            long start, double span) {
        double y = barY + barH + 26;
        insetY = y;
        long from = inset[0];
        long to = inset[1];
        double windowSpan = Math.max(1, to - from);
        double a = left + width * (from - start) / span;
        double b = left + width * (to - start) / span;
        // where the inset sits on the bar, and the leaders down to it
        g.setStroke(theme.mutedText());
        g.setLineWidth(1);
        g.setLineDashes(3, 3);
        g.strokeRect(a - 1, barY - 2, Math.max(2, b - a) + 2, barH + 4);
        g.strokeLine(a - 1, barY + barH + 2, left, y);
        g.strokeLine(b + 1, barY + barH + 2, left + width, y);
        g.setLineDashes(null);
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            if (p.endNs() < from || p.startNs() > to) {
                continue;
            }
            double x0 = left + width * (Math.max(from, p.startNs()) - from) / windowSpan;
            double x1 = left + width * (Math.min(to, p.endNs()) - from) / windowSpan;
            insetWidths[i] = x1 - x0;
            g.setFill(phaseColour(i));
            double top = y + lane[i] * laneH;
            double h = laneH - (lanes == 1 ? 0 : 1);
            if (x1 - x0 < 2) {
                // an instant (an announcement seen at once): a tick the height of its lane
                g.fillRect(x0 - 1, top - 3, 2, h + 6);
            } else {
                g.fillRect(x0, top, x1 - x0, h);
            }
        }
        g.setStroke(theme.mutedText());
        g.strokeRect(left, y, width, barH);
        g.setFill(theme.mutedText());
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(TraceText.ms(from), left, y + barH + 3);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(String.format(java.util.Locale.ROOT, "inset ×%.0f", span / windowSpan), left + width / 2, y + barH + 3);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(TraceText.ms(to), left + width, y + barH + 3);
        g.setTextAlign(TextAlignment.LEFT);
        return y + barH + 20;
    }

    /** {@code name + tail} in {@code width}: the name shortened with "…" when it is too long (the duration always whole), never squeezed. */
    static String fitted(String name, String tail, Font font, double width) {
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        measure.setFont(font);
        String text = name + tail;
        measure.setText(text);
        for (int keep = name.length() - 1; keep > 1 && measure.getLayoutBounds().getWidth() > width; keep--) {
            text = name.substring(0, keep).stripTrailing() + "…" + tail;
            measure.setText(text);
        }
        return text;
    }
}
