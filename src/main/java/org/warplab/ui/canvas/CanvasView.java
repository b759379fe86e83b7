package org.warplab.ui.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.warplab.edit.AddElements;
import org.warplab.edit.ElementFactory;
import org.warplab.edit.MoveNodes;
import org.warplab.edit.ReplaceNode;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.Problem;
import org.warplab.model.Vm;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.common.Theme;

/**
 * The drawing area: one JavaFX canvas redrawn at most once per pulse, with the lab painted through
 * a view transform (zoom and pan), hit testing on the {@link LabLayout}, and the gestures: select,
 * rubber band, move (snapped, one undo step per drag), connect, rename in place, drop from the
 * palette. A mini-map in the corner shows where the view is in a large lab.
 */
public final class CanvasView extends Region {

    public static final double GRID = 20;
    private static final double MINIMAP_W = 180;
    private static final double MINIMAP_H = 120;
    private static final double MIN_SCALE = 0.02;
    private static final double MAX_SCALE = 4;

    private final DesignerModel model;
    private final Canvas canvas = new Canvas();
    /**
     * Under the canvas during a drag or a replay: the picture of what stays put, so that each frame
     * the canvas is cleared and draws only what moves. (Drawing that picture into the canvas instead
     * made the software pipeline copy it twice a frame: into the canvas, then the canvas to the window.)
     */
    private final javafx.scene.image.ImageView backdropView = new javafx.scene.image.ImageView();
    private final TextField renameField = new TextField();
    private final BooleanProperty connectMode = new SimpleBooleanProperty(this, "connectMode");
    private final BooleanProperty miniMapShown = new SimpleBooleanProperty(this, "miniMapShown", true);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private LabPainter painter = new LabPainter(Theme.LIGHT);
    /** Drawn over the lab (the run replay); null when nothing is. */
    private final ObjectProperty<CanvasOverlay> overlay = new SimpleObjectProperty<>(this, "overlay");
    /** The lab as shown, when it differs from the document's (a replay shows a moved VM in its new data center); null: the document's. */
    private final ObjectProperty<Lab> shownLab = new SimpleObjectProperty<>(this, "shownLab");

    private double scale = 1;
    private double offsetX = 40;
    private double offsetY = 40;

    private LabLayout layout;
    private Lab layoutLab;
    private Set<String> errorIds = Set.of();
    private final Map<String, double[]> dragOffsets = new HashMap<>();
    private boolean redrawRequested;
    private final AnimationTimer redrawTimer;
    private long paintNanos;
    /** During a move: the canvas without the moving part, painted once when the drag starts. */
    private javafx.scene.image.WritableImage dragBackdrop;
    private Set<String> movingNodes = Set.of();
    private Set<String> movingLinks = Set.of();

    private enum Gesture { NONE, MOVE, RUBBER_BAND, PAN, CONNECT }

    private Gesture gesture = Gesture.NONE;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private String pressedNode;
    private Rectangle2D rubberBand;
    private String renaming;

