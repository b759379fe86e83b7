package org.warplab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.warplab.ui.TestWindows.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.lesson.Figure;
import org.warplab.model.lesson.Goal;
import org.warplab.model.lesson.Lesson;
import org.warplab.model.lesson.LessonStep;
import org.warplab.model.lesson.Question;
import org.warplab.model.lesson.StoryStop;
import org.warplab.testing.Samples;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/**
 * Writing a lesson with the form editor on a sample lab that has none: steps with a stop and a
 * question, a goal; saved into the lab as one undoable edit and into the file; a form that
 * cannot be read or a reference the lab lacks is refused with the reason.
 */
@ExtendWith(ApplicationExtension.class)
class LessonEditorTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "lesson-editor-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }


    @SuppressWarnings("unchecked")
    private static <T> void choose(FxRobot robot, String query, T value) {
        robot.interact(() -> ((ChoiceBox<T>) robot.lookup(query).query()).setValue(value));
    }

    @Test
    void aLessonWrittenInFormsIsSavedUndoneAndWritten(FxRobot robot, @TempDir Path dir) throws Exception {
        Path copy = dir.resolve("paging.warplab.json");
        Files.copy(Samples.file("paging-paper"), copy);
        robot.interact(() -> window.open(copy));
        Lab before = fx(() -> window.model().lab());
        assertTrue(before.lesson().isEmpty(), "the sample has no lesson");
        robot.clickOn("#tab-lesson");
        robot.clickOn("#lesson-edit");
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#lesson-edit-title").write("Paging in two steps");
        robot.clickOn("#lesson-edit-objectives").write("See the rule switch");
        robot.clickOn("#lesson-edit-add-step");
        robot.clickOn("#lesson-edit-text").write("R3 translates for *vm1*.");
        robot.clickOn("#lesson-edit-highlight").write("R3");
        robot.clickOn("#lesson-edit-add-step");
        robot.clickOn("#lesson-edit-text").write("The rule switches.");
        choose(robot, "#lesson-edit-stop-migration", "MIG1");
        choose(robot, "#lesson-edit-stop-step", "rule-switched");
        choose(robot, "#lesson-edit-question", StepForm.PREDICTION);
        robot.clickOn("#lesson-edit-prompt").write("Predict the client gap, in ms.");
        choose(robot, "#lesson-edit-figure", Figure.CLIENT_GAP);
        // a tolerance that is not a number is refused with the reason, and nothing is saved
        robot.clickOn("#lesson-edit-tolerance").write("lots");
        robot.clickOn("#lesson-edit-save");
        String refusal = fx(() -> robot.lookup("#lesson-edit-error").queryAs(Label.class).getText());
        assertTrue(refusal.startsWith("Step 2: the tolerance is a number of milliseconds"), refusal);
        assertEquals(before, fx(() -> window.model().lab()));
        robot.doubleClickOn("#lesson-edit-tolerance").eraseText(4).write("150");
        robot.clickOn("#lesson-edit-feedback").write("The gap was {client-gap}.");

        robot.clickOn("Goals");
        robot.clickOn("#lesson-edit-add-goal");
        choose(robot, "#lesson-goal-kind", GoalForm.Kind.BELOW);
        choose(robot, "#lesson-goal-figure", Figure.DOWNTIME);
        robot.clickOn("#lesson-goal-max").write("800");
        robot.clickOn("#lesson-edit-save");
        WaitForAsyncUtils.waitForFxEvents();

        Lesson expected = new Lesson("Paging in two steps", List.of("See the rule switch"), List.of(
                new LessonStep("R3 translates for *vm1*.", List.of("R3"), Optional.empty(), Optional.empty(), ""),
                new LessonStep("The rule switches.", List.of(), Optional.of(new StoryStop("MIG1", "rule-switched")),
                        Optional.of(new Question.Prediction("Predict the client gap, in ms.", "MIG1", Figure.CLIENT_GAP, 150)),
                        "The gap was {client-gap}.")),
                List.of(new Goal.Below(Figure.DOWNTIME, "MIG1", 800_000_000L)));
        assertEquals(Optional.of(expected), fx(() -> window.model().lab().lesson()));
        assertEquals("Paging in two steps", fx(() -> robot.lookup("#lesson-title").queryAs(Label.class).getText()));
        assertEquals("Step 1 of 2", fx(() -> robot.lookup("#lesson-position").queryAs(Label.class).getText()));

        // one edit: undone and redone like any other
        robot.interact(() -> window.model().undo());
        assertEquals(Optional.empty(), fx(() -> window.model().lab().lesson()));
        robot.interact(() -> window.model().redo());
        assertEquals(Optional.of(expected), fx(() -> window.model().lab().lesson()));

        // saved into the file (format version 2), and read back the same
        robot.interact(() -> {
            try {
                window.model().save(copy);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(Optional.of(expected), LabFiles.load(copy).lab().lesson());
    }

    @Test
    void aStepNamingAnElementTheLabLacksIsRefused(FxRobot robot) {
        robot.interact(() -> window.open(Samples.file("paging-paper")));
        robot.clickOn("#tab-lesson");
        robot.clickOn("#lesson-edit");
        robot.clickOn("#lesson-edit-title").write("Typo");
        robot.clickOn("#lesson-edit-add-step");
        robot.clickOn("#lesson-edit-text").write("Look at R9.");
        robot.clickOn("#lesson-edit-highlight").write("R9");
        robot.clickOn("#lesson-edit-save");
        String refusal = fx(() -> robot.lookup("#lesson-edit-error").queryAs(Label.class).getText());
        assertEquals("lesson.steps[0].highlight[0]: no node or link 'R9' to highlight (use an id of the lab)", refusal);
        assertFalse(fx(() -> window.model().lab().lesson().isPresent()));
    }
}
