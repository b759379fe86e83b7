package org.warplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.ListView;
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
import org.warplab.model.Position;
import org.warplab.model.Problem;
import org.warplab.model.Vm;
import org.warplab.ui.common.Theme;

/** The canvas gestures and document features on the paper's lab, with real mouse and keys. */
@ExtendWith(ApplicationExtension.class)
class CanvasGesturesTest {

    private static final Path SAMPLE = Path.of("sample-labs/paging-paper.warplab.json");

    @TempDir
    static Path temp;

    private DesignerWindow window;
    private TestWindows.Opened opened;
    private Lab sample;

    @Start
    void start(Stage stage) throws Exception {
        opened = TestWindows.open(stage, "designer-test", temp.resolve("recovery-" + System.nanoTime() + ".warplab.json"));
        window = opened.window();
        sample = LabFiles.load(SAMPLE).lab();
        window.open(SAMPLE);
    }

    /** The whole lab in view (so the mini-map, which shows only when it does not fit, covers nothing). */
    @org.junit.jupiter.api.BeforeEach
    void fitTheLab() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> window.canvas().fit());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.canvas().miniMapVisible());
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    private Point2D screen(double x, double y) {
        AtomicReference<Point2D> out = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> out.set(window.canvas().localToScreen(window.canvas().toScreen(x, y))));
        return out.get();
    }

    private Point2D center(String id) {
        AtomicReference<Rectangle2D> r = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> r.set(window.canvas().labLayout().bounds(id).orElseThrow()));
        return screen(r.get().getMinX() + r.get().getWidth() / 2, r.get().getMinY() + r.get().getHeight() / 2);
    }

    private Position position(String id) {
        return window.model().lab().node(id).orElseThrow().position();
    }

    @Test
    void aDragIsOneUndoStepAndSnapsToTheGrid(FxRobot robot) {
        robot.drag(center("R3"), MouseButton.PRIMARY).dropTo(screen(780 + 47, 300 + 13));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Position(820, 320), position("R3"));
        assertEquals("Undo Move R3", window.model().undoLabelProperty().get());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(sample, window.model().lab());
        assertFalse(window.model().isDirty());
    }

    @Test
    void rubberBandThenShiftClickSelectsAndDeleteIsUndoable(FxRobot robot) {
        robot.drag(screen(300, 90), MouseButton.PRIMARY).dropTo(screen(600, 200));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("R1", "C1"), window.model().selection());
        robot.press(KeyCode.SHIFT).clickOn(center("R3")).release(KeyCode.SHIFT);
        assertEquals(Set.of("R1", "C1", "R3"), window.model().selection());
        robot.push(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.model().lab().node("C1").isEmpty());
        assertTrue(window.model().lab().links().stream().noneMatch(l -> l.touches("R3")));
        assertTrue(window.model().undoLabelProperty().get().startsWith("Undo Delete "));
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(sample, window.model().lab());
    }

    @Test
    void copyPasteAndDuplicateMakeFreshNodes(FxRobot robot) {
        robot.clickOn(center("R3"));
        robot.push(KeyCode.CONTROL, KeyCode.C);
        robot.push(KeyCode.CONTROL, KeyCode.V);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("R4"), window.model().selection());
        assertEquals(new Position(820, 340), position("R4"));
        robot.push(KeyCode.CONTROL, KeyCode.D);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("R5"), window.model().selection());
        assertEquals(sample.nodes().size() + 2, window.model().lab().nodes().size());
    }

    @Test
    void aProblemIsListedLiveAndClickingItSelectsItsElement(FxRobot robot) {
        assertTrue(window.model().problems().isEmpty());
        robot.clickOn(center("vm1"));
        robot.clickOn("#tab-inspector");
        robot.clickOn("#inspector-field-addresses");
        robot.push(KeyCode.CONTROL, KeyCode.A).write("10.9.9.9").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("10.9.9.9", window.model().lab().node("vm1", Vm.class).orElseThrow().addresses().get(0).toString());
        Problem problem = window.model().problems().stream().filter(p -> p.elementId().equals("vm1")).findFirst().orElseThrow();
        assertTrue(problem.message().contains("not in the LAN"));
        robot.clickOn(center("R3"));
        assertEquals(Set.of("R3"), window.model().selection());
        @SuppressWarnings("unchecked")
        ListView<Problem> list = robot.lookup("#problem-list").queryAs(ListView.class);
        int index = list.getItems().indexOf(problem);
        robot.clickOn(robot.lookup("#problem-list .list-cell").nth(index).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("vm1"), window.model().selection());
    }

    @Test
    void wheelZoomsThemeSwitchesAndTheDrawingExports(FxRobot robot) throws Exception {
        double before = window.canvas().scale();
        robot.moveTo(center("C1")).scroll(2, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(before, window.canvas().scale());
        robot.clickOn("#tool-fit");
        robot.push(KeyCode.CONTROL, KeyCode.T);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Theme.DARK, window.canvas().themeProperty().get());
        assertTrue(window.stage().getScene().getRoot().getStyleClass().contains("dark"));
        Path png = temp.resolve("lab.png");
        Path svg = temp.resolve("lab.svg");
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            assertTrue(window.exportTo(png, "png"));
            assertTrue(window.exportTo(svg, "svg"));
        });
        byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertEquals((byte) 0x89, header[0]);
        assertEquals('P', header[1]);
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<?xml") && text.contains("<svg") && text.contains(">Core 1</text>") && text.contains("PDC (peak-time)"));
        robot.push(KeyCode.CONTROL, KeyCode.T);
    }

    @Test
    void autosavedChangesAreRestoredAsUnsavedAfterACrash(FxRobot robot) {
        robot.drag(center("U"), MouseButton.PRIMARY).dropTo(screen(980, 400));
        WaitForAsyncUtils.waitForFxEvents();
        Lab edited = window.model().lab();
        assertNotEquals(sample, edited);
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            window.autosave();
            // what a restart after a crash sees: the saved file, and the recovery file beside it
            window.model().replaceDocument(sample, SAMPLE);
            assertTrue(window.restoreRecovery(SAMPLE.toAbsolutePath().toString()));
        });
        assertEquals(edited, window.model().lab());
        assertTrue(window.model().isDirty());
        assertEquals(SAMPLE.toAbsolutePath(), window.model().fileProperty().get().toAbsolutePath());
    }

    @Test
    void unsavedChangesAreNotLostWithoutAsking(FxRobot robot) {
        robot.clickOn(center("R3"));
        robot.push(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Position(800, 300), position("R3"));
        assertTrue(window.stage().getTitle().startsWith("• "));
        robot.push(KeyCode.CONTROL, KeyCode.N);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Position(800, 300), position("R3"));
        robot.push(KeyCode.CONTROL, KeyCode.N);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Don't Save");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.model().lab().nodes().isEmpty());
        assertFalse(window.model().isDirty());
    }
}
