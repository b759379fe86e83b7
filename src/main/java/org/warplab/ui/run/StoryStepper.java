package org.warplab.ui.run;

import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.warplab.model.Lab;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryStep;

/**
 * Steps through a run's story: previous and next step move the playhead to the step's time; the
 * step at the playhead is shown in the caption bars and highlighted on the canvas.
 */
final class StoryStepper {

    private final Button previous = new Button("◀ Step");
    private final Button next = new Button("Step ▶");
    private final LongConsumer seek;
    private final Consumer<StoryHighlight> highlight;
    private final java.util.List<CaptionBar> bars = new java.util.ArrayList<>();
    private Story story;
    private Lab lab;
    private int current = -1;

    StoryStepper(LongConsumer seek, Consumer<StoryHighlight> highlight) {
        this.seek = seek;
        this.highlight = highlight;
        previous.setId("run-story-previous");
        next.setId("run-story-next");
        previous.setTooltip(new Tooltip("Go to the previous step of the migration's story (←, Alt+←)"));
        next.setTooltip(new Tooltip("Go to the next step of the migration's story (→, Alt+→)"));
        previous.setOnAction(e -> step(-1));
        next.setOnAction(e -> step(1));
        setDisabled(true);
    }

    Button previousButton() {
        return previous;
    }

    Button nextButton() {
        return next;
    }

    void addBar(CaptionBar bar) {
        bars.add(bar);
        if (story != null) {
            bar.setSource(s -> CaptionBar.caption(story, lab, s));
            bar.show(currentStep());
        }
    }

    void removeBar(CaptionBar bar) {
        bars.remove(bar);
    }

    void setStory(Story story, Lab lab) {
        this.story = story;
        this.lab = lab;
        current = -2;
        for (CaptionBar bar : bars) {
            bar.setSource(s -> CaptionBar.caption(story, lab, s));
        }
        setDisabled(story == null || story.steps().isEmpty());
    }

    /** No story: the run it told was forgotten (another lab, a new run); the captions and the highlight go too. */
    void clear() {
        story = null;
        lab = null;
        current = -1;
        for (CaptionBar bar : bars) {
            bar.setSource(null);
            bar.show(null);
        }
        setDisabled(true);
    }

    Story story() {
        return story;
    }

    private void setDisabled(boolean disabled) {
        previous.setDisable(disabled);
        next.setDisable(disabled);
    }

    /** Moves to the step {@code delta} steps away from the one at the playhead. */
    void step(int delta) {
        if (story == null || story.steps().isEmpty()) {
            return;
        }
        int target = Math.max(0, Math.min(story.steps().size() - 1, current + delta));
        if (delta < 0 && current < 0) {
            target = 0;
        }
        // steps at the same instant (resume, announcement, capture) are told one after the other
        show(target);
        seek.accept(story.steps().get(target).timeNs());
    }

    /** Moves to step {@code index} of the story (a lesson stops the replay there). */
    void goTo(int index) {
        show(index);
        seek.accept(story.steps().get(index).timeNs());
    }

    /** Shows {@code step} of the story without moving the playhead (time that stretches holds at its instant); false when it is not this story's. */
    boolean showStep(StoryStep step) {
        int index = story == null ? -1 : story.steps().indexOf(step);
        if (index < 0) {
            return false;
        }
        if (index != current) {
            show(index);
        }
        return true;
    }

    /** The playhead moved: the step at or before it becomes the current one. */
    void timeChanged(long timeNs) {
        if (story == null) {
            return;
        }
        int index = story.indexAt(timeNs);
        boolean sameInstant = current >= 0 && index >= 0 && current <= index && story.steps().get(current).timeNs() == story.steps().get(index).timeNs();
        if (index == current || sameInstant) {
            return;
        }
        show(index);
    }

    private void show(int index) {
        current = index;
        StoryStep step = currentStep();
        for (CaptionBar bar : bars) {
            bar.show(step);
        }
        highlight.accept(StoryHighlight.of(step, lab));
    }

    StoryStep currentStep() {
        return story == null || current < 0 ? null : story.steps().get(current);
    }

    int currentIndex() {
        return current;
    }
}
