package org.warplab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.warplab.ui.TestWindows.fx;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.io.LabFiles;
import org.warplab.lesson.ExerciseCheck;
import org.warplab.lesson.Figures;
import org.warplab.lesson.LessonText;
import org.warplab.model.Lab;
import org.warplab.model.lesson.Figure;
import org.warplab.model.lesson.Question;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunOutcome;
import org.warplab.testing.Samples;
import org.warplab.testing.TestRuntimes;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/**
 * The network-paging lesson walked in the designer as a class would: Next/Back, the elements a
 * step selects, the replay stopped at the step's story step, a prediction answered wrong and then
 * right (judged against the run's own figure, shown only after the answer), presentation mode's
 * caption, and Check turning the goals green and red.
 */
@ExtendWith(ApplicationExtension.class)
class LessonPaneTest {

    private static final Path LAB = Samples.projectDir().resolve("lessons/network-paging/start.warplab.json");

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "lesson-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }


    private static String text(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    private static boolean shown(FxRobot robot, String query) {
        return fx(() -> {
            Node n = robot.lookup(query).query();
            return n.isVisible() && n.getScene() != null;
        });
    }

    private static void waitUntilIdle(LessonPane pane) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> !pane.lookup("#lesson-check").isDisabled()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void walkingTheNetworkPagingLessonWithAPredictionWrongThenRight(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(LAB));
        robot.clickOn("#tab-lesson");
        LessonPane pane = robot.lookup("#lesson-pane").queryAs(LessonPane.class);
        assertEquals("Network paging: S, S', the capture program and identical gateways", text(robot, "#lesson-title"));
        assertEquals("Step 1 of 5", text(robot, "#lesson-position"));
        assertTrue(fx(() -> robot.lookup("#lesson-back").query().isDisabled()), "no Back on the first step");
        // step 1: the text as the class reads it (no Markdown marks), R1 and R3 selected, the Lesson tab kept
        assertEquals(LessonText.plain(fx(() -> pane.walk().current().text())), fx(() -> pane.text().shownText()));
        assertFalse(fx(() -> pane.text().shownText()).contains("`"), "code marks are set, not shown");
        assertEquals(Set.of("R1", "R3"), fx(() -> window.model().selection()));
        assertEquals("Lesson", fx(() -> robot.lookup("#side-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel()
                .getSelectedItem().getText()), "selecting one element must not take the class away from the lesson");

        // step 2 stops the replay where the VM announces itself: run it, and the run view stops there with the lesson's words
        robot.clickOn("#lesson-next");
        assertEquals("Step 2 of 5", text(robot, "#lesson-position"));
        assertTrue(shown(robot, "#lesson-show"));
        assertFalse(shown(robot, "#lesson-question"));
        robot.clickOn("#lesson-show");
        waitUntilIdle(pane);
        assertEquals("Run", fx(() -> window.bottomTabs().getSelectionModel().getSelectedItem().getText()));
        assertEquals(LessonText.plain(fx(() -> pane.walk().current().text())), text(robot, "#run-caption-text"));
        assertTrue(text(robot, "#run-caption-title").contains("announcement sent"), text(robot, "#run-caption-title"));

        // step 3 asks for the switching time: the run is put away until the class has answered
        robot.clickOn("#lesson-next");
        assertEquals("Step 3 of 5", text(robot, "#lesson-position"));
        assertTrue(shown(robot, "#lesson-question"));
        assertTrue(text(robot, "#lesson-prompt").startsWith("Predict the switching time"));
        assertTrue(text(robot, "#run-status").startsWith("Answer the lesson's question first"), text(robot, "#run-status"));
        assertTrue(fx(() -> robot.lookup("#run-export").query().isDisabled()), "no run on show before the answer");
        assertEquals(Set.of("ADC", "R3"), fx(() -> window.model().selection()));

        // the run's own figure, as warplab check measures it (the emulator, seed 1)
        Lab lab = LabFiles.load(LAB).lab();
        RunOutcome run = TestRuntimes.real().emulated().run(lab, ExerciseCheck.SEED, m -> { });
        MigrationMetrics mig1 = Figures.migration(run.result(), java.util.Optional.of("MIG1")).orElseThrow();
        double switchingMs = Figures.value(Figure.SWITCHING, mig1).orElseThrow() / 1e6;
        double tolerance = ((Question.Prediction) fx(() -> pane.walk().current()).question().orElseThrow()).tolerance();

        // wrong: far outside the tolerance
        robot.clickOn("#lesson-number").write(String.format(Locale.ROOT, "%.0f", switchingMs + 10 * tolerance));
        robot.clickOn("#lesson-answer");
        waitUntilIdle(pane);
        String wrong = text(robot, "#lesson-feedback");
        assertTrue(wrong.startsWith("✘"), wrong);
        assertTrue(wrong.contains("the run measured " + Figures.ms(Math.round(switchingMs * 1e6))), wrong);
        assertTrue(fx(() -> robot.lookup("#lesson-feedback").query().getStyleClass().contains("lesson-wrong")));
        // the run is shown now, stopped at the configuration message, captioned by the lesson
        assertEquals(LessonText.plain(fx(() -> pane.walk().current().text())), text(robot, "#run-caption-text"));
        assertTrue(text(robot, "#run-caption-title").contains("configuration message"), text(robot, "#run-caption-title"));

        // right: within the tolerance; the feedback quotes the run's figure
        robot.doubleClickOn("#lesson-number").eraseText(12).write(String.format(Locale.ROOT, "%.1f", switchingMs + tolerance / 2));
        robot.clickOn("#lesson-answer");
        WaitForAsyncUtils.waitForFxEvents();
        String right = text(robot, "#lesson-feedback");
        assertTrue(right.startsWith("✔ Within"), right);
        assertTrue(right.contains("The run measured a switching time of " + Figures.ms(Math.round(switchingMs * 1e6))), right);
        assertTrue(fx(() -> robot.lookup("#lesson-feedback").query().getStyleClass().contains("lesson-right")));

        // presentation mode shows the lesson's caption for the step the replay stopped at
        robot.interact(() -> window.runPane().present(false));
        WaitForAsyncUtils.waitForFxEvents();
        Label presented = fx(() -> Window.getWindows().stream().map(w -> w.getScene().lookup("#present-caption-text"))
                .filter(n -> n instanceof Label).map(n -> (Label) n).findFirst().orElseThrow());
        assertEquals(LessonText.plain(fx(() -> pane.walk().current().text())), fx(presented::getText));
        robot.interact(() -> ((Stage) presented.getScene().getWindow()).close());

        // Back and Next walk to the end
        robot.clickOn("#lesson-back");
        assertEquals("Step 2 of 5", text(robot, "#lesson-position"));
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#lesson-next");
        }
        assertEquals("Step 5 of 5", text(robot, "#lesson-position"));
        assertTrue(fx(() -> robot.lookup("#lesson-next").query().isDisabled()), "no Next on the last step");

        // Check: the starting lab meets every goal but the identical gateways
        for (int i = 0; i < 5; i++) {
            int at = i;
            assertEquals("unchecked", fx(() -> pane.goals().state(at)));
        }
        robot.clickOn("#lesson-check");
        waitUntilIdle(pane);
        for (int i = 0; i < 4; i++) {
            int at = i;
            assertEquals("passed", fx(() -> pane.goals().state(at)), "goal " + i);
        }
        assertEquals("failed", fx(() -> pane.goals().state(4)));
        assertTrue(text(robot, "#lesson-status").startsWith("4 of 5 goals met"), text(robot, "#lesson-status"));
    }

