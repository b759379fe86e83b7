package org.warplab.ui.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.warplab.run.Phase;
import org.warplab.ui.common.CanvasChart;

/** The run's timeline: phases as coloured spans with markers at their boundaries, drops as red ticks, the playhead; press or drag to seek. */
final class Scrubber extends CanvasChart {
    private static final double PAD = 8;
    private long endNs = 1;
    private long timeNs;
    private List<Phase> phases = List.of();
    private List<Long> drops = List.of();
    private final LongConsumer onSeek;
    private final javafx.scene.shape.Circle knob = new javafx.scene.shape.Circle(6);
    private final javafx.scene.shape.Line playhead = playheadLine(2);

    Scrubber(LongConsumer onSeek) {
        this.onSeek = onSeek;
        setMinHeight(30);
        setPrefHeight(30);
        setMinWidth(200);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::seek);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::seek);
        setCursor(javafx.scene.Cursor.HAND);
        knob.setManaged(false);
        knob.setMouseTransparent(true);
        getChildren().add(1, knob);
    }

    void setData(long endNs, List<Phase> phases, List<Long> drops) {
        this.endNs = Math.max(1, endNs);
        this.phases = new ArrayList<>(phases);
        this.drops = new ArrayList<>(drops);
        repaint();
    }

    void setTime(long timeNs) {
        this.timeNs = timeNs;
        placePlayhead();
    }

    @Override
    protected void placePlayhead() {
        double x = PAD + (canvas.getWidth() - 2 * PAD) * Math.min(1, (double) timeNs / endNs);
        knob.setFill(theme.selection());
        knob.setCenterX(x);
        knob.setCenterY(KNOB_Y);
        playhead.setStroke(theme.selection());
        playhead.setStartX(x);
        playhead.setEndX(x);
        playhead.setStartY(0);
        playhead.setEndY(canvas.getHeight());
        playhead.setVisible(true);
    }

    /** The middle of the bar the phases are drawn on, where the playhead's knob sits. */
    private static final double KNOB_Y = 14;

    /** Screen x within the scrubber of a time, for tests that drag the playhead. */
    double xOf(long t) {
        return PAD + (getWidth() - 2 * PAD) * Math.min(1, Math.max(0, (double) t / endNs));
    }

    private void seek(MouseEvent e) {
        double f = (e.getX() - PAD) / Math.max(1, getWidth() - 2 * PAD);
        onSeek.accept(Math.round(Math.min(1, Math.max(0, f)) * endNs));
        e.consume();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double width = w - 2 * PAD;
        double y = 10;
        g.setFill(theme.grid());
        g.fillRoundRect(PAD, y, width, 8, 8, 8);
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            double x0 = PAD + width * p.startNs() / endNs;
            double x1 = PAD + width * p.endNs() / endNs;
            g.setFill(phaseColour(i));
            g.fillRect(x0, y, Math.max(1.5, x1 - x0), 8);
            g.setStroke(theme.mutedText());
            g.setLineWidth(1);
            g.strokeLine(x0, y - 4, x0, y + 12);
        }
        g.setStroke(Color.web("#d62828"));
        g.setLineWidth(1.5);
        for (long d : drops) {
            double x = PAD + width * d / endNs;
            g.strokeLine(x, y + 10, x, y + 16);
        }
        g.setFont(Font.font(theme.fontFamily(), 9));
        g.setFill(theme.mutedText());
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("0", PAD, y + 12);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(TraceText.ms(endNs), PAD + width, y + 12);
    }
}
