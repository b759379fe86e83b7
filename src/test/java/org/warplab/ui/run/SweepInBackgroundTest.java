package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.warplab.ui.TestWindows.fx;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.run.SweepMetric;
import org.warplab.testing.Samples;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/**
 * The Sweep tab builds and checks every value's lab in the background, as it runs them: the FX
 * thread shows that work's progress while it happens, Cancel stops the sweep (values not yet run
 * never run, its threads end) and the tab then sweeps again.
 */
@ExtendWith(ApplicationExtension.class)
class SweepInBackgroundTest {

    /** 500 values of the heaviest sample lab: seconds of work, so that the test can act while it runs. */
    private static final int VALUES = 500;

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "sweep-in-background-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    /** Waits up to two minutes for {@code condition} (read as the tab is; the machine may be busy), failing with the tab's status. */
    private static void await(String what, Label status, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited in vain for " + what + "; the tab says: " + status.getText(), e);
        }
    }

    /** A scene snapshot in target/screenshots, to look at the tab while it works. */
    private void shot(FxRobot robot, String name) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
        java.nio.file.Files.createDirectories(dir);
        javafx.scene.image.WritableImage image = fx(() -> window.sweepPane().getScene().snapshot(null));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name).toFile());
    }

    @Test
    void buildsTheLabsOffTheFxThreadAndCancelStopsTheSweep(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(Samples.file("mipv6-no-shared-storage")));
        robot.clickOn("#tab-sweep");
        SweepPane pane = window.sweepPane();
        Label status = robot.lookup("#sweep-status").queryAs(Label.class);
        Button sweep = robot.lookup("#sweep-run").queryAs(Button.class);
        Button cancel = robot.lookup("#sweep-cancel").queryAs(Button.class);
        ProgressBar progress = robot.lookup("#sweep-progress").queryAs(ProgressBar.class);
        assertTrue(fx(cancel::isDisabled), "nothing to cancel before a sweep");
        robot.interact(() -> pane.configure("links.W2.delayMs", 0, VALUES - 1, 1, SweepMetric.DOWNTIME));

        robot.interact(pane::start);
        assertTrue(fx(() -> pane.isRunning() && sweep.isDisabled() && !cancel.isDisabled() && progress.isVisible()));
        // the FX thread shows the labs being built: it is not the thread building them
        await("the labs being built shown", status, () -> status.getText().startsWith("checked the lab for")
                && progress.getProgress() > 0 && progress.getProgress() < 0.5);
        // then the runs start; cancel while they go
        await("a value run", status, () -> pane.valuesDone() > 0);
        shot(robot, "sweep-running.png");
        robot.clickOn("#sweep-cancel");
        await("the sweep cancelled", status, () -> !pane.isRunning());
        shot(robot, "sweep-cancelled.png");
        assertTrue(fx(() -> status.getText().startsWith("Cancelled")), () -> fx(status::getText));
        assertTrue(fx(() -> !sweep.isDisabled() && cancel.isDisabled() && !progress.isVisible()));
        assertTrue(fx(pane::points).isEmpty(), "a cancelled sweep shows no points");
        // the sweep's threads end with the runs under way: the values not yet run never start
        await("the sweep's threads ended", status, () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && (t.getName().startsWith("warplab-run-") || t.getName().equals("warplab-sweep"))));
        int run = pane.valuesDone();
        assertTrue(run < VALUES, "only " + run + " of " + VALUES + " values ran");

        // the tab sweeps again after a cancel
        robot.interact(() -> pane.configure("links.W2.delayMs", 0, 200, 50, SweepMetric.DOWNTIME));
        robot.clickOn("#sweep-run");
        await("the second sweep's points", status, () -> !pane.isRunning() && !pane.points().isEmpty());
        assertEquals(5, fx(pane::points).size());
        assertFalse(fx(sweep::isDisabled));
        assertTrue(fx(() -> status.getText().startsWith("Swept")), () -> fx(status::getText));
    }

    @Test
    void theFirstInvalidValueIsStillTheOneReported(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(Samples.file("mipv6-paper")));
        robot.clickOn("#tab-sweep");
        SweepPane pane = window.sweepPane();
        Label status = robot.lookup("#sweep-status").queryAs(Label.class);
        // -20 and -10 ms are both refused; the sweep's order names -20
        robot.interact(() -> pane.configure("links.W2.delayMs", -20, 20, 10, SweepMetric.DOWNTIME));
        robot.interact(pane::start);
        await("the refusal", status, () -> !pane.isRunning());
        assertTrue(fx(() -> status.getText().contains("= -20 ") || status.getText().contains("-20 ms")), () -> fx(status::getText));
        assertTrue(fx(pane::points).isEmpty(), "nothing ran");
        assertEquals(0, pane.valuesDone());
    }
}
