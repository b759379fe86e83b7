package org.warplab.ui.common;

import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A chart drawn on its own canvas, repainted when it is resized or its data change; snapshots cleanly
 * for reports. What follows the replay's playhead is a small node over the canvas, moved each frame
 * ({@link #placePlayhead}): repainting the whole chart at every pulse cost the FX thread milliseconds
 * (thousands of probe dots) and the render thread the whole chart's area.
 */
public abstract class CanvasChart extends Region {
    protected final Canvas canvas = new Canvas();
    protected Theme theme = Theme.LIGHT;

    public CanvasChart() {
        getChildren().add(canvas);
        widthProperty().addListener(o -> repaint());
        heightProperty().addListener(o -> repaint());
    }

    public void setTheme(Theme theme) {
        this.theme = theme;
        repaint();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.max(1, getWidth()));
        canvas.setHeight(Math.max(1, getHeight()));
        repaint();
    }

    /** The chart's pixels as they are now (for reports and exports). */
    public WritableImage snapshot() {
        return canvas.snapshot(new SnapshotParameters(), null);
    }

    public final void repaint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(theme.background());
        g.fillRect(0, 0, w, h);
        paint(g, w, h);
        placePlayhead();
    }

    /** The static chart: everything but the playhead. */
    protected abstract void paint(GraphicsContext g, double w, double h);

    /** Moves the playhead node to the current time (after a repaint, and on every time change); no playhead by default. */
    protected void placePlayhead() {
    }

    /** A vertical line over the canvas, for a playhead; not part of the canvas, so reports (canvas snapshots) leave it out. */
    protected javafx.scene.shape.Line playheadLine(double width) {
        javafx.scene.shape.Line line = new javafx.scene.shape.Line();
        line.setStrokeWidth(width);
        line.setManaged(false);
        line.setMouseTransparent(true);
        line.setVisible(false);
        getChildren().add(line);
        return line;
    }

    protected static Color phaseColour(int i) {
        Color[] colours = {Color.web("#4d7ea8"), Color.web("#c77d1a"), Color.web("#2a9d8f"), Color.web("#d6336c"), Color.web("#e8b100"),
            Color.web("#7b2cbf"), Color.web("#6c757d"), Color.web("#17a398"), Color.web("#f08c00"), Color.web("#1e6fd9")};
        return colours[i % colours.length];
    }
}
