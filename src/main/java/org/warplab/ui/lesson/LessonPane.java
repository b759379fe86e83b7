package org.warplab.ui.lesson;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.warplab.lesson.ExerciseCheck;
import org.warplab.lesson.Goals;
import org.warplab.lesson.LessonWalk;
import org.warplab.model.Lab;
import org.warplab.model.lesson.Lesson;
import org.warplab.model.lesson.LessonStep;
import org.warplab.model.lesson.Question;
import org.warplab.run.LabRuntime;
import org.warplab.run.RunOutcome;
import org.warplab.run.Runtimes;
import org.warplab.run.story.Story;
import org.warplab.ui.common.BackgroundWork;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.run.RunPane;

/**
 * The Lesson panel: the lab's lesson step by step (Next/Back), each step's text, the elements it
 * selects, its question taken <em>before</em> the run shows the figure, then the run (the
 * emulator, seed {@link ExerciseCheck#SEED}, the same run {@code warplab check} makes) with the
 * replay stopped at the step's story step and feedback quoting the run's figure; Check shows the
 * goals turning green or red; Edit opens the form editor.
 */
public final class LessonPane extends ScrollPane {

    /** A run longer than this is stopped (a lab built to loop for ever must not hang the panel). */
    private static final long RUN_CAP_MS = 120_000;

    private final DesignerModel model;
    /** The Run view, built on first use (the designer builds its bottom tabs when first shown). */
    private final Supplier<RunPane> runPane;
    private final LabRuntime runtime;
    private final Runnable showRunView;

    private final Label title = new Label();
    private final Label objectives = new Label();
    private final Label position = new Label();
    private final Button back = new Button("◀ Back");
    private final Button next = new Button("Next ▶");
    private final MarkdownView text = new MarkdownView("lesson-text");
    private final VBox questionBox = new VBox();
    private final Label prompt = new Label();
    private final VBox options = new VBox(4);
    private final ToggleGroup optionGroup = new ToggleGroup();
    private final TextField number = new TextField();
    private final Label unit = new Label();
    private final HBox numberRow = new HBox(6, number, unit);
    private final Button answer = new Button("Answer, then run");
    private final Button show = new Button("Run and show this step");
    private final Label feedback = new Label();
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button check = new Button("Check my lab");
    private final GoalsBox goals = new GoalsBox();
    private final Button edit = new Button("Edit the Lesson…");
    private final VBox walkBox = new VBox(8);

    private LessonWalk walk;
    /** The run the lesson's figures come from, and the lab (lesson aside) it ran. */
    private Lab ranLab;
    private RunOutcome outcome;
    private boolean busy;

    public LessonPane(DesignerModel model, Supplier<RunPane> runPane, Runtimes runtimes, Runnable showRunView) {
        this.model = model;
        this.runPane = runPane;
        this.runtime = runtimes.emulated();
        this.showRunView = showRunView;
        setId("lesson-pane");
        setFitToWidth(true);
        getStylesheets().add(LessonPane.class.getResource("/org/warplab/ui/lesson.css").toExternalForm());

        title.setId("lesson-title");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        objectives.getStyleClass().add("lesson-objectives");
        objectives.setWrapText(true);
        position.setId("lesson-position");
        position.getStyleClass().add("lesson-position");
        back.setId("lesson-back");
        next.setId("lesson-next");
        back.setOnAction(e -> move(-1));
        next.setOnAction(e -> move(1));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox nav = new HBox(6, position, grow, back, next);
        nav.setAlignment(Pos.CENTER_LEFT);

        prompt.setId("lesson-prompt");
        prompt.getStyleClass().add("lesson-prompt");
        prompt.setWrapText(true);
        options.setId("lesson-options");
        number.setId("lesson-number");
        number.setPrefColumnCount(8);
        number.setOnAction(e -> answer());
        numberRow.setAlignment(Pos.CENTER_LEFT);
        answer.setId("lesson-answer");
        answer.setDefaultButton(false);
        answer.setOnAction(e -> answer());
        questionBox.setId("lesson-question");
        questionBox.getStyleClass().add("lesson-question");
        show.setId("lesson-show");
        show.setOnAction(e -> withRun(run -> reveal()));
        feedback.setId("lesson-feedback");
        feedback.setWrapText(true);
        status.setId("lesson-status");
        status.setWrapText(true);
        progress.setVisible(false);
        progress.setMaxWidth(Double.MAX_VALUE);

        check.setId("lesson-check");
        check.setOnAction(e -> check());
        edit.setId("lesson-edit");
        edit.setOnAction(e -> LessonEditor.open(getScene() == null ? null : getScene().getWindow(), model));
        Label goalsHeading = new Label("Goals of the exercise");
        goalsHeading.getStyleClass().add("lesson-section");

        walkBox.getChildren().addAll(nav, text, questionBox, show, feedback);
        VBox content = new VBox(8, title, objectives, new Separator(), walkBox, status, progress, new Separator(), goalsHeading, check, goals,
                new Separator(), edit);
        content.getStyleClass().add("lesson-pane");
        setContent(content);
        model.labProperty().addListener((o, was, is) -> labChanged(is));
        // another document: its lesson starts from its first step, and no run of the last lab is reused
        model.documentsProperty().addListener((o, was, is) -> {
            walk = null;
            ranLab = null;
            outcome = null;
            model.select(List.of());
            labChanged(model.lab());
        });
        labChanged(model.lab());
    }

