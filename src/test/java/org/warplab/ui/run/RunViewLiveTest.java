package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.live.NamespaceNames;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/** A live run from the Run tab (root, Linux, the tools): it replays from its real trace; Stop tears the lab down. */
@Tag("live")
@ExtendWith(ApplicationExtension.class)
class RunViewLiveTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "run-view-live-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    private void chooseLive(FxRobot robot) throws Exception {
        Tools.requireRoot();
        for (String tool : List.of("ip", "nft", "ethtool", "sysctl")) {
            Tools.require(tool, tool.equals("sysctl") ? "procps" : tool.equals("nft") ? "nftables" : tool.equals("ip") ? "iproute2" : tool);
        }
        robot.interact(() -> window.open(Samples.file("paging-paper")));
        robot.clickOn("#tab-run");
        RadioButton live = robot.lookup("#run-live").queryAs(RadioButton.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !live.isDisabled()
                || !robot.lookup("#run-live-reason").queryLabeled().getText().contains("checking"));
        Tools.require(!live.isDisabled(), "live mode is not available here: " + robot.lookup("#run-live-reason").queryLabeled().getText());
        robot.clickOn("#run-live");
    }

    private static List<String> namespacesOfTheLab() {
        String prefix = NamespaceNames.of(Samples.lab("paging-paper")).labPrefix();
        return Tools.run(List.of("ip", "netns", "list")).output().lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith(prefix)).toList();
    }

    @Test
    void aLiveRunReplaysFromItsRealTrace(FxRobot robot) throws Exception {
        chooseLive(robot);
        robot.clickOn("#run-start");
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.runPane().isRunning());
        WaitForAsyncUtils.waitForFxEvents();
        RunRecord record = window.runPane().recordProperty().get();
        assertTrue(record != null, "the live run gave no result: " + window.runPane().statusLabel().getText());
        assertEquals("live", record.result().runtime());
        assertFalse(record.result().migrations().isEmpty());
        // the live runtime records deliveries, drops and state changes (not every hop): the replay shows those
        TraceEvent.RuleSwitched switched = record.trace().ofType(TraceEvent.RuleSwitched.class).get(0);
        assertFalse(record.trace().ofType(TraceEvent.Delivered.class).stream().noneMatch(d -> d.kind() == PacketKind.ECHO));
        robot.interact(() -> window.runPane().seek(switched.timeNs()));
        assertEquals(switched, window.runPane().log().getSelectionModel().getSelectedItem());
        assertEquals(1, window.runPane().overlay().index().switchesBetween(switched.timeNs() - 1, switched.timeNs()).size());
        long end = window.runPane().overlay().index().endNs();
        robot.interact(() -> {
            window.runPane().setSpeed(10);
            window.runPane().seek(end - 50_000_000L);
        });
        robot.clickOn("#run-play");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.runPane().time() == end);
        assertFalse(window.runPane().readout().figures().get(1).equals("—"), "a downtime was measured");
        assertEquals(List.of(), namespacesOfTheLab());
    }

    @Test
    void stopEndsALiveRunAndLeavesNothingBehind(FxRobot robot) throws Exception {
        chooseLive(robot);
        robot.clickOn("#run-start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !namespacesOfTheLab().isEmpty());
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        robot.clickOn("#run-stop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.runPane().isRunning());
        assertEquals(List.of(), namespacesOfTheLab());
        assertTrue(window.runPane().statusLabel().getText().startsWith("Stopped"), window.runPane().statusLabel().getText());
    }
}
