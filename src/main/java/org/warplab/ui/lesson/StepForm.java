package org.warplab.ui.lesson;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.lesson.Figure;
import org.warplab.model.lesson.LessonStep;
import org.warplab.model.lesson.Question;
import org.warplab.model.lesson.StoryStop;
import org.warplab.run.story.StepKind;

/**
 * The form for one lesson step: its text, the elements it selects, where the replay stops, its
 * question (none, multiple choice, or a predicted figure with a tolerance in ms) and its feedback.
 */
final class StepForm extends FormGrid {

    static final String NONE = "(none)";
    static final String NO_QUESTION = "no question";
    static final String CHOICE = "multiple choice";
    static final String PREDICTION = "predict a figure";

    private final TextArea text = new TextArea();
    private final TextField highlight = new TextField();
    private final ChoiceBox<String> stopMigration = new ChoiceBox<>();
    private final ChoiceBox<String> stopStep = new ChoiceBox<>();
    private final ChoiceBox<String> questionKind = new ChoiceBox<>(FXCollections.observableArrayList(NO_QUESTION, CHOICE, PREDICTION));
    private final TextField prompt = new TextField();
    private final TextArea choices = new TextArea();
    private final TextField answer = new TextField();
    private final ChoiceBox<String> predictMigration = new ChoiceBox<>();
    private final ChoiceBox<Figure> figure = new ChoiceBox<>(FXCollections.observableArrayList(Figure.values()));
    private final TextField tolerance = new TextField();
    private final TextArea feedback = new TextArea();
    private final List<javafx.scene.Node[]> choiceRows;
    private final List<javafx.scene.Node[]> predictionRows;
    private final javafx.scene.Node[] promptRow;

    StepForm(Lab lab) {
        super("lesson-step-form");
        List<String> migrations = lab.migrations().stream().map(Migration::id).toList();
        stopMigration.getItems().add(NONE);
        stopMigration.getItems().addAll(migrations);
        stopStep.getItems().addAll(Arrays.stream(StepKind.values()).map(StepKind::key).toList());
        predictMigration.getItems().addAll(migrations);
        figure.setConverter(words(Figure::label));
        text.setPrefRowCount(5);
        text.setWrapText(true);
        text.setPromptText("What the class reads: paragraphs, *emphasis*, **strong**, - lists, `code`");
        highlight.setPromptText("ids of nodes and links, e.g. R1, R3");
        choices.setPrefRowCount(3);
        choices.setPromptText("one option per line");
        answer.setPromptText("the right option's number, from 1");
        tolerance.setPromptText("e.g. 100");
        feedback.setPrefRowCount(2);
        feedback.setWrapText(true);
        feedback.setPromptText("shown after the answer; {client-gap}, {downtime}, {switching}, {migration-time}, {probes-lost}, {path-after}"
                + " become the run's figures");
        ids(text, "lesson-edit-text", highlight, "lesson-edit-highlight", stopMigration, "lesson-edit-stop-migration", stopStep,
                "lesson-edit-stop-step", questionKind, "lesson-edit-question", prompt, "lesson-edit-prompt", choices, "lesson-edit-options",
                answer, "lesson-edit-answer", predictMigration, "lesson-edit-predict-migration", figure, "lesson-edit-figure", tolerance,
                "lesson-edit-tolerance", feedback, "lesson-edit-feedback");
        int row = 0;
        addRow(row++, new Label("Text"), text);
        addRow(row++, new Label("Select"), highlight);
        addRow(row++, new Label("Stop the replay at"), new javafx.scene.layout.HBox(6, stopMigration, stopStep));
        addRow(row++, new Label("Question"), questionKind);
        promptRow = new javafx.scene.Node[] {new Label("Prompt"), prompt};
        addRow(row++, promptRow);
        choiceRows = List.of(new javafx.scene.Node[] {new Label("Options"), choices}, new javafx.scene.Node[] {new Label("Right option"), answer});
        for (javafx.scene.Node[] r : choiceRows) {
            addRow(row++, r);
        }
        predictionRows = List.of(new javafx.scene.Node[] {new Label("Figure of"), new javafx.scene.layout.HBox(6, predictMigration, figure)},
                new javafx.scene.Node[] {new Label("Tolerance (ms)"), tolerance});
        for (javafx.scene.Node[] r : predictionRows) {
            addRow(row++, r);
        }
        addRow(row, new Label("Feedback"), feedback);
        stopMigration.valueProperty().addListener((o, was, is) -> stopStep.setDisable(is == null || NONE.equals(is)));
        questionKind.valueProperty().addListener((o, was, is) -> showQuestionRows());
    }

