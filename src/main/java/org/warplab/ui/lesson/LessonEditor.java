package org.warplab.ui.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.warplab.edit.ChangeLesson;
import org.warplab.lesson.Goals;
import org.warplab.lesson.LessonChecks;
import org.warplab.lesson.LessonText;
import org.warplab.model.Lab;
import org.warplab.model.Problem;
import org.warplab.model.lesson.Goal;
import org.warplab.model.lesson.Lesson;
import org.warplab.model.lesson.LessonStep;
import org.warplab.ui.common.DesignerModel;

/**
 * Writing a lesson with forms, not JSON: its title and objectives, its steps (text, selection,
 * story stop, question, feedback) and its goals. Save puts the lesson into the lab as one edit,
 * undone like any other; a reference to something the lab does not have is refused with the reason.
 */
public final class LessonEditor extends BorderPane {

    private final DesignerModel model;
    private final Lab lab;
    private final Stage stage;
    private final TextField title = new TextField();
    private final TextArea objectives = new TextArea();
    private final ObservableList<LessonStep> steps = FXCollections.observableArrayList();
    private final ObservableList<Goal> goals = FXCollections.observableArrayList();
    private final ListView<LessonStep> stepList = new ListView<>(steps);
    private final ListView<Goal> goalList = new ListView<>(goals);
    private final StepForm stepForm;
    private final GoalForm goalForm;
    private final Label error = new Label();
    /** The item each form holds, -1 for none; a form is read back into its list before another item is shown. */
    private int stepShown = -1;
    private int goalShown = -1;
    private boolean reverting;

    private LessonEditor(DesignerModel model, Stage stage) {
        this.model = model;
        this.lab = model.lab();
        this.stage = stage;
        setId("lesson-editor");
        stepForm = new StepForm(lab);
        goalForm = new GoalForm(lab);
        Lesson lesson = lab.lesson().orElse(new Lesson("", List.of(), List.of(), List.of()));
        title.setText(lesson.title());
        title.setPromptText("e.g. Network paging: S, S' and the capture program");
        title.setId("lesson-edit-title");
        objectives.setText(String.join("\n", lesson.objectives()));
        objectives.setPromptText("what the class will learn, one per line");
        objectives.setPrefRowCount(3);
        objectives.setId("lesson-edit-objectives");
        steps.setAll(lesson.steps());
        goals.setAll(lesson.goals());

        GridPane head = new GridPane();
        head.setHgap(8);
        head.setVgap(6);
        head.addRow(0, new Label("Title"), title);
        head.addRow(1, new Label("Objectives"), objectives);
        GridPane.setHgrow(title, Priority.ALWAYS);
        head.setPadding(new Insets(10));

        stepList.setId("lesson-edit-steps");
        stepList.setCellFactory(list -> cell(s -> {
            String text = LessonText.plain(s.text());
            String summary = text.length() > 60 ? text.substring(0, 58) + "…" : text.isEmpty() ? "(no text)" : text;
            return summary + (s.question().isPresent() ? "  [question]" : "") + (s.stop().isPresent() ? "  [stop]" : "");
        }));
        goalList.setId("lesson-edit-goals");
        goalList.setCellFactory(list -> cell(Goals::describe));
        TabPane tabs = new TabPane(
                new Tab("Steps", pane(stepList, stepForm, "step", () -> LessonStep.text(""), this::commitStep)),
                new Tab("Goals", pane(goalList, goalForm, "goal", () -> new Goal.NoWarnings(), this::commitGoal)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("lesson-edit-tabs");
        stepList.getSelectionModel().selectedIndexProperty().addListener((o, was, is) -> selected(was.intValue(), is.intValue(), true));
        goalList.getSelectionModel().selectedIndexProperty().addListener((o, was, is) -> selected(was.intValue(), is.intValue(), false));

        error.setId("lesson-edit-error");
        error.getStyleClass().add("refusal");
        error.setWrapText(true);
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Button remove = new Button("Remove the Lesson");
        remove.setId("lesson-edit-remove");
        remove.setDisable(lab.lesson().isEmpty());
        remove.setOnAction(e -> {
            model.perform(new ChangeLesson(lab.lesson(), Optional.empty()));
            stage.close();
        });
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        Button save = new Button("Save into the Lab");
        save.setId("lesson-edit-save");
        save.setDefaultButton(false);
        save.setOnAction(e -> save());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, remove, grow, cancel, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox bottom = new VBox(6, error, buttons);
        bottom.setPadding(new Insets(10));
        setTop(head);
        setCenter(tabs);
        setBottom(bottom);
        if (!steps.isEmpty()) {
            stepList.getSelectionModel().select(0);
        } else {
            stepForm.setDisable(true);
        }
        if (!goals.isEmpty()) {
            goalList.getSelectionModel().select(0);
        } else {
            goalForm.setDisable(true);
        }
    }

    /** Opens the editor for the model's lab in a window of its own (modal to {@code owner}). */
    public static LessonEditor open(Window owner, DesignerModel model) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        LessonEditor editor = new LessonEditor(model, stage);
        Scene scene = new Scene(editor, 900, 640);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            scene.getRoot().getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().contains("dark") ? List.of("dark") : List.of());
        }
        scene.getStylesheets().add(LessonEditor.class.getResource("/org/warplab/ui/lesson.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Lesson of " + model.lab().name());
        stage.show();
        return editor;
    }

