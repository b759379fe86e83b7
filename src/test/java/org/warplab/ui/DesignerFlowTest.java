package org.warplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
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
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.SchemeKind;

/**
 * Builds the paper's paging lab from an empty document with real gestures (drag from the palette,
 * connect, rename in place, the scheme and plan panels, inspector fields), undoes and redoes every
 * step, saves, reopens, and compares with the sample lab.
 */
@ExtendWith(ApplicationExtension.class)
class DesignerFlowTest {

    @TempDir
    Path temp;

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "designer-test", null);
        window = opened.window();
        window.newDocument();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    /** Screen point of canvas coordinates (x, y). */
    private Point2D screen(double x, double y) {
        AtomicReference<Point2D> out = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            Point2D local = window.canvas().toScreen(x, y);
            out.set(window.canvas().localToScreen(local));
        });
        return out.get();
    }

    private Rectangle2D bounds(String id) {
        AtomicReference<Rectangle2D> out = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> out.set(window.canvas().labLayout().bounds(id).orElseThrow()));
        return out.get();
    }

    /** A point on {@code id} that is the node itself: a data center's header, not one of its VMs. */
    private Point2D handle(String id) {
        Rectangle2D r = bounds(id);
        Lab lab = window.model().lab();
        if (lab.node(id).orElseThrow().kind() == org.warplab.model.NodeKind.DATA_CENTER) {
            return screen(r.getMinX() + 20, r.getMinY() + 12);
        }
        return screen(r.getMinX() + r.getWidth() / 2, r.getMinY() + r.getHeight() / 2);
    }

    private void dropFromPalette(FxRobot robot, String kind, double x, double y) {
        robot.drag("#palette-" + kind, MouseButton.PRIMARY).dropTo(screen(x, y));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void connect(FxRobot robot, String a, String b) {
        robot.drag(handle(a), MouseButton.PRIMARY).dropTo(handle(b));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void rename(FxRobot robot, String id, String name) {
        robot.doubleClickOn(handle(id));
        robot.lookup("#rename-field").queryAs(TextField.class);
        robot.push(KeyCode.CONTROL, KeyCode.A).write(name).push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void type(FxRobot robot, String fieldId, String text) {
        robot.clickOn("#" + fieldId);
        robot.push(KeyCode.CONTROL, KeyCode.A).write(text).push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void choose(FxRobot robot, String comboId, String item) {
        robot.clickOn("#" + comboId);
        robot.clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node node(String id) {
        return window.model().lab().node(id).orElseThrow();
    }

    @Test
    void buildsThePapersPagingLabByHandUndoesRedoesSavesAndReopensIt(FxRobot robot) throws Exception {
        assertTrue(window.model().lab().nodes().isEmpty());

        robot.clickOn("#tab-scheme");
        choose(robot, "scheme-choice", "Network paging");
        assertEquals(SchemeKind.NETWORK_PAGING, window.model().lab().scheme());

        dropFromPalette(robot, "data-center", 100, 100);
        dropFromPalette(robot, "vm", 100, 100);
        assertEquals("DC1", ((org.warplab.model.Vm) node("vm1")).dataCenter());
        dropFromPalette(robot, "data-center", 100, 340);
        dropFromPalette(robot, "server-edge-router", 260, 100);
        dropFromPalette(robot, "server-edge-router", 260, 340);
        dropFromPalette(robot, "core-router", 400, 100);
        dropFromPalette(robot, "core-router", 400, 340);
        dropFromPalette(robot, "client-edge-router", 520, 220);
        dropFromPalette(robot, "client", 640, 220);
        assertEquals(List.of("DC1", "vm1", "DC2", "R1", "R2", "C1", "C2", "R3", "U1"),
                window.model().lab().nodes().stream().map(Node::id).toList());

        // a VM dropped outside every data center is refused, with the reason
        dropFromPalette(robot, "vm", 640, 40);
        assertEquals(9, window.model().lab().nodes().size());
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().contains("inside a data center"));

        robot.clickOn("#tool-connect");
        connect(robot, "DC1", "R1");
        connect(robot, "DC2", "R2");
        connect(robot, "R1", "C1");
        connect(robot, "R2", "C2");
        connect(robot, "C1", "C2");
        connect(robot, "C1", "R3");
        connect(robot, "C2", "R3");
        connect(robot, "U1", "R3");
        connect(robot, "DC1", "DC2");
        robot.clickOn("#tool-connect");
        assertEquals(List.of("L1", "L2", "W1", "W2", "W3", "W4", "W5", "L3", "M1"),
                window.model().lab().links().stream().map(org.warplab.model.Link::id).toList());

        rename(robot, "DC1", "PDC (peak-time)");
        rename(robot, "DC2", "ADC (all-day)");
        rename(robot, "C1", "Core 1");
        rename(robot, "C2", "Core 2");
        rename(robot, "U1", "Client U");
        rename(robot, "vm1", "VM A");
        assertEquals("Core 2", node("C2").name());

        // the VM's address and MAC in the inspector (the VM is selected by the rename)
        robot.clickOn("#tab-inspector");
        type(robot, "inspector-field-addresses", "172.16.10.2");
        type(robot, "inspector-field-mac", "52:54:00:10:00:0z");
        assertTrue(robot.lookup("#inspector-refusal").queryAs(Label.class).getText().contains("not a hex pair"));
        type(robot, "inspector-field-mac", "52:54:00:10:00:02");

        // the scheme: who translates, and the prefix S' shown on the WAN
        robot.clickOn("#tab-scheme");
        type(robot, "scheme-field-translating-server-edges", "R1");
        type(robot, "scheme-field-client-edge-translators", "R3");
        type(robot, "scheme-field-r1-wan-prefix-s", "172.15.0.1/16");
        assertTrue(robot.lookup("#scheme-refusal").queryAs(Label.class).getText().contains("host bits set"),
                "a prefix with host bits is refused with the reason");
        type(robot, "scheme-field-r1-wan-prefix-s", "172.14.0.0/16");
        type(robot, "scheme-field-r1-wan-prefix-s", "172.15.0.0/16");

        robot.clickOn("#tab-plan");
        robot.clickOn("#add-migration");
        robot.clickOn("#add-probe");

        // the lab's run duration, with nothing selected
        robot.clickOn(screen(700, 20));
        robot.clickOn("#tab-inspector");
        type(robot, "inspector-field-run-duration-ms", "4000");

        Lab sample = LabFiles.load(Path.of("sample-labs/paging-paper.warplab.json")).lab();
        Lab built = window.model().lab();
        assertEquals(normalized(sample, sample), normalized(built, sample));
        assertTrue(window.model().problems().isEmpty(), () -> "problems: " + window.model().problems());
        assertTrue(window.stage().getTitle().startsWith("• "), "the title marks unsaved changes");

        // undo every step back to the empty lab, then redo them all
        robot.clickOn(screen(700, 20));
        int steps = 0;
        while (window.model().canUndoProperty().get()) {
            robot.push(KeyCode.CONTROL, KeyCode.Z);
            WaitForAsyncUtils.waitForFxEvents();
            steps++;
        }
        assertTrue(steps >= 30, "every gesture is one step: " + steps);
        assertTrue(window.model().lab().nodes().isEmpty());
        assertEquals(SchemeKind.NONE, window.model().lab().scheme());
        for (int i = 0; i < steps; i++) {
            robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(built, window.model().lab());

        Path file = temp.resolve("drawn.warplab.json");
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> window.saveTo(file));
        assertFalse(window.model().isDirty());
        assertFalse(window.stage().getTitle().startsWith("• "));
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> window.newDocument());
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> window.open(file));
        assertEquals(built, window.model().lab());
        assertEquals(normalized(sample, sample), normalized(LabFiles.load(file).lab(), sample));
        assertTrue(Files.readString(file).contains("\"network-paging\""));
    }

    /**
     * The lab's file text with positions, name and description left out and node ids replaced by
     * node names: the drawn lab's ids (DC1) differ from the sample's (PDC), its names do not.
     */
    static String normalized(Lab lab, Lab sample) {
        Lab plain = lab.withNodes(lab.nodes().stream().map(n -> (Node) n.withPosition(Position.ORIGIN)).toList())
                .withNameAndDescription(sample.name(), sample.description());
        String json = LabFiles.toJson(plain);
        for (Node n : lab.nodes()) {
            json = json.replace("\"" + n.id() + "\"", "\"" + n.name() + "\"");
        }
        return json;
    }
}