    private static void ids(Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            ((javafx.scene.Node) pairs[i]).setId((String) pairs[i + 1]);
        }
    }

    private void showQuestionRows() {
        String kind = questionKind.getValue();
        show(List.<javafx.scene.Node[]>of(promptRow), !NO_QUESTION.equals(kind));
        show(choiceRows, CHOICE.equals(kind));
        show(predictionRows, PREDICTION.equals(kind));
    }

    private static void show(List<javafx.scene.Node[]> rows, boolean visible) {
        for (javafx.scene.Node[] row : rows) {
            for (javafx.scene.Node n : row) {
                n.setVisible(visible);
                n.setManaged(visible);
            }
        }
    }

    /** Fills the form from {@code step}. */
    void load(LessonStep step) {
        text.setText(step.text());
        highlight.setText(String.join(", ", step.highlight()));
        stopMigration.setValue(step.stop().map(StoryStop::migration).orElse(NONE));
        stopStep.setValue(step.stop().map(StoryStop::step).orElse(StepKind.RESUMED.key()));
        prompt.setText(step.question().map(Question::prompt).orElse(""));
        choices.clear();
        answer.clear();
        tolerance.clear();
        predictMigration.setValue(predictMigration.getItems().isEmpty() ? null : predictMigration.getItems().get(0));
        figure.setValue(Figure.CLIENT_GAP);
        questionKind.setValue(NO_QUESTION);
        if (step.question().isPresent() && step.question().get() instanceof Question.Choice c) {
            questionKind.setValue(CHOICE);
            choices.setText(String.join("\n", c.options()));
            answer.setText(String.valueOf(c.answer() + 1));
        } else if (step.question().isPresent() && step.question().get() instanceof Question.Prediction p) {
            questionKind.setValue(PREDICTION);
            predictMigration.setValue(p.migration());
            figure.setValue(p.figure());
            tolerance.setText(p.tolerance() == Math.rint(p.tolerance()) ? String.valueOf((long) p.tolerance())
                    : String.format(Locale.ROOT, "%s", p.tolerance()));
        }
        feedback.setText(step.feedback());
        showQuestionRows();
    }

    /** The step the form describes; a field that cannot be read is an {@link IllegalArgumentException} saying which and how to fix it. */
    LessonStep read() {
        List<String> ids = Arrays.stream(highlight.getText().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        Optional<StoryStop> stop = stopMigration.getValue() == null || NONE.equals(stopMigration.getValue()) ? Optional.empty()
                : Optional.of(new StoryStop(stopMigration.getValue(), stopStep.getValue()));
        Optional<Question> question = Optional.empty();
        String kind = questionKind.getValue();
        if (!NO_QUESTION.equals(kind) && prompt.getText().isBlank()) {
            throw new IllegalArgumentException("the question needs a prompt, e.g. \"Predict the client gap, in ms.\"");
        }
        if (CHOICE.equals(kind)) {
            List<String> options = choices.getText().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (options.size() < 2) {
                throw new IllegalArgumentException("a multiple-choice question needs at least two options, one per line");
            }
            int right;
            try {
                right = Integer.parseInt(answer.getText().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the right option is a number from 1 to " + options.size() + ", got '" + answer.getText() + "'");
            }
            if (right < 1 || right > options.size()) {
                throw new IllegalArgumentException("the right option is a number from 1 to " + options.size() + ", got " + right);
            }
            question = Optional.of(new Question.Choice(prompt.getText().strip(), options, right - 1));
        } else if (PREDICTION.equals(kind)) {
            if (predictMigration.getValue() == null) {
                throw new IllegalArgumentException("a prediction is about a migration: add one in the Plan tab first");
            }
            double ms = LessonEditor.positiveMs(tolerance.getText(), "the tolerance");
            question = Optional.of(new Question.Prediction(prompt.getText().strip(), predictMigration.getValue(), figure.getValue(), ms));
        }
        return new LessonStep(text.getText().strip(), ids, stop, question, feedback.getText().strip());
    }
}
