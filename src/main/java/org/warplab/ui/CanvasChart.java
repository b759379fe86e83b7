package org.warplab.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/** A chart drawn on its own canvas, repainted when it is resized or its data change; snapshots cleanly for reports. */
abstract class CanvasChart extends Region {
    protected final Canvas canvas = new Canvas();
    protected Theme theme = Theme.LIGHT;

    CanvasChart() {
        getChildren().add(canvas);
        widthProperty().addListener(o -> repaint());
        heightProperty().addListener(o -> repaint());
    }

    void setTheme(Theme theme) {
        this.theme = theme;
        repaint();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.max(1, getWidth()));
        canvas.setHeight(Math.max(1, getHeight()));
        repaint();
    }

    final void repaint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(theme.background());
        g.fillRect(0, 0, w, h);
        paint(g, w, h);
    }

    abstract void paint(GraphicsContext g, double w, double h);

    static Color phaseColour(int i) {
        Color[] colours = {Color.web("#4d7ea8"), Color.web("#c77d1a"), Color.web("#2a9d8f"), Color.web("#d6336c"), Color.web("#e8b100"),
            Color.web("#7b2cbf"), Color.web("#6c757d"), Color.web("#17a398"), Color.web("#f08c00"), Color.web("#1e6fd9")};
        return colours[i % colours.length];
    }
}
