package org.warplab.ui.run;

import java.util.Locale;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.warplab.lesson.LessonWalk;
import org.warplab.model.Lab;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryStep;

/**
 * The current story step in words: its number, time and kind, the caption, and why. What it says
 * comes from a caption source, which a lesson can replace with its own text for a step.
 */
final class CaptionBar extends VBox {

    /** What the bar shows for a step. */
    record Caption(String title, String text, String why) { }

    /** The story's own words: the step's caption and its why. */
    static Caption storyCaption(Story story, StoryStep step) {
        int number = story.steps().indexOf(step) + 1;
        return new Caption(String.format(Locale.ROOT, "Step %d of %d · %.1f ms · %s", number, story.steps().size(), step.timeNs() / 1e6,
                step.kind().label()), step.caption(), step.why());
    }

    /** The lesson's words where the lab's lesson stops at {@code step} (the story's figures become the why), else the story's. */
    static Caption caption(Story story, Lab lab, StoryStep step) {
        Caption own = storyCaption(story, step);
        return lab == null || lab.lesson().isEmpty() ? own : LessonWalk.captionAt(lab.lesson().get(), step)
                .map(text -> new Caption(own.title(), org.warplab.lesson.LessonText.plain(text), own.text())).orElse(own);
    }

    private final Label title = new Label();
    private final Label text = new Label();
    private final Label why = new Label();
    private Function<StoryStep, Caption> source;
    private StoryStep shown;

    CaptionBar(String id) {
        setId(id);
        getStyleClass().add("caption-bar");
        title.getStyleClass().add("caption-title");
        text.getStyleClass().add("caption-text");
        why.getStyleClass().add("caption-why");
        title.setId(id + "-title");
        text.setId(id + "-text");
        why.setId(id + "-why");
        for (Label l : new Label[] {title, text, why}) {
            l.setWrapText(true);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        getChildren().addAll(title, text, why);
        show(null);
    }

    void setSource(Function<StoryStep, Caption> source) {
        this.source = source;
        StoryStep step = shown;
        shown = null;
        show(step);
    }

    Function<StoryStep, Caption> source() {
        return source;
    }

    void setFontSize(double size) {
        setStyle(String.format(Locale.ROOT, "-fx-font-size: %.0fpx;", size));
    }

    void show(StoryStep step) {
        if (step == shown && step != null) {
            return;
        }
        shown = step;
        if (step == null || source == null) {
            title.setText("Story");
            text.setText(source == null ? "Run the lab to see its story step by step." : "Before the first step: press Next step (→) or Play.");
            why.setText("");
            return;
        }
        Caption caption = source.apply(step);
        title.setText(caption.title());
        text.setText(caption.text());
        why.setText(caption.why().isEmpty() ? "" : "Why: " + caption.why());
    }

    String titleText() {
        return title.getText();
    }

    String captionText() {
        return text.getText();
    }
}
