package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryStep;
import org.warplab.testing.Samples;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;
import org.warplab.ui.canvas.LabelPlacement;

/**
 * Presentation mode at a projector's 1280×720, at every story step of every sample lab: the canvas
 * takes the window, the readout's figures are large, and the labels the placement pass put on
 * the canvas are all inside it and never overlap, and no name or link label covers a node's box
 * (only a transient mark, which points at a node, may).
 */
@ExtendWith(ApplicationExtension.class)
class PresentationModeTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "presentation-test", null);
        window = opened.window();
        window.runPane(); // the Run tab is built when first shown; built here, on the FX thread, the test may reach it from its own
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    private <T> T fx(java.util.concurrent.Callable<T> call) {
        return fx(10_000, call);
    }

    private <T> T fx(long timeoutMs, java.util.concurrent.Callable<T> call) {
        AtomicReference<T> out = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(timeoutMs, () -> {
            try {
                out.set(call.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return out.get();
    }

    @Test
    void everyStepOfEverySampleLabReadsFromTheBackOfTheRoom(FxRobot robot) throws Exception {
        RunPane run = window.runPane();
        for (String sample : Samples.names()) {
            robot.interact(() -> window.open(Samples.file(sample)));
            RunRecord before = run.recordProperty().get();
            robot.clickOn("#tab-run");
            robot.clickOn("#run-start");
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !run.isRunning() && run.recordProperty().get() != before);
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> run.present(false, 1280, 720));
            WaitForAsyncUtils.waitForFxEvents();
            PresentationView view = run.presentation();
            Story story = run.stepper().story();
            assertFalse(story.steps().isEmpty(), sample);
            robot.interact(() -> run.seek(0));
            for (int i = 0; i < story.steps().size(); i++) {
                StoryStep step = story.steps().get(i);
                robot.interact(() -> run.stepStory(1));
                WaitForAsyncUtils.waitForFxEvents();
                int at = i;
                String where = sample + " step " + (i + 1) + " " + step.id();
                assertEquals(at, (int) fx(() -> run.stepper().currentIndex()), where);
                fx(() -> {
                    view.canvas().redrawNow();
                    return null;
                });
                double windowArea = fx(() -> view.stage().getScene().getWidth() * view.stage().getScene().getHeight());
                Bounds canvas = fx(() -> view.canvas().localToScene(view.canvas().getLayoutBounds()));
                assertTrue(fx(() -> view.stage().getScene().getWidth()) >= 1279 && fx(() -> view.stage().getScene().getHeight()) >= 700,
                        "a 1280×720 window: " + fx(() -> view.stage().getScene().getWidth() + "×" + view.stage().getScene().getHeight()));
                assertTrue(canvas.getWidth() * canvas.getHeight() >= 0.85 * windowArea, where + ": canvas " + canvas);
                for (Label figure : view.figures()) {
                    double height = fx(() -> figure.lookup(".text").getLayoutBounds().getHeight());
                    assertTrue(height >= 48, where + ": " + figure.getId() + " " + height + " px tall");
                }
                assertEquals(step.caption(), fx(() -> view.caption().captionText()), where);
                List<LabelPlacement.Placed> labels = fx(() -> view.overlay().lastLabels());
                assertFalse(labels.isEmpty(), where + ": names and link labels are placed");
                LabelPlacement.Box inside = new LabelPlacement.Box(0, 0, canvas.getWidth(), canvas.getHeight());
                java.util.Map<String, LabelPlacement.Box> boxes = fx(() -> {
                    java.util.Map<String, LabelPlacement.Box> out = new java.util.HashMap<>();
                    view.canvas().labLayout().allBounds().forEach((id, r) -> {
                        javafx.geometry.Point2D a = view.canvas().toScreen(r.getMinX(), r.getMinY());
                        javafx.geometry.Point2D b = view.canvas().toScreen(r.getMaxX(), r.getMaxY());
                        out.put(id, new LabelPlacement.Box(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY()));
                    });
                    return out;
                });
                for (LabelPlacement.Placed label : labels) {
                    if (label.request().kind().equals("mark")) {
                        continue; // a mark points at a node: it may cover a box when nothing else is free
                    }
                    boxes.forEach((id, box) -> assertFalse(!id.equals(label.request().owner()) && label.box().intersects(box),
                            where + ": '" + label.request().text() + "' " + label.box() + " covers " + id + "'s box " + box));
                }
                for (int a = 0; a < labels.size(); a++) {
                    LabelPlacement.Box box = labels.get(a).box();
                    assertTrue(box.inside(inside), where + ": " + labels.get(a).request().text() + " " + box + " outside the canvas");
                    for (int b = a + 1; b < labels.size(); b++) {
                        assertFalse(box.intersects(labels.get(b).box()), where + ": '" + labels.get(a).request().text() + "' " + box
                                + " covers '" + labels.get(b).request().text() + "' " + labels.get(b).box());
                    }
                }
            }
            robot.interact(view::close);
        }
    }
}
