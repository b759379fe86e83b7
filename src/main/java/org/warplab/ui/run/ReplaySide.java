package org.warplab.ui.run;

import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import org.warplab.model.Lab;
import org.warplab.run.story.Story;
import org.warplab.ui.canvas.CanvasView;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.common.Theme;

/**
 * One run of a side-by-side replay: the run view's own pieces for one run — its readout (figures
 * only), a canvas with the replay overlay, and its story's caption — shown at the instant the
 * shared clock gives. The canvas shows the lab as this run's trace has it at that instant; it
 * does not edit the document. The view lays the three parts of both sides out in rows, so the
 * two canvases start at the same height whatever each readout says.
 */
final class ReplaySide {

    private final RunRecord run;
    private final TraceIndex index;
    private final ReplayOverlay overlay;
    private final CanvasView canvas;
    private final ReadoutPane readout = new ReadoutPane();
    private final CaptionBar caption;
    private final StoryStepper story;
    private final StackPane canvasArea;
    private String placementKey;
    private long timeNs = -1;

    ReplaySide(String id, DesignerModel model, Theme theme, RunRecord run) {
        this.run = run;
        index = new TraceIndex(run.trace(), run.result().endNs());
        overlay = new ReplayOverlay(index, this::inspect);
        overlay.setTheme(theme);
        canvas = new CanvasView(model);
        canvas.setId(id + "-canvas");
        canvas.themeProperty().set(theme);
        canvas.shownLabProperty().set(run.lab());
        canvas.overlayProperty().set(overlay);
        // a replay beside another shows its lab; it does not edit it: a press selects a packet or nothing
        canvas.addEventFilter(MouseEvent.ANY, e -> {
            if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
                javafx.geometry.Point2D world = canvas.toWorld(e.getX(), e.getY());
                overlay.clicked(canvas.labLayout(), world.getX(), world.getY(), 8 / canvas.scale());
                canvas.requestRedraw();
            }
            if (e.getEventType() != MouseEvent.MOUSE_MOVED && e.getEventType() != MouseEvent.MOUSE_EXITED
                    && e.getEventType() != MouseEvent.MOUSE_ENTERED) {
                e.consume();
            }
        });
        readout.setId(id + "-readout");
        readout.show(run);
        readout.setTheme(theme);
        readout.figuresOnly();
        caption = new CaptionBar(id + "-caption");
        story = new StoryStepper(t -> { }, highlight -> {
            overlay.setHighlight(highlight);
            canvas.requestRedraw();
        });
        story.setStory(Story.of(run.result(), run.trace()), run.lab());
        story.addBar(caption);
        canvasArea = new StackPane(canvas);
        canvasArea.setId(id);
        canvasArea.setMinSize(0, 0);
        readout.setMinWidth(0);
        caption.setMinWidth(0);
    }

    private void inspect(org.warplab.run.TraceEvent.PacketSent packet) {
        canvas.requestRedraw();
    }

    /** Shows the instant {@code t} of the shared clock (past this run's end, its end). */
    void setTime(long t) {
        timeNs = Math.max(0, Math.min(index.endNs(), t));
        overlay.setTime(timeNs);
        Lab lab = run.lab();
        String key = index.movedVms(lab, timeNs).toString();
        if (!key.equals(placementKey)) {
            placementKey = key;
            canvas.shownLabProperty().set(index.labAt(lab, timeNs));
        }
        readout.setTime(timeNs);
        story.timeChanged(timeNs);
        canvas.requestRedraw();
    }

    /** Shows {@code step} if it is this run's (the shared clock holds at its instant); false otherwise. */
    boolean showStep(org.warplab.run.story.StoryStep step) {
        return story.showStep(step);
    }

    /** The instant this side shows. */
    long time() {
        return timeNs;
    }

    void setMarkDuration(long ns) {
        overlay.setMarkDuration(ns);
    }

    void fit() {
        canvas.fit();
    }

    RunRecord run() {
        return run;
    }

    TraceIndex index() {
        return index;
    }

    Story story() {
        return story.story();
    }

    ReadoutPane readout() {
        return readout;
    }

    CaptionBar caption() {
        return caption;
    }

    StackPane canvasArea() {
        return canvasArea;
    }

    CanvasView canvas() {
        return canvas;
    }

    ReplayOverlay overlay() {
        return overlay;
    }
}
