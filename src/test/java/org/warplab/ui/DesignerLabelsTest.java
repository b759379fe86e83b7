package org.warplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.model.DataCenter;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.testing.Samples;
import org.warplab.ui.canvas.CanvasView;
import org.warplab.ui.canvas.LabLayout;
import org.warplab.ui.canvas.LabelPlacement;

/**
 * The designer's labels come from the one placement pass: for every sample lab, in a 1280×720 and
 * a 1600×1000 window, as opened and fitted, every label box is inside the canvas, covers no other
 * label and no node box but its own node's; every data center's addresses (two lines for a
 * dual-stack one) and every router's and client's name are on screen; a management link that
 * passes another data center gets its label outside that box.
 */
@ExtendWith(ApplicationExtension.class)
class DesignerLabelsTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        opened = TestWindows.open(stage, "designer-labels-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    @Test
    void everySampleLabsLabelsAreInsideAndClearOfEachOtherAndOfBoxes(FxRobot robot) {
        for (int[] size : new int[][] {{1280, 720}, {1600, 1000}}) {
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            for (String sample : Samples.names()) {
                robot.interact(() -> window.open(Samples.file(sample)));
                check(sample + " at " + size[0] + "x" + size[1] + " as opened", true);
                robot.interact(() -> window.canvas().fit());
                check(sample + " at " + size[0] + "x" + size[1] + " fitted", true);
            }
        }
    }

    @Test
    void aDualStackDataCentersAddressesAreTwoLinesInItsBox(FxRobot robot) {
        robot.interact(() -> {
            window.open(Samples.file("mipv6-paper"));
            window.canvas().fit();
        });
        List<LabelPlacement.Placed> labels = check("mipv6-paper", true);
        Lab lab = TestWindows.fx(() -> window.model().lab());
        CanvasView canvas = window.canvas();
        for (DataCenter dc : lab.dataCenters()) {
            LabelPlacement.Placed addresses = labels.stream().filter(p -> p.request().kind().equals("addresses") && dc.id().equals(p.request().owner()))
                    .findFirst().orElseThrow(() -> new AssertionError(dc.id() + ": no address label"));
            assertEquals(2, addresses.request().text().split("\n").length, addresses.request().text());
            LabelPlacement.Box box = screenBox(canvas, dc.id());
            assertTrue(addresses.box().inside(box), dc.id() + "'s addresses " + addresses.box() + " overflow its box " + box);
        }
    }

    @Test
    void aManagementLinkPassingAnotherDataCenterIsLabelledOutsideIt(FxRobot robot) {
        robot.interact(() -> {
            window.open(Samples.file("paging-three-dc"));
            window.canvas().fit();
        });
        Lab lab = TestWindows.fx(() -> window.model().lab());
        // put the three data centers in a row, so the management link between the outer two passes the middle one
        List<DataCenter> dcs = lab.dataCenters();
        assertTrue(dcs.size() >= 3);
        Link outer = lab.links().stream().filter(l -> l.kind() == LinkKind.MANAGEMENT
                && lab.node(l.a()).orElseThrow() instanceof DataCenter && lab.node(l.b()).orElseThrow() instanceof DataCenter)
                .findFirst().orElseThrow();
        DataCenter middle = dcs.stream().filter(d -> !d.id().equals(outer.a()) && !d.id().equals(outer.b())).findFirst().orElseThrow();
        DataCenter a = lab.node(outer.a(), DataCenter.class).orElseThrow();
        DataCenter b = lab.node(outer.b(), DataCenter.class).orElseThrow();
        robot.interact(() -> window.model().perform(new org.warplab.edit.MoveNodes(
                Map.of(a.id(), a.position(), b.id(), b.position(), middle.id(), middle.position()),
                Map.of(a.id(), new org.warplab.model.Position(0, 0), b.id(), new org.warplab.model.Position(600, 0),
                        middle.id(), new org.warplab.model.Position(300, 0)))));
        robot.interact(() -> window.canvas().fit());
        List<LabelPlacement.Placed> labels = check("paging-three-dc in a row", true);
        LabelPlacement.Box middleBox = screenBox(window.canvas(), middle.id());
        long linkLabels = labels.stream().filter(p -> p.request().kind().equals("link")).count();
        assertTrue(linkLabels > 0, "link labels are placed");
        for (LabelPlacement.Placed p : labels) {
            assertFalse(p.request().kind().equals("link") && p.box().intersects(middleBox), p.request().text() + " inside " + middle.id());
        }
    }

    private static LabelPlacement.Box screenBox(CanvasView canvas, String id) {
        return TestWindows.fx(() -> {
            Rectangle2D r = canvas.labLayout().bounds(id).orElseThrow();
            javafx.geometry.Point2D a = canvas.toScreen(r.getMinX(), r.getMinY());
            javafx.geometry.Point2D b = canvas.toScreen(r.getMaxX(), r.getMaxY());
            return new LabelPlacement.Box(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
        });
    }

    /** Repaints and checks the placement pass's labels; returns them. */
    private List<LabelPlacement.Placed> check(String where, boolean namesExpected) {
        WaitForAsyncUtils.waitForFxEvents();
        CanvasView canvas = window.canvas();
        TestWindows.fx(() -> {
            canvas.redrawNow();
            return null;
        });
        List<LabelPlacement.Placed> labels = TestWindows.fx(canvas::placedLabels);
        double w = TestWindows.fx(canvas::getWidth);
        double h = TestWindows.fx(canvas::getHeight);
        Lab lab = TestWindows.fx(() -> window.model().lab());
        Map<String, LabelPlacement.Box> boxes = TestWindows.fx(() -> {
            Map<String, LabelPlacement.Box> out = new java.util.HashMap<>();
            LabLayout layout = canvas.labLayout();
            for (String id : layout.allBounds().keySet()) {
                Rectangle2D r = layout.bounds(id).orElseThrow();
                javafx.geometry.Point2D a = canvas.toScreen(r.getMinX(), r.getMinY());
                javafx.geometry.Point2D b = canvas.toScreen(r.getMaxX(), r.getMaxY());
                out.put(id, new LabelPlacement.Box(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY()));
            }
            return out;
        });
        assertFalse(labels.isEmpty(), where + ": labels placed");
        LabelPlacement.Box view = new LabelPlacement.Box(0, 0, w, h);
        for (int i = 0; i < labels.size(); i++) {
            LabelPlacement.Placed p = labels.get(i);
            assertTrue(p.box().inside(view), where + ": '" + p.request().text() + "' " + p.box() + " outside the canvas " + w + "x" + h);
            for (int j = i + 1; j < labels.size(); j++) {
                assertFalse(p.box().intersects(labels.get(j).box()), where + ": '" + p.request().text() + "' " + p.box() + " covers '"
                        + labels.get(j).request().text() + "' " + labels.get(j).box());
            }
            for (Map.Entry<String, LabelPlacement.Box> box : boxes.entrySet()) {
                if (box.getKey().equals(p.request().owner())) {
                    continue;
                }
                assertFalse(p.box().intersects(box.getValue()), where + ": '" + p.request().text() + "' " + p.box() + " covers "
                        + box.getKey() + "'s box " + box.getValue());
            }
        }
        if (namesExpected) {
            // everything of the lab is on screen once fitted: each name and each data center's addresses found a place
            boolean fitted = where.contains("fitted") || where.contains("mipv6") || where.contains("in a row");
            if (fitted) {
                for (org.warplab.model.Node node : lab.nodes()) {
                    boolean labelled = node instanceof org.warplab.model.Router || node instanceof org.warplab.model.Client
                            || node instanceof DataCenter;
                    if (labelled) {
                        assertTrue(labels.stream().anyMatch(p -> node.id().equals(p.request().owner())), where + ": " + node.id() + " has no label");
                    }
                }
            }
        }
        return labels;
    }
}
