package org.warplab.ui.run;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.warplab.run.Phase;
import org.warplab.ui.common.CanvasChart;

/** Where a migration's time went: its phases stacked on one bar, to scale, with a legend; the playhead when replaying. */
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

    PhaseBar() {
        setMinHeight(84);
        setPrefHeight(96);
    }

    void setPhases(List<Phase> phases) {
        this.phases = List.copyOf(phases);
        double height = 62 + 16 * Math.ceil(this.phases.size() / 2.0);
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
        g.setFill(theme.mutedText());
        g.fillText(TraceText.ms(start), left, barY + barH + 3);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(TraceText.ms(end) + "  (" + TraceText.ms(end - start) + " in all)", left + width, barY + barH + 3);
        g.setTextAlign(TextAlignment.LEFT);
        double column = width / 2;
        double y0 = barY + barH + 20;
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            double x = left + (i % 2) * column;
            double y = y0 + (i / 2) * 16;
            g.setFill(phaseColour(i));
            g.fillRect(x, y + 2, 10, 10);
            g.setFill(theme.text());
            g.fillText(p.name() + "  " + TraceText.ms(p.durationNs()), x + 14, y, column - 20);
        }
    }
}
