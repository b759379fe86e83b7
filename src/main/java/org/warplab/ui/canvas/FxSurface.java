package org.warplab.ui.canvas;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.FillRule;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** Paints on a JavaFX canvas; the caller sets the view transform. */
final class FxSurface implements Surface {

    private final GraphicsContext g;
    private final String fontFamily;
    private final Font[] regular = new Font[32];
    private final Font[] bold = new Font[32];
    /** Text smaller than this many screen pixels is left out: unreadable, and the costliest thing to draw. */
    private static final double MIN_TEXT_PIXELS = 3.5;
    private final double minTextSize;

    /** {@code scale} is the view's zoom, so text too small to read can be skipped. */
    FxSurface(GraphicsContext g, String fontFamily, double scale) {
        this.g = g;
        this.fontFamily = fontFamily;
        this.minTextSize = MIN_TEXT_PIXELS / scale;
        g.setTextBaseline(VPos.CENTER);
        g.setFillRule(FillRule.EVEN_ODD);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, double arc, Color fill) {
        g.setFill(fill);
        if (arc > 0) {
            g.fillRoundRect(x, y, w, h, arc, arc);
        } else {
            g.fillRect(x, y, w, h);
        }
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double arc, Color stroke, double width, double[] dashes) {
        g.setStroke(stroke);
        g.setLineWidth(width);
        g.setLineDashes(dashes);
        if (arc > 0) {
            g.strokeRoundRect(x, y, w, h, arc, arc);
        } else {
            g.strokeRect(x, y, w, h);
        }
        g.setLineDashes(null);
    }

    @Override
    public void fillCircle(double cx, double cy, double r, Color fill) {
        g.setFill(fill);
        g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    @Override
    public void strokeCircle(double cx, double cy, double r, Color stroke, double width) {
        g.setStroke(stroke);
        g.setLineWidth(width);
        g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color stroke, double width, double[] dashes) {
        g.setStroke(stroke);
        g.setLineWidth(width);
        g.setLineDashes(dashes);
        g.strokeLine(x1, y1, x2, y2);
        g.setLineDashes(null);
    }

    @Override
    public void text(String text, double x, double y, double size, boolean isBold, Color fill, Align align) {
        if (size < minTextSize) {
            return;
        }
        int index = (int) Math.min(31, Math.max(1, Math.round(size)));
        Font[] cache = isBold ? bold : regular;
        if (cache[index] == null) {
            cache[index] = Font.font(fontFamily, isBold ? FontWeight.BOLD : FontWeight.NORMAL, index);
        }
        g.setFont(cache[index]);
        g.setFill(fill);
        g.setTextAlign(align == Align.LEFT ? TextAlignment.LEFT : align == Align.RIGHT ? TextAlignment.RIGHT : TextAlignment.CENTER);
        g.fillText(text, x, y);
    }

    @Override
    public void icon(String pathData, double x, double y, double size, Color fill) {
        g.save();
        g.translate(x, y);
        g.scale(size / 24, size / 24);
        g.setFill(fill);
        g.beginPath();
        g.appendSVGPath(pathData);
        g.fill();
        g.restore();
    }
}
