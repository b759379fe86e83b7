package org.warplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.edit.ChangeSettings;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.model.SchemeKind;
import org.warplab.model.Segmentation;
import org.warplab.testing.Samples;

/**
 * Issue 14, point 1 in the designer (the scenario: the paper's paging lab, Segmentation chosen in
 * the Scheme tab): the Problems tab, the status bar and the Configs tab say the same about the lab,
 * when it can run and when its segment leaves the client out.
 */
@ExtendWith(ApplicationExtension.class)
class OneTruthTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "one-truth-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    private String problemsTitle() {
        return TestWindows.fx(() -> window.bottomTabs().getTabs().get(0).getText());
    }

    private String statusCounts(FxRobot robot) {
        return TestWindows.fx(() -> robot.lookup(".status-bar .label").queryAll().stream().map(n -> ((Label) n).getText())
                .filter(t -> t != null && t.contains("node")).findFirst().orElse(""));
    }

    /** The Configs tab's message, or "" while it shows the generated files. */
    private String configsMessage(FxRobot robot) {
        return TestWindows.fx(() -> {
            Label message = robot.lookup("#configs-message").queryAs(Label.class);
            for (javafx.scene.Node n = message; n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return "";
                }
            }
            return message.getText();
        });
    }

    @Test
    void problemsStatusBarAndConfigsAgreeOnThePagingLabWithSegmentation(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(Samples.file("paging-paper")));
        robot.clickOn("#tab-scheme");
        robot.interact(() -> robot.lookup("#scheme-choice").queryAs(ComboBox.class).getSelectionModel().select(SchemeKind.SEGMENTATION));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(SchemeKind.SEGMENTATION, window.model().lab().scheme());
        // the scheme's defaults fill in what it needs, the client's edge included: nothing to fix anywhere
        assertEquals(List.of(), LabValidator.validate(window.model().lab()).stream().filter(Problem::isError).toList());
        assertTrue(problemsTitle().startsWith("Problems (0)"), problemsTitle());
        assertTrue(statusCounts(robot).endsWith("valid"), statusCounts(robot));
        robot.clickOn("#tab-configs");
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> !configsMessage(robot).startsWith("Generating"));
        assertEquals("", configsMessage(robot), "the files are generated");

        // the segment without the client's edge (what the designer used to fill in): an error everywhere alike
        robot.interact(() -> {
            Lab lab = window.model().lab();
            Segmentation s = lab.schemeConfig(Segmentation.class).orElseThrow();
            window.model().perform(ChangeSettings.between("Leave the client out", lab,
                    lab.withSchemeConfig(new Segmentation(s.idKind(), s.segments(), List.of("R1", "R2"), s.gateway()))));
        });
        WaitForAsyncUtils.waitForFxEvents();
        long errors = LabValidator.validate(window.model().lab()).stream().filter(Problem::isError).count();
        assertTrue(errors >= 1, "the validator refuses it");
        assertFalse(problemsTitle().startsWith("Problems (0)"), problemsTitle());
        assertTrue(statusCounts(robot).contains(org.warplab.ui.common.Wording.count(errors, "error")), statusCounts(robot));
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> configsMessage(robot).contains("error"));
        assertTrue(configsMessage(robot).contains(org.warplab.ui.common.Wording.count(errors, "error")), configsMessage(robot));
        // and "Show the Problems tab" leads to a list that holds them
        Tab problems = window.bottomTabs().getTabs().get(0);
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(problems));
        assertTrue(TestWindows.fx(() -> robot.lookup("#problem-list").tryQuery().map(n -> ((javafx.scene.control.ListView<?>) n).getItems().size())
                .orElse(-1)) != 0, "the Problems list is not empty");
    }
}