    private static <T> ListCell<T> cell(Function<T, String> words) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : words.apply(item));
            }
        };
    }

    private <T> SplitPane pane(ListView<T> list, javafx.scene.Node form, String what, Supplier<T> fresh, Supplier<Boolean> commit) {
        Button add = new Button("Add a " + what);
        Button delete = new Button("Remove");
        Button up = new Button("▲");
        Button down = new Button("▼");
        add.setId("lesson-edit-add-" + what);
        delete.setId("lesson-edit-remove-" + what);
        add.setOnAction(e -> {
            if (commit.get()) {
                list.getItems().add(fresh.get());
                list.getSelectionModel().select(list.getItems().size() - 1);
            }
        });
        delete.setOnAction(e -> {
            int i = list.getSelectionModel().getSelectedIndex();
            if (i >= 0) {
                forget(list);
                list.getItems().remove(i);
                if (!list.getItems().isEmpty()) {
                    list.getSelectionModel().clearAndSelect(Math.min(i, list.getItems().size() - 1));
                }
            }
        });
        up.setOnAction(e -> moveItem(list, -1, commit));
        down.setOnAction(e -> moveItem(list, 1, commit));
        HBox tools = new HBox(6, add, delete, up, down);
        VBox left = new VBox(6, list, tools);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setPadding(new Insets(6));
        ScrollPane right = new ScrollPane(form);
        right.setFitToWidth(true);
        right.setPadding(new Insets(6));
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.34);
        return split;
    }

    private <T> void moveItem(ListView<T> list, int delta, Supplier<Boolean> commit) {
        int i = list.getSelectionModel().getSelectedIndex();
        int j = i + delta;
        if (i < 0 || j < 0 || j >= list.getItems().size() || !commit.get()) {
            return;
        }
        T item = list.getItems().get(i);
        forget(list);
        list.getItems().set(i, list.getItems().get(j));
        list.getItems().set(j, item);
        list.getSelectionModel().clearAndSelect(j);
    }

    /** The list's form is not holding an item any more (the item moved or went). */
    private void forget(ListView<?> list) {
        if (list == stepList) {
            stepShown = -1;
        } else {
            goalShown = -1;
        }
    }

    private void selected(int was, int is, boolean step) {
        if (reverting) {
            return;
        }
        boolean ok = step ? commitStep() : commitGoal();
        if (!ok) {
            reverting = true;
            (step ? stepList : goalList).getSelectionModel().clearAndSelect(was);
            reverting = false;
            return;
        }
        if (step) {
            stepShown = is;
            stepForm.setDisable(is < 0);
            if (is >= 0) {
                stepForm.load(steps.get(is));
            }
        } else {
            goalShown = is;
            goalForm.setDisable(is < 0);
            if (is >= 0) {
                goalForm.load(goals.get(is));
            }
        }
    }

    /** Reads the step form back into its step; false (and the reason shown) when a field cannot be read. */
    private boolean commitStep() {
        return commit(stepShown, steps, stepForm::read, "Step");
    }

    private boolean commitGoal() {
        return commit(goalShown, goals, goalForm::read, "Goal");
    }

    private <T> boolean commit(int shown, List<T> items, Supplier<T> form, String what) {
        if (shown < 0 || shown >= items.size()) {
            return true;
        }
        try {
            T item = form.get();
            if (!item.equals(items.get(shown))) {
                items.set(shown, item);
            }
            error.setText("");
            return true;
        } catch (IllegalArgumentException e) {
            error.setText(what + " " + (shown + 1) + ": " + e.getMessage());
            return false;
        }
    }

    /** Puts the lesson into the lab as one undoable edit, unless it names something the lab lacks. */
    boolean save() {
        if (!commitStep() || !commitGoal()) {
            return false;
        }
        if (title.getText().isBlank()) {
            error.setText("The lesson needs a title, e.g. \"Address warping\".");
            return false;
        }
        List<String> objectiveLines = new ArrayList<>(objectives.getText().lines().map(String::strip).filter(s -> !s.isEmpty()).toList());
        Lesson lesson = new Lesson(title.getText().strip(), objectiveLines, steps, goals);
        Lab next = model.lab().withLesson(Optional.of(lesson));
        List<Problem> problems = LessonChecks.problems(next);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            error.setText(first.path() + ": " + first.message() + " (" + first.hint() + ")");
            return false;
        }
        if (!Optional.of(lesson).equals(model.lab().lesson())) {
            model.perform(new ChangeLesson(model.lab().lesson(), Optional.of(lesson)));
        }
        stage.close();
        return true;
    }

    static double positiveMs(String text, String what) {
        try {
            double ms = Double.parseDouble(text.strip().replace(',', '.').replaceFirst("\\s*ms$", ""));
            if (ms >= 0 && Double.isFinite(ms)) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(what + " is a number of milliseconds, e.g. 100; got '" + text + "'");
    }

    // ---- for tests

    Stage stage() {
        return stage;
    }
}
