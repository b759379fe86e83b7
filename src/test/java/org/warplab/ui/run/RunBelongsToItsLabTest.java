package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.testing.Samples;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/**
 * Issue 14, points 2 and 3 as a user meets them: a run's figures say when the VM was unreachable
 * (no "gap 0.0 ms"), and a run's readout, log, filter and packet leave the screen when another lab
 * is opened or a new run starts.
 */
@ExtendWith(ApplicationExtension.class)
class RunBelongsToItsLabTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "run-belongs-test", null);
        window = opened.window();
        window.runPane(); // the Run tab is built when first shown; built here, on the FX thread, the test may reach it from its own
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    private RunPane run() {
        return window.runPane();
    }

    private void runAndWait(FxRobot robot) throws Exception {
        RunRecord before = run().recordProperty().get();
        robot.clickOn("#tab-run");
        robot.clickOn("#run-start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !run().isRunning() && run().recordProperty().get() != null
                && run().recordProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T> T fx(java.util.concurrent.Callable<T> call) {
        AtomicReference<T> out = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            try {
                out.set(call.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return out.get();
    }

    @Test
    void anUnreachableVmIsSaidSoNotShownAsAGap(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(Samples.file("baseline-no-scheme")));
        runAndWait(robot);
        String gap = fx(() -> run().readout().figures().get(2));
        assertEquals("unreachable after", gap);
        String caveats = fx(() -> run().readout().caveatText());
        assertTrue(caveats.contains("unreachable after the move"), caveats);
    }

    @Test
    void openingAnotherLabClearsTheRunsReadoutLogFilterAndPacket(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(Samples.file("paging-paper")));
        runAndWait(robot);
        TextField filter = robot.lookup("#run-log-filter").queryAs(TextField.class);
        robot.interact(() -> filter.setText("no event has this text"));
        assertEquals(0, fx(() -> run().log().getItems().size()));
        String placeholder = fx(() -> ((Label) run().log().getPlaceholder()).getText());
        assertTrue(placeholder.startsWith("No row matches the filter"), placeholder);
        assertTrue(fx(() -> run().readout().figures().get(3)).contains("of 127 sent"));

        robot.interact(() -> window.open(Samples.file("segmentation-tenants")));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(run().recordProperty().get());
        assertEquals("", fx(filter::getText));
        assertEquals(java.util.List.of("—", "—", "—", "— ", "—"), fx(() -> run().readout().figures()));
        assertTrue(fx(() -> run().readout().caveatText()).isEmpty());
        assertTrue(fx(() -> run().packetDetailsText()).startsWith("Click a packet"));
        assertTrue(fx(() -> ((Label) run().log().getPlaceholder()).getText()).startsWith("No run yet"));
    }
}
