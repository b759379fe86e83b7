package org.warplab.lesson;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.warplab.model.lesson.Lesson;
import org.warplab.model.lesson.LessonStep;
import org.warplab.model.lesson.Question;
import org.warplab.model.lesson.StoryStop;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunOutcome;
import org.warplab.run.story.StepKind;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryStep;

/**
 * Walking a lesson: the current step, Next/Back, and a step's question answered before the run is
 * shown, then judged against the run's own figure. Mutable, one per walk; the designer's Lesson
 * panel and the tests drive it.
 */
public final class LessonWalk {

    /** The verdict on an answer, with the figure the run measured and the step's feedback filled in. */
    public record Verdict(boolean correct, String measured, String feedback) { }

    private final Lesson lesson;
    private int index;

    public LessonWalk(Lesson lesson) {
        this.lesson = lesson;
    }

    public Lesson lesson() {
        return lesson;
    }

    public int index() {
        return index;
    }

    public LessonStep current() {
        return lesson.steps().get(index);
    }

    public boolean atStart() {
        return index == 0;
    }

    public boolean atEnd() {
        return index >= lesson.steps().size() - 1;
    }

    public void next() {
        if (!atEnd()) {
            index++;
        }
    }

    public void back() {
        if (index > 0) {
            index--;
        }
    }

    /** "Step 2 of 5". */
    public String position() {
        return "Step " + (index + 1) + " of " + lesson.steps().size();
    }

    /** The story step the current step stops the replay at, if it has one and the run told that part of the story. */
    public Optional<StoryStep> stop(Story story) {
        Optional<StoryStop> stop = current().stop();
        if (stop.isEmpty()) {
            return Optional.empty();
        }
        return StepKind.byKey(stop.get().step()).flatMap(kind -> story.first(stop.get().migration(), kind));
    }

    /** Judges a multiple-choice answer (the option's index) against the current step's question. */
    public Verdict answerChoice(int option, RunOutcome run) {
        Question.Choice choice = (Question.Choice) current().question().orElseThrow();
        boolean correct = option == choice.answer();
        String right = choice.options().get(choice.answer());
        return new Verdict(correct, right, (correct ? "Right: " : "Not quite; the answer is: ") + right + ". " + feedback(run));
    }

    /** Judges a predicted figure, in ms, against the run's own figure and the question's tolerance. */
    public Verdict answerNumber(double predictedMs, RunOutcome run) {
        Question.Prediction prediction = (Question.Prediction) current().question().orElseThrow();
        Optional<MigrationMetrics> m = Figures.migration(run.result(), Optional.of(prediction.migration()));
        Optional<Long> value = m.flatMap(metrics -> Figures.value(prediction.figure(), metrics));
        if (value.isEmpty()) {
            return new Verdict(false, "not measured", "This run has no " + prediction.figure().label() + " to compare with. " + feedback(run));
        }
        double actualMs = value.get() / 1e6;
        boolean correct = Math.abs(actualMs - predictedMs) <= prediction.tolerance();
        String measured = Figures.ms(value.get());
        String verdict = correct
                ? String.format(Locale.ROOT, "Within %.0f ms: you said %.1f ms, the run measured %s. ", prediction.tolerance(), predictedMs, measured)
                : String.format(Locale.ROOT, "You said %.1f ms; the run measured %s, more than %.0f ms away. ", predictedMs, measured,
                        prediction.tolerance());
        return new Verdict(correct, measured, verdict + feedback(run));
    }

    /** The current step's feedback with the run's figures written into its {downtime}-style fields. */
    public String feedback(RunOutcome run) {
        Optional<MigrationMetrics> m = Figures.migration(run.result(), current().migration());
        return m.map(metrics -> Figures.fill(current().feedback(), metrics)).orElse(current().feedback());
    }

    /**
     * The lesson's words for a story step: the text of the lesson step that stops the replay there,
     * if there is one. The run view's caption (and presentation mode) shows it in place of the story's own caption.
     */
    public static Optional<String> captionAt(Lesson lesson, StoryStep step) {
        return lesson.steps().stream().filter(s -> s.stop().isPresent() && s.stop().get().migration().equals(step.migration())
                && s.stop().get().step().equals(step.kind().key())).map(LessonStep::text).findFirst();
    }

    /** The steps, for a list beside the text. */
    public List<LessonStep> steps() {
        return lesson.steps();
    }
}
