package org.warplab.ui.canvas;

import javafx.scene.canvas.GraphicsContext;

/** Something drawn over the lab on the canvas (the run replay), with a say in clicks on it. */
public interface CanvasOverlay {

    /** Paints in world coordinates (the canvas has the view transform set) after the lab. */
    void paintWorld(GraphicsContext g, LabLayout layout, double scale);

    /** Paints in screen coordinates after everything else (legends, the clock). */
    void paintScreen(GraphicsContext g, double width, double height);

    /** The labels the canvas placed under the overlay this frame (screen pixels): the overlay's own labels keep clear of them. */
    default void setLabelsBelow(java.util.List<LabelPlacement.Placed> labels) {
    }

    /** A primary click at world (x, y); true when the overlay took it (then the canvas does not select). */
    boolean clicked(LabLayout layout, double x, double y, double tolerance);
}