    @Test
    void aMultipleChoiceQuestionWrongThenRightAndALabThatCannotRun(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(Samples.projectDir().resolve("lessons/address-warping/start.warplab.json")));
        assertEquals("Lesson", fx(() -> robot.lookup("#side-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel()
                .getSelectedItem().getText()), "a lab that carries a lesson opens on it");
        LessonPane pane = robot.lookup("#lesson-pane").queryAs(LessonPane.class);
        robot.clickOn("#lesson-next");
        assertTrue(text(robot, "#lesson-prompt").startsWith("With no scheme, where do the client's probes go"));
        robot.clickOn("#lesson-answer");
        assertEquals("Choose one of the answers first.", text(robot, "#lesson-feedback"));
        robot.clickOn("#lesson-option-0");
        robot.clickOn("#lesson-answer");
        waitUntilIdle(pane);
        String wrong = text(robot, "#lesson-feedback");
        assertTrue(wrong.startsWith("✘ Not quite; the answer is: Still to PDC, where nothing answers."), wrong);
        robot.clickOn("#lesson-option-1");
        robot.clickOn("#lesson-answer");
        WaitForAsyncUtils.waitForFxEvents();
        String right = text(robot, "#lesson-feedback");
        assertTrue(right.startsWith("✔ Right: Still to PDC, where nothing answers."), right);
        assertTrue(text(robot, "#run-caption-title").contains("VM resumes"), text(robot, "#run-caption-title"));

        // the tenants lesson's starting lab does not validate: the question is answered, the run refused with the validator's reason
        robot.interact(() -> window.open(Samples.projectDir().resolve("lessons/tenants/start.warplab.json")));
        robot.clickOn("#lesson-next");
        robot.clickOn("#lesson-next");
        robot.clickOn("#lesson-option-1");
        robot.clickOn("#lesson-answer");
        waitUntilIdle(pane);
        String refused = text(robot, "#lesson-feedback");
        assertTrue(refused.startsWith("The lab could not run: the lab has errors (first: "), refused);
        assertTrue(refused.contains("5001"), refused);
    }
}