    private void labChanged(Lab lab) {
        if (ranLab != null && !ranLab.equals(lab.withLesson(Optional.empty()))) {
            ranLab = null;
            outcome = null;
        }
        Optional<Lesson> lesson = lab.lesson();
        if (lesson.isEmpty() || lesson.get().steps().isEmpty()) {
            walk = null;
            title.setText(lesson.map(Lesson::title).orElse("No lesson"));
            objectives.setText(lesson.isEmpty() ? "This lab carries no lesson. Edit the Lesson… writes one: steps, questions and goals."
                    : "This lesson has no steps yet: Edit the Lesson… adds them.");
            walkBox.setVisible(false);
            walkBox.setManaged(false);
            check.setDisable(lesson.isEmpty() || lesson.get().goals().isEmpty());
            goals.showUnchecked(lesson.map(Lesson::goals).orElse(List.of()));
            return;
        }
        int at = walk == null ? 0 : Math.min(walk.index(), lesson.get().steps().size() - 1);
        boolean sameLesson = walk != null && walk.lesson().equals(lesson.get());
        if (!sameLesson) {
            walk = new LessonWalk(lesson.get());
            for (int i = 0; i < at; i++) {
                walk.next();
            }
            goals.showUnchecked(lesson.get().goals());
        }
        title.setText(lesson.get().title());
        objectives.setText(lesson.get().objectives().isEmpty() ? "" : "You will: " + String.join("; ", lesson.get().objectives()) + ".");
        walkBox.setVisible(true);
        walkBox.setManaged(true);
        check.setDisable(lesson.get().goals().isEmpty() || busy);
        if (!sameLesson) {
            showStep();
        }
    }

    private void move(int delta) {
        if (walk == null) {
            return;
        }
        if (delta > 0) {
            walk.next();
        } else {
            walk.back();
        }
        showStep();
    }

    /** Shows the current step: its text, the elements it selects, its question; the run only when no question is open. */
    private void showStep() {
        LessonStep step = walk.current();
        position.setText(walk.position());
        back.setDisable(walk.atStart());
        next.setDisable(walk.atEnd());
        text.show(step.text());
        if (!step.highlight().isEmpty()) {
            model.select(step.highlight());
        }
        feedback.setText("");
        feedback.getStyleClass().removeAll("lesson-right", "lesson-wrong");
        boolean asks = step.question().isPresent();
        questionBox.setVisible(asks);
        questionBox.setManaged(asks);
        show.setVisible(!asks && step.stop().isPresent());
        show.setManaged(show.isVisible());
        show.setDisable(busy);
        if (asks) {
            showQuestion(step.question().get());
            // the class answers before it sees the figure: a run already on screen is put away
            runPane.get().hideRun("Answer the lesson's question first: the run is shown after the answer");
        } else if (step.stop().isPresent() && currentRun().isPresent()) {
            reveal();
        }
    }

    private void showQuestion(Question question) {
        prompt.setText(question.prompt());
        optionGroup.getToggles().clear();
        options.getChildren().clear();
        questionBox.getChildren().setAll(prompt);
        if (question instanceof Question.Choice choice) {
            for (int i = 0; i < choice.options().size(); i++) {
                RadioButton option = new RadioButton(choice.options().get(i));
                option.setId("lesson-option-" + i);
                option.setWrapText(true);
                option.setToggleGroup(optionGroup);
                option.setUserData(i);
                options.getChildren().add(option);
            }
            questionBox.getChildren().add(options);
        } else if (question instanceof Question.Prediction p) {
            number.clear();
            number.setPromptText(p.figure().label() + " in ms");
            unit.setText(String.format(java.util.Locale.ROOT, "ms  (right within ± %.0f ms)", p.tolerance()));
            questionBox.getChildren().add(numberRow);
        }
        answer.setDisable(busy);
        questionBox.getChildren().add(answer);
    }

    /** Takes the answer, then runs (once per lab), judges it against the run's figure and shows the run. */
    private void answer() {
        Question question = walk.current().question().orElseThrow();
        if (question instanceof Question.Choice) {
            if (optionGroup.getSelectedToggle() == null) {
                wrong("Choose one of the answers first.");
                return;
            }
            int option = (Integer) optionGroup.getSelectedToggle().getUserData();
            withRun(run -> judged(walk.answerChoice(option, run)));
        } else {
            double predicted;
            try {
                predicted = Double.parseDouble(number.getText().strip().replace(',', '.').replaceFirst("\\s*ms$", ""));
            } catch (NumberFormatException e) {
                wrong("Write your prediction as a number of milliseconds, e.g. 120.");
                return;
            }
            withRun(run -> judged(walk.answerNumber(predicted, run)));
        }
    }

