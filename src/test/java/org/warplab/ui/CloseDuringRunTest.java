package org.warplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.model.Lab;
import org.warplab.run.LabRuntime;
import org.warplab.run.RunOutcome;
import org.warplab.run.Runtimes;
import org.warplab.testing.Samples;
import org.warplab.testing.TestRuntimes;

/**
 * Closing the designer while a run is going on (issue 18: a live run's lab must not outlive its
 * window): the user is asked; Cancel keeps both; "Stop and Close" stops the run, waits for its
 * teardown to finish, and only then closes the window.
 */
@ExtendWith(ApplicationExtension.class)
class CloseDuringRunTest {

    /** A run that goes on until it is interrupted, then takes a moment to tear down, as a live run does. */
    static final class RunUntilStopped implements LabRuntime {
        final CountDownLatch started = new CountDownLatch(1);
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public String description() {
            return "a run that waits to be stopped";
        }

        @Override
        public Optional<String> unavailable(Lab lab) {
            return Optional.empty();
        }

        @Override
        public RunOutcome run(Lab lab, long seed, Consumer<String> progress) throws InterruptedException {
            started.countDown();
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            } catch (InterruptedException stop) {
                events.add("stopped");
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300); // the teardown, uninterruptible
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                events.add("torn down");
                throw stop;
            }
            throw new IllegalStateException("never stopped");
        }
    }

    private final RunUntilStopped runtime = new RunUntilStopped();
    private TestWindows.Opened opened;
    private Stage stage;

    @Start
    void start(Stage stage) {
        Platform.setImplicitExit(false); // this test closes its window; the other tests still need the toolkit
        this.stage = stage;
        opened = TestWindows.open(stage, "close-during-run-test", null, new Runtimes(runtime, TestRuntimes.real().live()));
        opened.window().open(Samples.file("paging-paper"));
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    private void startRunAndAskToClose(FxRobot robot) throws Exception {
        robot.interact(() -> opened.window().runLab());
        assertTrue(runtime.started.await(30, TimeUnit.SECONDS), "the run started");
        // not interact(): the close request shows a modal question, which waits for its answer
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().stream().anyMatch(w -> w != stage && w.isShowing()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private DialogPane question() {
        return Window.getWindows().stream().filter(w -> w != stage && w.isShowing()).map(w -> w.getScene().getRoot())
                .filter(DialogPane.class::isInstance).map(DialogPane.class::cast).findFirst().orElseThrow(() -> new AssertionError("no question asked"));
    }

    private void answer(FxRobot robot, DialogPane pane, String button) {
        ButtonType type = pane.getButtonTypes().stream().filter(t -> t.getText().equals(button)).findFirst().orElseThrow();
        Platform.runLater(() -> ((Button) pane.lookupButton(type)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void stopAndCloseTearsTheRunDownBeforeTheWindowGoes(FxRobot robot) throws Exception {
        startRunAndAskToClose(robot);
        DialogPane pane = question();
        assertEquals("A run is going on. Stop it and close?", pane.getHeaderText());
        assertTrue(stage.isShowing(), "the window waits for the answer");
        answer(robot, pane, "Stop and Close");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !stage.isShowing());
        assertEquals(List.of("stopped", "torn down"), runtime.events, "the window closed only after the run's teardown");
        assertFalse(opened.window().runPane().isRunning());
    }

    @Test
    void cancelKeepsTheWindowAndTheRun(FxRobot robot) throws Exception {
        startRunAndAskToClose(robot);
        answer(robot, question(), "Cancel");
        assertTrue(stage.isShowing());
        assertTrue(opened.window().runPane().isRunning(), "the run goes on");
        assertEquals(List.of(), runtime.events);
        robot.interact(() -> opened.window().runPane().stopRun());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !opened.window().runPane().isRunning());
    }
}
