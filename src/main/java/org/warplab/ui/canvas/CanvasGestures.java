package org.warplab.ui.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.warplab.edit.AddElements;
import org.warplab.edit.ElementFactory;
import org.warplab.edit.MoveNodes;
import org.warplab.edit.ReplaceNode;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.Vm;
import org.warplab.ui.common.DesignerModel;

/**
 * What the mouse does on the canvas: select (click, Shift-click, rubber band), move the selection
 * (snapped to the grid, one undo step per drag), connect two nodes, pan, zoom, rename on a double
 * click, and hand a primary click to the overlay first (the replay's packets).
 */
final class CanvasGestures {

    enum Gesture { NONE, MOVE, RUBBER_BAND, PAN, CONNECT }

    private final CanvasView view;
    private final DesignerModel model;
    private Gesture gesture = Gesture.NONE;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private String pressedNode;
    private Rectangle2D rubberBand;

    CanvasGestures(CanvasView view, DesignerModel model) {
        this.view = view;
        this.model = model;
        view.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        view.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        view.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        view.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        view.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    }

    Gesture gesture() {
        return gesture;
    }

    /** The rubber band being drawn, in canvas pixels; null when none is. */
    Rectangle2D rubberBand() {
        return rubberBand;
    }

    /** While connecting: the node the line starts at; null otherwise. */
    String connectingFrom() {
        return gesture == Gesture.CONNECT ? pressedNode : null;
    }

    /** Where the pointer was last seen during a gesture, in canvas pixels. */
    Point2D pointer() {
        return new Point2D(lastX, lastY);
    }

    private void pressed(MouseEvent e) {
        view.requestFocus();
        view.commitRename();
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        if (view.miniMap().contains(e.getX(), e.getY())) {
            view.miniMap().centerOn(e.getX(), e.getY());
            gesture = Gesture.NONE;
            return;
        }
        if (e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.SECONDARY) {
            gesture = Gesture.PAN;
            view.setCursor(Cursor.MOVE);
            return;
        }
        Point2D w = view.toWorld(e.getX(), e.getY());
        LabLayout l = view.labLayout();
        CanvasOverlay over = view.overlayProperty().get();
        if (over != null && e.getButton() == MouseButton.PRIMARY && over.clicked(l, w.getX(), w.getY(), 8 / view.scale())) {
            gesture = Gesture.NONE;
            view.requestRedraw();
            return;
        }
        pressedNode = l.nodeAt(w.getX(), w.getY()).orElse(null);
        if (view.connectModeProperty().get() || e.isAltDown()) {
            gesture = pressedNode == null ? Gesture.NONE : Gesture.CONNECT;
            return;
        }
        if (pressedNode != null) {
            Set<String> selection = new LinkedHashSet<>(model.selection());
            if (e.isShiftDown() || e.isShortcutDown()) {
                if (!selection.remove(pressedNode)) {
                    selection.add(pressedNode);
                }
                model.select(selection);
            } else if (!selection.contains(pressedNode)) {
                model.select(pressedNode);
            }
            gesture = model.selection().contains(pressedNode) ? Gesture.MOVE : Gesture.NONE;
            return;
        }
        Optional<String> link = l.linkAt(model.lab(), w.getX(), w.getY(), 6 / view.scale());
        if (link.isPresent()) {
            Set<String> selection = new LinkedHashSet<>(e.isShiftDown() ? model.selection() : Set.of());
            selection.add(link.get());
            model.select(selection);
            gesture = Gesture.NONE;
            return;
        }
        if (!e.isShiftDown()) {
            model.select(List.of());
        }
        gesture = Gesture.RUBBER_BAND;
        rubberBand = new Rectangle2D(e.getX(), e.getY(), 0, 0);
    }

    private void dragged(MouseEvent e) {
        switch (gesture) {
            case PAN -> view.panBy(e.getX() - lastX, e.getY() - lastY);
            case MOVE -> updateMoveOffsets(e.getX(), e.getY());
            case RUBBER_BAND -> rubberBand = new Rectangle2D(Math.min(pressX, e.getX()), Math.min(pressY, e.getY()),
                    Math.abs(e.getX() - pressX), Math.abs(e.getY() - pressY));
            default -> {
            }
        }
        lastX = e.getX();
        lastY = e.getY();
        view.requestRedraw();
    }