    private void judged(LessonWalk.Verdict verdict) {
        feedback.getStyleClass().removeAll("lesson-right", "lesson-wrong");
        feedback.getStyleClass().add(verdict.correct() ? "lesson-right" : "lesson-wrong");
        feedback.setText((verdict.correct() ? "✔ " : "✘ ") + verdict.feedback());
        reveal();
    }

    private void wrong(String message) {
        feedback.getStyleClass().removeAll("lesson-right", "lesson-wrong");
        feedback.getStyleClass().add("lesson-wrong");
        feedback.setText(message);
    }

    /** Shows the run in the run view, stopped at the step's story step when it has one. */
    private void reveal() {
        Optional<RunOutcome> run = currentRun();
        if (run.isEmpty()) {
            return;
        }
        runPane.get().show(model.lab(), run.get());
        showRunView.run();
        Optional<org.warplab.run.story.StoryStep> stop = walk.stop(Story.of(run.get().result(), run.get().trace()));
        if (stop.isPresent()) {
            runPane.get().stopAt(stop.get());
        } else if (walk.current().stop().isPresent()) {
            status.setText("This run's story has no '" + walk.current().stop().get().step() + "' step of "
                    + walk.current().stop().get().migration() + " to stop at.");
        }
        if (feedback.getText().isEmpty() && !walk.current().feedback().isEmpty()) {
            feedback.setText(walk.feedback(run.get()));
        }
    }

    private Optional<RunOutcome> currentRun() {
        return outcome != null && ranLab != null && ranLab.equals(model.lab().withLesson(Optional.empty())) ? Optional.of(outcome)
                : Optional.empty();
    }

    /** Gives {@code then} the lesson's run of the lab as it is now, running it first (off the FX thread) if needed. */
    private void withRun(Consumer<RunOutcome> then) {
        Optional<RunOutcome> have = currentRun();
        if (have.isPresent()) {
            then.accept(have.get());
            return;
        }
        Lab lab = model.lab().withLesson(Optional.empty());
        attempt(lab, attempt -> {
            if (attempt.outcome().isEmpty()) {
                wrong("The lab could not run: " + attempt.failure() + ".");
                return;
            }
            ranLab = lab;
            outcome = attempt.outcome().get();
            status.setText("Ran the lab in the emulator (seed " + ExerciseCheck.SEED + "): the figures below are this run's.");
            then.accept(outcome);
        });
    }

    private void attempt(Lab lab, Consumer<Goals.RunAttempt> then) {
        busy = true;
        setButtonsDisabled(true);
        Task<Goals.RunAttempt> task = new Task<>() {
            @Override
            protected Goals.RunAttempt call() throws Exception {
                updateMessage("Running the lab in the emulator…");
                updateProgress(-1, 1);
                return ExerciseCheck.run(lab, runtime, RUN_CAP_MS);
            }
        };
        new BackgroundWork(status, progress, check).run(task, "warplab-lesson-run", then, "The run failed", () -> {
            busy = false;
            setButtonsDisabled(false);
        });
    }

    private void setButtonsDisabled(boolean disabled) {
        answer.setDisable(disabled);
        show.setDisable(disabled);
        check.setDisable(disabled || model.lab().lesson().map(l -> l.goals().isEmpty()).orElse(true));
    }

    /** Evaluates the lesson's goals on the lab as it is now (and on its run, made if needed) and colours them. */
    private void check() {
        Lesson lesson = model.lab().lesson().orElse(null);
        if (lesson == null || busy) {
            return;
        }
        Lab lab = model.lab();
        Optional<RunOutcome> have = currentRun();
        if (have.isPresent() || lesson.goals().stream().noneMatch(Goals::needsRun)) {
            Goals.RunAttempt run = have.map(Goals.RunAttempt::ran).orElse(Goals.RunAttempt.failed("no goal needs a run"));
            showResults(lesson, lab, run);
            return;
        }
        Lab runnable = lab.withLesson(Optional.empty());
        attempt(runnable, attempt -> {
            if (attempt.outcome().isPresent()) {
                ranLab = runnable;
                outcome = attempt.outcome().get();
            }
            showResults(lesson, lab, attempt);
        });
    }

    private void showResults(Lesson lesson, Lab lab, Goals.RunAttempt run) {
        var results = Goals.evaluate(lesson.goals(), lab, run);
        goals.showResults(results);
        long passed = results.stream().filter(r -> r.passed()).count();
        status.setText(passed == results.size() ? "Every goal is met." : passed + " of " + results.size() + " goals met: the red ones say why.");
    }

    // ---- for tests

    LessonWalk walk() {
        return walk;
    }

    GoalsBox goals() {
        return goals;
    }

    MarkdownView text() {
        return text;
    }
}
