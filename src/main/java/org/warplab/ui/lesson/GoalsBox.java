package org.warplab.ui.lesson;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.warplab.lesson.GoalResult;
import org.warplab.lesson.Goals;
import org.warplab.model.lesson.Goal;

/**
 * The lesson's goals, one row each: grey before a check, then green (passed) or red (failed) with
 * the measured figure and why, the same words {@code warplab check} prints.
 */
final class GoalsBox extends VBox {

    GoalsBox() {
        super(6);
        setId("lesson-goals");
    }

    /** The goals, not checked yet. */
    void showUnchecked(List<Goal> goals) {
        getChildren().clear();
        if (goals.isEmpty()) {
            getChildren().add(muted("This lesson has no goals: the editor adds them."));
        }
        for (int i = 0; i < goals.size(); i++) {
            getChildren().add(row(i, "○", "", Goals.describe(goals.get(i)), "not checked yet"));
        }
    }

    void showResults(List<GoalResult> results) {
        getChildren().clear();
        for (int i = 0; i < results.size(); i++) {
            GoalResult r = results.get(i);
            getChildren().add(row(i, r.passed() ? "✔" : "✘", r.passed() ? "passed" : "failed", r.goal(), r.measured() + " — " + r.why()));
        }
    }

    private static HBox row(int index, String mark, String state, String goal, String why) {
        Label markLabel = new Label(mark);
        markLabel.getStyleClass().add("lesson-goal-mark");
        if (!state.isEmpty()) {
            markLabel.getStyleClass().add(state);
        }
        markLabel.setMinWidth(18);
        Label goalLabel = new Label(goal);
        goalLabel.setWrapText(true);
        Label whyLabel = new Label(why);
        whyLabel.setWrapText(true);
        whyLabel.getStyleClass().add("lesson-goal-why");
        VBox words = new VBox(1, goalLabel, whyLabel);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox row = new HBox(6, markLabel, words);
        row.setId("lesson-goal-" + index);
        row.getProperties().put("state", state.isEmpty() ? "unchecked" : state);
        return row;
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("lesson-goal-why");
        return label;
    }

    /** "passed", "failed" or "unchecked" for goal {@code index} (what a test reads). */
    String state(int index) {
        return String.valueOf(lookup("#lesson-goal-" + index).getProperties().get("state"));
    }
}