    /** The nodes a move carries: the selected nodes that have a position of their own (VMs ride in their data center). */
    private List<String> movedNodes() {
        List<String> moved = new ArrayList<>();
        Lab lab = model.lab();
        for (String id : model.selection()) {
            lab.node(id).filter(n -> !(n instanceof Vm)).ifPresent(n -> moved.add(id));
        }
        return moved;
    }

    private void updateMoveOffsets(double x, double y) {
        Map<String, double[]> offsets = view.dragOffsets();
        offsets.clear();
        Node anchor = model.lab().node(pressedNode).orElse(null);
        if (anchor == null) {
            return;
        }
        if (anchor instanceof Vm) {
            // a VM is dragged on its own, to another data center
            offsets.put(anchor.id(), new double[] {0, 0});
            return;
        }
        double dx = (x - pressX) / view.scale();
        double dy = (y - pressY) / view.scale();
        // snap the node under the mouse to the grid; the others keep their distance to it
        double sdx = CanvasView.snap(anchor.position().x() + dx) - anchor.position().x();
        double sdy = CanvasView.snap(anchor.position().y() + dy) - anchor.position().y();
        List<String> moved = movedNodes();
        view.renderer().startDrag(moved);
        for (String id : moved) {
            offsets.put(id, new double[] {sdx, sdy});
        }
    }

    private void released(MouseEvent e) {
        Gesture finished = gesture;
        gesture = Gesture.NONE;
        view.renderer().endDrag();
        view.setCursor(view.connectModeProperty().get() ? Cursor.CROSSHAIR : Cursor.DEFAULT);
        Point2D w = view.toWorld(e.getX(), e.getY());
        Lab lab = model.lab();
        switch (finished) {
            case MOVE -> finishMove(lab, w);
            case RUBBER_BAND -> {
                if (rubberBand != null && rubberBand.getWidth() > 3 && rubberBand.getHeight() > 3) {
                    Point2D a = view.toWorld(rubberBand.getMinX(), rubberBand.getMinY());
                    Point2D b = view.toWorld(rubberBand.getMaxX(), rubberBand.getMaxY());
                    Set<String> selection = new LinkedHashSet<>(e.isShiftDown() ? model.selection() : Set.of());
                    selection.addAll(view.labLayout().nodesInside(new Rectangle2D(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY())));
                    model.select(selection);
                }
                rubberBand = null;
            }
            case CONNECT -> connect(lab, w);
            default -> {
            }
        }
        view.requestRedraw();
    }

    private void connect(Lab lab, Point2D w) {
        Optional<String> target = view.labLayout().nodeAt(w.getX(), w.getY());
        if (target.isPresent() && pressedNode != null && !target.get().equals(pressedNode)) {
            StringBuilder refusal = new StringBuilder();
            Optional<Link> link = ElementFactory.connect(lab, pressedNode, target.get(), refusal);
            if (link.isPresent()) {
                Link made = link.get();
                if (model.perform(new AddElements("Connect " + made.a() + " to " + made.b(), List.of(), List.of(made)))) {
                    model.select(made.id());
                }
            } else {
                model.statusProperty().set("No link: " + refusal);
            }
        }
    }

    private void finishMove(Lab lab, Point2D w) {
        Map<String, double[]> offsets = new HashMap<>(view.dragOffsets());
        view.dragOffsets().clear();
        Node anchor = lab.node(pressedNode).orElse(null);
        if (anchor instanceof Vm vm) {
            Optional<String> dc = view.labLayout().dataCenterAt(lab, w.getX(), w.getY());
            if (dc.isPresent() && !dc.get().equals(vm.dataCenter())) {
                model.perform(new ReplaceNode("Move " + vm.id() + " to " + dc.get(), vm, vm.inDataCenter(dc.get())));
            }
            return;
        }
        Map<String, Position> from = new HashMap<>();
        Map<String, Position> to = new HashMap<>();
        for (Map.Entry<String, double[]> entry : offsets.entrySet()) {
            double[] off = entry.getValue();
            if (off[0] == 0 && off[1] == 0) {
                continue;
            }
            Position p = lab.node(entry.getKey()).orElseThrow().position();
            from.put(entry.getKey(), p);
            to.put(entry.getKey(), p.translate(off[0], off[1]));
        }
        if (!from.isEmpty()) {
            model.perform(new MoveNodes(from, to));
        }
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !view.connectModeProperty().get()) {
            Point2D w = view.toWorld(e.getX(), e.getY());
            view.labLayout().nodeAt(w.getX(), w.getY()).ifPresent(view::startRename);
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            view.zoomBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, e.getX(), e.getY());
        }
        e.consume();
    }
}