    public CanvasView(DesignerModel model) {
        this.model = model;
        getStyleClass().add("lab-canvas");
        setFocusTraversable(true);
        setMinSize(200, 150);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        backdropView.setVisible(false);
        backdropView.setManaged(false);
        backdropView.setMouseTransparent(true);
        getChildren().addAll(backdropView, canvas, renameField);
        renameField.setVisible(false);
        renameField.setManaged(false);
        renameField.setId("rename-field");
        renameField.setOnAction(e -> commitRename());
        renameField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                cancelRename();
                e.consume();
            }
        });
        renameField.focusedProperty().addListener((o, was, is) -> {
            if (!is && renaming != null) {
                commitRename();
            }
        });
        redrawTimer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (redrawRequested) {
                    redrawRequested = false;
                    redrawNow();
                } else {
                    stop();
                }
            }
        };
        widthProperty().addListener(o -> requestRedraw());
        heightProperty().addListener(o -> requestRedraw());
        model.labProperty().addListener(o -> {
            dragBackdrop = null;
            requestRedraw();
        });
        model.selectionProperty().addListener(o -> requestRedraw());
        model.linkLabelsProperty().addListener(o -> requestRedraw());
        model.problems().addListener((javafx.collections.ListChangeListener<Problem>) c -> {
            Set<String> ids = new HashSet<>();
            for (Problem p : model.problems()) {
                if (p.isError()) {
                    ids.add(p.elementId());
                }
            }
            errorIds = ids;
            requestRedraw();
        });
        miniMapShown.addListener(o -> requestRedraw());
        outsideLabels.addListener((o, was, is) -> {
            painter.setOutsideLabels(is);
            replayKey = null;
            requestRedraw();
        });
        overlay.addListener(o -> requestRedraw());
        shownLab.addListener(o -> requestRedraw());
        connectMode.addListener((o, was, is) -> setCursor(is ? Cursor.CROSSHAIR : Cursor.DEFAULT));
        theme.addListener((o, was, is) -> {
            painter = new LabPainter(is);
            painter.setOutsideLabels(outsideLabels.get());
            requestRedraw();
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    }

    /** False when an overlay places the names under icons and the link labels itself (presentation mode). */
    private final BooleanProperty outsideLabels = new SimpleBooleanProperty(this, "outsideLabels", true);

    public BooleanProperty outsideLabelsProperty() {
        return outsideLabels;
    }

    public BooleanProperty connectModeProperty() {
        return connectMode;
    }

    public BooleanProperty miniMapShownProperty() {
        return miniMapShown;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ObjectProperty<CanvasOverlay> overlayProperty() {
        return overlay;
    }

    public ObjectProperty<Lab> shownLabProperty() {
        return shownLab;
    }

    /** The lab on the canvas: the document's, or the replay's view of it. */
    Lab shown() {
        Lab override = shownLab.get();
        return override != null ? override : model.lab();
    }

    public double scale() {
        return scale;
    }

    /** Wall time of the last repaint on the FX thread (recording the canvas commands), in ns. */
    public long lastPaintNanos() {
        return paintNanos;
    }

    public LabLayout labLayout() {
        Lab lab = shown();
        if (layout == null || layoutLab != lab || !dragOffsets.isEmpty()) {
            layout = new LabLayout(lab, dragOffsets);
            layoutLab = dragOffsets.isEmpty() ? lab : null;
        }
        return layout;
    }

    // ---- coordinates

    public Point2D toWorld(double x, double y) {
        return new Point2D((x - offsetX) / scale, (y - offsetY) / scale);
    }

    public Point2D toScreen(double x, double y) {
        return new Point2D(x * scale + offsetX, y * scale + offsetY);
    }

    static double snap(double v) {
        return Math.round(v / GRID) * GRID;
    }

    // ---- view commands

    public void zoomBy(double factor, double aroundX, double aroundY) {
        double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
        Point2D world = toWorld(aroundX, aroundY);
        scale = next;
        offsetX = aroundX - world.getX() * scale;
        offsetY = aroundY - world.getY() * scale;
        requestRedraw();
    }

    public void zoomIn() {
        zoomBy(1.25, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomBy(0.8, getWidth() / 2, getHeight() / 2);
    }

    public void actualSize() {
        zoomBy(1 / scale, getWidth() / 2, getHeight() / 2);
    }

    /** Zooms and pans so the whole lab fits the view. */
    public void fit() {
        fit(40, 40, 40, 40, 1.5);
    }

    /**
     * Zooms and pans so the whole lab fits the view less the given margins (pixels), at most
     * {@code maxScale}: presentation mode keeps the lab clear of its readout and caption.
     */
    public void fit(double top, double right, double bottom, double left, double maxScale) {
        Rectangle2D e = labLayout().extent();
        double w = getWidth() - left - right;
        double h = getHeight() - top - bottom;
        if (e.getWidth() <= 0 || w <= 0 || h <= 0) {
            scale = 1;
            offsetX = left;
            offsetY = top;
        } else {
            scale = Math.max(MIN_SCALE, Math.min(maxScale, Math.min(w / e.getWidth(), h / e.getHeight())));
            offsetX = left + (w - e.getWidth() * scale) / 2 - e.getMinX() * scale;
            offsetY = top + (h - e.getHeight() * scale) / 2 - e.getMinY() * scale;
        }
        requestRedraw();
    }

    /** Pans so {@code id} is in the middle of the view. */
    public void reveal(String id) {
        Lab lab = model.lab();
        String nodeId = id;
        Optional<Link> link = lab.link(id);
        if (link.isPresent()) {
            nodeId = link.get().a();
        }
        LabLayout l = labLayout();
        if (l.bounds(nodeId).isPresent()) {
            double cx = link.isPresent() ? (l.centerX(link.get().a()) + l.centerX(link.get().b())) / 2 : l.centerX(nodeId);
            double cy = link.isPresent() ? (l.centerY(link.get().a()) + l.centerY(link.get().b())) / 2 : l.centerY(nodeId);
            offsetX = getWidth() / 2 - cx * scale;
            offsetY = getHeight() / 2 - cy * scale;
            requestRedraw();
        }
    }

    // ---- palette

    /**
     * Creates a node of {@code kind} where the palette item was dropped (scene coordinates). A VM
     * must land in a data center; everything else snaps to the grid.
     */
    public boolean dropFromPalette(ElementFactory.Kind kind, double sceneX, double sceneY) {
        Point2D local = sceneToLocal(sceneX, sceneY);
        if (local == null || local.getX() < 0 || local.getY() < 0 || local.getX() > getWidth() || local.getY() > getHeight()) {
            return false;
        }
        Point2D world = toWorld(local.getX(), local.getY());
        Lab lab = model.lab();
        String dataCenter = null;
        if (kind == ElementFactory.Kind.VM) {
            dataCenter = labLayout().dataCenterAt(lab, world.getX(), world.getY()).orElse(null);
            if (dataCenter == null) {
                model.statusProperty().set("Drop the VM inside a data center: a VM lives on a data center's LAN");
                return false;
            }
        }
        Position at = new Position(snap(world.getX()), snap(world.getY()));
        Node node = ElementFactory.create(lab, kind, at, dataCenter);
        boolean done = model.perform(new AddElements("Add " + kind.label().toLowerCase(java.util.Locale.ROOT) + " " + node.id(),
                List.of(node), List.of()));
        if (done) {
            model.select(node.id());
            requestFocus();
        }
        return done;
    }

    // ---- mouse

    private void pressed(MouseEvent e) {
        requestFocus();
        if (renaming != null) {
            commitRename();
        }
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        if (inMiniMap(e.getX(), e.getY())) {
            centerOnMiniMap(e.getX(), e.getY());
            gesture = Gesture.NONE;
            return;
        }
        if (e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.SECONDARY) {
            gesture = Gesture.PAN;
            setCursor(Cursor.MOVE);
            return;
        }
        Point2D w = toWorld(e.getX(), e.getY());
        LabLayout l = labLayout();
        CanvasOverlay over = overlay.get();
        if (over != null && e.getButton() == MouseButton.PRIMARY && over.clicked(l, w.getX(), w.getY(), 8 / scale)) {
            gesture = Gesture.NONE;
            requestRedraw();
            return;
        }
        pressedNode = l.nodeAt(w.getX(), w.getY()).orElse(null);
        if (connectMode.get() || e.isAltDown()) {
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
        Optional<String> link = l.linkAt(model.lab(), w.getX(), w.getY(), 6 / scale);
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
            case PAN -> {
                offsetX += e.getX() - lastX;
                offsetY += e.getY() - lastY;
            }
            case MOVE -> updateMoveOffsets(e.getX(), e.getY());
            case RUBBER_BAND -> rubberBand = new Rectangle2D(Math.min(pressX, e.getX()), Math.min(pressY, e.getY()),
                    Math.abs(e.getX() - pressX), Math.abs(e.getY() - pressY));
            default -> {
            }
        }
        lastX = e.getX();
        lastY = e.getY();
        requestRedraw();
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
        dragOffsets.clear();
        Node anchor = model.lab().node(pressedNode).orElse(null);
        if (anchor == null) {
            return;
        }
        if (anchor instanceof Vm) {
            // a VM is dragged on its own, to another data center
            dragOffsets.put(anchor.id(), new double[] {0, 0});
            return;
        }
        double dx = (x - pressX) / scale;
        double dy = (y - pressY) / scale;
        // snap the node under the mouse to the grid; the others keep their distance to it
        double sdx = snap(anchor.position().x() + dx) - anchor.position().x();
        double sdy = snap(anchor.position().y() + dy) - anchor.position().y();
        List<String> moved = movedNodes();
        if (dragBackdrop == null) {
            prepareBackdrop(moved);
        }
        for (String id : moved) {
            dragOffsets.put(id, new double[] {sdx, sdy});
        }
    }

    /** Paints everything that stays put into an image, so each frame of the drag repaints only what moves. */
    private void prepareBackdrop(List<String> moved) {
        Lab lab = model.lab();
        Set<String> nodes = new HashSet<>(moved);
        for (Vm vm : lab.vms()) {
            if (nodes.contains(vm.dataCenter())) {
                nodes.add(vm.id());
            }
        }
        Set<String> links = new HashSet<>();
        for (Link link : lab.links()) {
            if (nodes.contains(link.a()) || nodes.contains(link.b())) {
                links.add(link.id());
            }
        }
        movingNodes = Set.copyOf(nodes);
        movingLinks = Set.copyOf(links);
        dragOffsets.clear();
        paintScene(id -> !movingNodes.contains(id), id -> !movingLinks.contains(id), miniMapVisible());
        javafx.scene.SnapshotParameters params = new javafx.scene.SnapshotParameters();
        params.setFill(painter.theme().background());
        dragBackdrop = canvas.snapshot(params, dragBackdrop != null
                && dragBackdrop.getWidth() == Math.ceil(canvas.getWidth()) && dragBackdrop.getHeight() == Math.ceil(canvas.getHeight())
                ? dragBackdrop : null);
    }

    private void released(MouseEvent e) {
        Gesture finished = gesture;
        gesture = Gesture.NONE;
        dragBackdrop = null;
        setCursor(connectMode.get() ? Cursor.CROSSHAIR : Cursor.DEFAULT);
        Point2D w = toWorld(e.getX(), e.getY());
        Lab lab = model.lab();
        switch (finished) {
            case MOVE -> finishMove(lab, w);
            case RUBBER_BAND -> {
                if (rubberBand != null && rubberBand.getWidth() > 3 && rubberBand.getHeight() > 3) {
                    Point2D a = toWorld(rubberBand.getMinX(), rubberBand.getMinY());
                    Point2D b = toWorld(rubberBand.getMaxX(), rubberBand.getMaxY());
                    Set<String> selection = new LinkedHashSet<>(e.isShiftDown() ? model.selection() : Set.of());
                    selection.addAll(labLayout().nodesInside(new Rectangle2D(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY())));
                    model.select(selection);
                }
                rubberBand = null;
            }
            case CONNECT -> {
                Optional<String> target = labLayout().nodeAt(w.getX(), w.getY());
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
            default -> {
            }
        }
        requestRedraw();
    }

    private void finishMove(Lab lab, Point2D w) {
        Map<String, double[]> offsets = new HashMap<>(dragOffsets);
        dragOffsets.clear();
        Node anchor = lab.node(pressedNode).orElse(null);
        if (anchor instanceof Vm vm) {
            Optional<String> dc = labLayout().dataCenterAt(lab, w.getX(), w.getY());
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
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !connectMode.get()) {
            Point2D w = toWorld(e.getX(), e.getY());
            labLayout().nodeAt(w.getX(), w.getY()).ifPresent(this::startRename);
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            zoomBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, e.getX(), e.getY());
        }
        e.consume();
    }

    // ---- rename in place

    /** Opens a text field over {@code id}'s name; Enter renames, Escape cancels. */
    public void startRename(String id) {
        Optional<Node> node = model.lab().node(id);
        Optional<Rectangle2D> r = labLayout().bounds(id);
        if (node.isEmpty() || r.isEmpty()) {
            return;
        }
        renaming = id;
        model.select(id);
        Point2D topLeft = toScreen(r.get().getMinX(), r.get().getMinY());
        double width = Math.max(140, r.get().getWidth() * scale);
        renameField.setText(node.get().name());
        renameField.resizeRelocate(topLeft.getX(), Math.max(0, topLeft.getY() - 4), width, 28);
        renameField.setVisible(true);
        renameField.requestFocus();
        renameField.selectAll();
    }

    private void commitRename() {
        String id = renaming;
        renaming = null;
        renameField.setVisible(false);
        Optional<Node> node = model.lab().node(id);
        String text = renameField.getText().strip();
        if (node.isPresent() && !text.isEmpty() && !text.equals(node.get().name())) {
            model.perform(new ReplaceNode("Rename " + id, node.get(), node.get().withName(text)));
        }
        requestFocus();
    }

    private void cancelRename() {
        renaming = null;
        renameField.setVisible(false);
        requestFocus();
    }

    public boolean isRenaming() {
        return renaming != null;
    }

    // ---- drawing

    public void requestRedraw() {
        if (!redrawRequested) {
            redrawRequested = true;
            redrawTimer.start();
        }
    }

    /** Repaints at once (tests, export and the bench call this; the view itself paints once per pulse). */
    public void redrawNow() {
        long start = System.nanoTime();
        if (dragBackdrop != null && gesture == Gesture.MOVE) {
            showBackdrop(dragBackdrop);
            clipTo(movingArea());
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.setTransform(1, 0, 0, 1, 0, 0);
            g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            g.setTransform(scale, 0, 0, scale, offsetX, offsetY);
            painter.paint(new FxSurface(g, painter.theme().fontFamily(), scale), model.lab(), labLayout(), model.selection(), errorIds,
                    model.linkLabelsProperty().get(), visibleWorld(), movingNodes::contains, movingLinks::contains);
            g.setTransform(1, 0, 0, 1, 0, 0);
        } else if (overlay.get() != null && gesture == Gesture.NONE && rubberBand == null) {
            clipTo(null);
            paintReplayFrame(overlay.get());
        } else {
            clipTo(null);
            showBackdrop(null);
            paintScene(id -> true, id -> true, miniMapVisible());
        }
        paintNanos = System.nanoTime() - start;
    }

    /**
     * Clips the canvas to the area a drag can paint in, or lifts the clip (null): JavaFX then
     * repaints only where the clip was and is, instead of the whole canvas at every frame.
     */
    private void clipTo(Rectangle2D area) {
        if (area == null) {
            if (canvas.getClip() != null) {
                canvas.setClip(null);
            }
            return;
        }
        if (canvas.getClip() != dragClip) {
            canvas.setClip(dragClip);
        }
        dragClip.setX(area.getMinX());
        dragClip.setY(area.getMinY());
        dragClip.setWidth(area.getWidth());
        dragClip.setHeight(area.getHeight());
    }

    private final javafx.scene.shape.Rectangle dragClip = new javafx.scene.shape.Rectangle();

    /**
     * The screen area the moving part of a drag paints in: its nodes with their names (the painter
     * keeps names within 40 units under a node), its links with their labels (within 60 units of
     * the line's box), in canvas pixels, a little larger for anti-aliasing and selection outlines.
     */
    private Rectangle2D movingArea() {
        LabLayout l = labLayout();
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (String id : movingNodes) {
            l.bounds(id).ifPresent(r -> include(box, r.getMinX() - 60, r.getMinY() - 12, r.getMaxX() + 60, r.getMaxY() + 44));
        }
        for (Link link : model.lab().links()) {
            if (movingLinks.contains(link.id()) && l.bounds(link.a()).isPresent() && l.bounds(link.b()).isPresent()) {
                double ax = l.centerX(link.a());
                double ay = l.centerY(link.a());
                double bx = l.centerX(link.b());
                double by = l.centerY(link.b());
                include(box, Math.min(ax, bx) - 60, Math.min(ay, by) - 20, Math.max(ax, bx) + 60, Math.max(ay, by) + 20);
            }
        }
        if (box[0] > box[2]) {
            return new Rectangle2D(0, 0, 1, 1);
        }
        double x0 = Math.max(0, Math.floor(box[0] * scale + offsetX) - 4);
        double y0 = Math.max(0, Math.floor(box[1] * scale + offsetY) - 4);
        double x1 = Math.min(canvas.getWidth(), Math.ceil(box[2] * scale + offsetX) + 4);
        double y1 = Math.min(canvas.getHeight(), Math.ceil(box[3] * scale + offsetY) + 4);
        return x1 <= x0 || y1 <= y0 ? new Rectangle2D(0, 0, 1, 1) : new Rectangle2D(x0, y0, x1 - x0, y1 - y0);
    }

    private static void include(double[] box, double minX, double minY, double maxX, double maxY) {
        box[0] = Math.min(box[0], minX);
        box[1] = Math.min(box[1], minY);
        box[2] = Math.max(box[2], maxX);
        box[3] = Math.max(box[3], maxY);
    }

    /** Puts {@code image} under the (then transparent) canvas, or takes the backdrop away when null. */
    private void showBackdrop(javafx.scene.image.Image image) {
        if (backdropView.getImage() != image) {
            backdropView.setImage(image);
        }
        if (backdropView.isVisible() != (image != null)) {
            backdropView.setVisible(image != null);
        }
    }

    /** What the replay's backdrop shows; when any of it changes, the backdrop is painted again. */
    private Object[] replayKey;
    private javafx.scene.image.WritableImage replayBackdrop;

    /**
     * A replay frame: the lab, which stays put while packets move, is painted once into an image
     * (again only when the view or the lab changes); each frame draws that image and the overlay.
     */
    private void paintReplayFrame(CanvasOverlay over) {
        boolean miniMap = miniMapVisible();
        Object[] key = {shown(), scale, offsetX, offsetY, canvas.getWidth(), canvas.getHeight(), painter.theme(), model.selection(),
            model.linkLabelsProperty().get(), errorIds, miniMap};
        boolean same = replayKey != null && replayBackdrop != null;
        for (int i = 0; same && i < key.length; i++) {
            same = key[i] instanceof Double || key[i] instanceof Boolean ? key[i].equals(replayKey[i]) : key[i] == replayKey[i];
        }
        if (!same) {
            showBackdrop(null);
            overlaySuppressed = true;
            try {
                paintScene(id -> true, id -> true, miniMap);
            } finally {
                overlaySuppressed = false;
            }
            javafx.scene.SnapshotParameters params = new javafx.scene.SnapshotParameters();
            params.setFill(painter.theme().background());
            boolean fits = replayBackdrop != null && replayBackdrop.getWidth() == Math.ceil(canvas.getWidth())
                    && replayBackdrop.getHeight() == Math.ceil(canvas.getHeight());
            replayBackdrop = canvas.snapshot(params, fits ? replayBackdrop : null);
            replayKey = key;
        }
        showBackdrop(replayBackdrop);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setTransform(scale, 0, 0, scale, offsetX, offsetY);
        over.paintWorld(g, labLayout(), scale);
        g.setTransform(1, 0, 0, 1, 0, 0);
        over.paintScreen(g, canvas.getWidth(), canvas.getHeight());
    }

    private boolean overlaySuppressed;

    private Rectangle2D visibleWorld() {
        Point2D a = toWorld(0, 0);
        Point2D b = toWorld(canvas.getWidth(), canvas.getHeight());
        return new Rectangle2D(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
    }

    private void paintScene(java.util.function.Predicate<String> nodeFilter, java.util.function.Predicate<String> linkFilter,
                            boolean withMiniMap) {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        Theme t = painter.theme();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, w, h);
        g.setFill(t.background());
        g.fillRect(0, 0, w, h);
        paintGrid(g, w, h, t);
        g.setTransform(scale, 0, 0, scale, offsetX, offsetY);
        Lab lab = shown();
        LabLayout l = labLayout();
        painter.paint(new FxSurface(g, t.fontFamily(), scale), lab, l, model.selection(), errorIds, model.linkLabelsProperty().get(),
                visibleWorld(), nodeFilter, linkFilter);
        CanvasOverlay over = overlaySuppressed ? null : overlay.get();
        if (over != null) {
            over.paintWorld(g, l, scale);
        }
        if (gesture == Gesture.CONNECT && pressedNode != null) {
            Point2D p = toWorld(lastX, lastY);
            g.setStroke(t.selection());
            g.setLineWidth(2 / scale);
            g.setLineDashes(6 / scale, 4 / scale);
            g.strokeLine(l.centerX(pressedNode), l.centerY(pressedNode), p.getX(), p.getY());
            g.setLineDashes(null);
        }
        g.setTransform(1, 0, 0, 1, 0, 0);
        if (rubberBand != null) {
            g.setFill(t.selection().deriveColor(0, 1, 1, 0.15));
            g.fillRect(rubberBand.getMinX(), rubberBand.getMinY(), rubberBand.getWidth(), rubberBand.getHeight());
            g.setStroke(t.selection());
            g.setLineWidth(1);
            g.strokeRect(rubberBand.getMinX(), rubberBand.getMinY(), rubberBand.getWidth(), rubberBand.getHeight());
        }
        if (over != null) {
            over.paintScreen(g, w, h);
        }
        if (withMiniMap) {
            paintMiniMap(g, lab, l, w, h, t);
        }
        if (lab.nodes().isEmpty()) {
            g.setFill(t.mutedText());
            g.setFont(javafx.scene.text.Font.font(t.fontFamily(), 15));
            g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
            g.setTextBaseline(javafx.geometry.VPos.CENTER);
            g.fillText("Drag a data center, routers and a client from the palette on the left.\n"
                    + "Drop VMs into a data center. Press Connect (C) and drag from node to node to link them.", w / 2, h / 2);
        }
    }

    private javafx.scene.paint.ImagePattern gridTile;
    private double gridTileStep;
    private Color gridTileColor;

    /** The dot grid as one fill with a repeating tile: thousands of dots would cost a fill each. */
    private void paintGrid(GraphicsContext g, double w, double h, Theme t) {
        double step = GRID * scale;
        while (step < 12) {
            step *= 5;
        }
        int tile = (int) Math.max(1, Math.round(step));
        if (gridTile == null || gridTileStep != tile || !t.grid().equals(gridTileColor)) {
            javafx.scene.image.WritableImage image = new javafx.scene.image.WritableImage(tile, tile);
            int dot = (int) Math.max(1, Math.min(2, Math.round(scale * 1.5)));
            for (int x = 0; x < dot; x++) {
                for (int y = 0; y < dot; y++) {
                    image.getPixelWriter().setColor(x, y, t.grid());
                }
            }
            gridTileStep = tile;
            gridTileColor = t.grid();
            gridTile = new javafx.scene.paint.ImagePattern(image, 0, 0, tile, tile, false);
        }
        double startX = ((offsetX % tile) + tile) % tile;
        double startY = ((offsetY % tile) + tile) % tile;
        g.setFill(new javafx.scene.paint.ImagePattern(gridTile.getImage(), startX, startY, tile, tile, false));
        g.fillRect(0, 0, w, h);
    }

    private Rectangle2D miniMapArea(double w, double h) {
        return new Rectangle2D(w - MINIMAP_W - 12, h - MINIMAP_H - 12, MINIMAP_W, MINIMAP_H);
    }

    private boolean inMiniMap(double x, double y) {
        return miniMapVisible() && miniMapArea(getWidth(), getHeight()).contains(x, y);
    }

    /** The mini-map shows when it is switched on and the lab does not fit in the view. */
    public boolean miniMapVisible() {
        if (!miniMapShown.get() || model.lab().nodes().isEmpty()) {
            return false;
        }
        Rectangle2D e = labLayout().extent();
        Point2D a = toWorld(0, 0);
        Point2D b = toWorld(getWidth(), getHeight());
        return e.getMinX() < a.getX() || e.getMinY() < a.getY() || e.getMaxX() > b.getX() || e.getMaxY() > b.getY();
    }

    /** The world area the mini-map shows: the lab and the view, whichever is larger. */
    private Rectangle2D miniMapWorld(LabLayout l, double w, double h) {
        Rectangle2D e = l.extent();
        Point2D a = toWorld(0, 0);
        Point2D b = toWorld(w, h);
        double minX = Math.min(e.getMinX(), a.getX()) - 20;
        double minY = Math.min(e.getMinY(), a.getY()) - 20;
        double maxX = Math.max(e.getMaxX(), b.getX()) + 20;
        double maxY = Math.max(e.getMaxY(), b.getY()) + 20;
        return new Rectangle2D(minX, minY, maxX - minX, maxY - minY);
    }

    private void paintMiniMap(GraphicsContext g, Lab lab, LabLayout l, double w, double h, Theme t) {
        Rectangle2D area = miniMapArea(w, h);
        Rectangle2D world = miniMapWorld(l, w, h);
        double k = Math.min(area.getWidth() / world.getWidth(), area.getHeight() / world.getHeight());
        g.setFill(t.background().deriveColor(0, 1, 0.96, 0.92));
        g.fillRoundRect(area.getMinX(), area.getMinY(), area.getWidth(), area.getHeight(), 8, 8);
        g.setStroke(t.mutedText());
        g.setLineWidth(1);
        g.strokeRoundRect(area.getMinX(), area.getMinY(), area.getWidth(), area.getHeight(), 8, 8);
        for (Node node : lab.nodes()) {
            l.bounds(node.id()).ifPresent(r -> {
                g.setFill(node instanceof Vm ? t.vmStroke() : t.dataCenterStroke());
                g.fillRect(area.getMinX() + (r.getMinX() - world.getMinX()) * k, area.getMinY() + (r.getMinY() - world.getMinY()) * k,
                        Math.max(2, r.getWidth() * k), Math.max(2, r.getHeight() * k));
            });
        }
        Point2D a = toWorld(0, 0);
        Point2D b = toWorld(w, h);
        g.setStroke(t.selection());
        g.setLineWidth(1.5);
        double vw = Math.max(6, (b.getX() - a.getX()) * k);
        double vh = Math.max(6, (b.getY() - a.getY()) * k);
        double vx = area.getMinX() + ((a.getX() + b.getX()) / 2 - world.getMinX()) * k - vw / 2;
        double vy = area.getMinY() + ((a.getY() + b.getY()) / 2 - world.getMinY()) * k - vh / 2;
        g.strokeRect(vx, vy, vw, vh);
    }

    private void centerOnMiniMap(double x, double y) {
        Rectangle2D area = miniMapArea(getWidth(), getHeight());
        Rectangle2D world = miniMapWorld(labLayout(), getWidth(), getHeight());
        double k = Math.min(area.getWidth() / world.getWidth(), area.getHeight() / world.getHeight());
        double wx = world.getMinX() + (x - area.getMinX()) / k;
        double wy = world.getMinY() + (y - area.getMinY()) / k;
        offsetX = getWidth() / 2 - wx * scale;
        offsetY = getHeight() / 2 - wy * scale;
        requestRedraw();
    }

    @Override
    protected void layoutChildren() {
        // the canvas fills the region; the rename field is placed by startRename
    }

    /** The lab drawn on {@code surface} in canvas units, for export. */
    void paintForExport(Surface surface) {
        painter.paint(surface, model.lab(), new LabLayout(model.lab(), Map.of()), Set.of(), Set.of(),
                model.linkLabelsProperty().get(), null);
    }

    public Theme currentTheme() {
        return painter.theme();
    }

    Color background() {
        return painter.theme().background();
    }
}
