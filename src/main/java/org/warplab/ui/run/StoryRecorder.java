package org.warplab.ui.run;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import org.warplab.model.Lab;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryStep;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.common.Theme;

/**
 * Records a story for slides: a presentation view of the run of its own (not the one on screen) at
 * {@code width × height}, one snapshot per step at the step's time, with the step's caption (or the
 * lesson's words for it), its highlight, the VMs where the trace has them then, and the readout.
 * Runs on the FX thread.
 */
final class StoryRecorder {

    private static final PresentationView.Controls STILL = new PresentationView.Controls() {
        @Override
        public void togglePlay() {
        }

        @Override
        public void step(int delta) {
        }

        @Override
        public void speedBy(double factor) {
        }

        @Override
        public void seekStart() {
        }

        @Override
        public void seekEnd() {
        }

        @Override
        public String speedText() {
            return "";
        }

        @Override
        public long time() {
            return 0;
        }
    };

    private StoryRecorder() {
    }

    static List<BufferedImage> frames(Theme theme, Lab lab, RunResult result, Trace trace, Story story, int width, int height) {
        TraceIndex index = new TraceIndex(trace, result.endNs());
        PresentationView view = new PresentationView(new DesignerModel(lab), theme, index, lab, result, STILL);
        view.caption().setSource(s -> CaptionBar.caption(story, lab, s));
        List<BufferedImage> frames = new ArrayList<>();
        try {
            view.show(null, false, width, height);
            Scene scene = view.stage().getScene();
            for (StoryStep step : story.steps()) {
                view.setShownLab(index.labAt(lab, step.timeNs()));
                view.setHighlight(StoryHighlight.of(step, lab));
                view.caption().show(step);
                view.setTime(step.timeNs(), step);
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                view.refit();
                view.canvas().redrawNow();
                WritableImage image = new WritableImage((int) Math.round(scene.getWidth()), (int) Math.round(scene.getHeight()));
                frames.add(StoryFrames.sized(StoryFrames.toAwt(scene.snapshot(image)), width, height));
            }
        } finally {
            view.close();
        }
        return frames;
    }
}
