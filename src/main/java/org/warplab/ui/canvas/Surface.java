package org.warplab.ui.canvas;

import javafx.scene.paint.Color;

/** What the lab painter draws on: the screen's canvas or an SVG document, with the same calls. */
interface Surface {

    enum Align { LEFT, CENTER, RIGHT }

    void fillRect(double x, double y, double w, double h, double arc, Color fill);

    void strokeRect(double x, double y, double w, double h, double arc, Color stroke, double width, double[] dashes);

    void fillCircle(double cx, double cy, double r, Color fill);

    void strokeCircle(double cx, double cy, double r, Color stroke, double width);

    void line(double x1, double y1, double x2, double y2, Color stroke, double width, double[] dashes);

    /** Text whose vertical centre is {@code y}. */
    void text(String text, double x, double y, double size, boolean bold, Color fill, Align align);

    /** An icon's 24 × 24 path data scaled to {@code size}, top-left at (x, y), filled even-odd. */
    void icon(String pathData, double x, double y, double size, Color fill);

    /** A rough width of {@code text}, enough to size a label's background. */
    static double textWidth(String text, double size) {
        return text.length() * size * 0.58;
    }
}
