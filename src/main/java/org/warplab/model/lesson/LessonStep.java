package org.warplab.model.lesson;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a lesson.
 *
 * @param text what the class reads, in a small Markdown subset (paragraphs, *emphasis*, lists, `code`)
 * @param highlight ids of nodes and links to select on the canvas
 * @param stop the story step the replay stops at, if any
 * @param question asked before the run reveals the figure, if any
 * @param feedback shown after the answer; {@code {client-gap}}, {@code {downtime}} ... are replaced
 *                 by the run's own figures (see {@link Figure})
 */
public record LessonStep(String text, List<String> highlight, Optional<StoryStop> stop, Optional<Question> question, String feedback) {
    public LessonStep {
        Objects.requireNonNull(text, "text");
        highlight = List.copyOf(highlight);
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(feedback, "feedback");
    }

    public static LessonStep text(String text) {
        return new LessonStep(text, List.of(), Optional.empty(), Optional.empty(), "");
    }

    /** The migration this step's figures are about: the prediction's, else the stop's; empty means the lab's first. */
    public Optional<String> migration() {
        if (question.isPresent() && question.get() instanceof Question.Prediction p) {
            return Optional.of(p.migration());
        }
        return stop.map(StoryStop::migration);
    }
}
