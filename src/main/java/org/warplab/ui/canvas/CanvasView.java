package org.warplab.ui.canvas;

import java.util.HashMap;
import java.util.HashSet;
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
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.warplab.edit.AddElements;
import org.warplab.edit.ElementFactory;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.Problem;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.common.Theme;

/**
 * The drawing area: one JavaFX canvas redrawn at most once per pulse, with the lab painted through
 * a view transform (zoom and pan). The view holds what is shown and where; the work is in its
 * parts: {@link CanvasRenderer} paints, {@link CanvasGestures} handles the mouse, {@link MiniMap}
 * shows where the view is in a large lab, {@link InPlaceRename} renames a node over its name.
 */
public final class CanvasView extends Region {

    public static final double GRID = 20;
    private static final double MIN_SCALE = 0.02;
    private static final double MAX_SCALE = 4;

    private final DesignerModel model;
    private final Canvas canvas = new Canvas();
    private final BooleanProperty connectMode = new SimpleBooleanProperty(this, "connectMode");
    private final BooleanProperty miniMapShown = new SimpleBooleanProperty(this, "miniMapShown", true);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    /** Drawn over the lab (the run replay); null when nothing is. */
    private final ObjectProperty<CanvasOverlay> overlay = new SimpleObjectProperty<>(this, "overlay");
    /** The lab as shown, when it differs from the document's (a replay shows a moved VM in its new data center); null: the document's. */
    private final ObjectProperty<Lab> shownLab = new SimpleObjectProperty<>(this, "shownLab");
    /** False when an overlay places the names under icons and the link labels itself (presentation mode). */
    private final BooleanProperty outsideLabels = new SimpleBooleanProperty(this, "outsideLabels", true);

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

    private final CanvasRenderer renderer;
    private final CanvasGestures gestures;
    private final MiniMap miniMap = new MiniMap(this);
    private final InPlaceRename rename;

    public CanvasView(DesignerModel model) {
        this.model = model;
        getStyleClass().add("lab-canvas");
        setFocusTraversable(true);
        setMinSize(200, 150);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        renderer = new CanvasRenderer(this, model, canvas);
        rename = new InPlaceRename(this, model);
        getChildren().addAll(renderer.backdropView(), canvas, rename.field());
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
            renderer.labChanged();
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
            renderer.setPlaceLabels(is);
            requestRedraw();
        });
        overlay.addListener(o -> requestRedraw());
        shownLab.addListener(o -> requestRedraw());
        connectMode.addListener((o, was, is) -> setCursor(is ? Cursor.CROSSHAIR : Cursor.DEFAULT));
        theme.addListener((o, was, is) -> {
            renderer.setTheme(is);
            requestRedraw();
        });
        gestures = new CanvasGestures(this, model);
    }

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

    /** Pans by (dx, dy) canvas pixels. */
    void panBy(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
    }

    /** Centres the view on world (x, y). */
    void centerOn(double x, double y) {
        offsetX = getWidth() / 2 - x * scale;
        offsetY = getHeight() / 2 - y * scale;
        requestRedraw();
    }

    /** Sets {@code g}'s transform to the view's (world to canvas pixels). */
    void applyViewTransform(GraphicsContext g) {
        g.setTransform(scale, 0, 0, scale, offsetX, offsetY);
    }

    DesignerModel model() {
        return model;
    }

    Map<String, double[]> dragOffsets() {
        return dragOffsets;
    }

    Set<String> errorIds() {
        return errorIds;
    }

    CanvasRenderer renderer() {
        return renderer;
    }

    CanvasGestures gestures() {
        return gestures;
    }

    MiniMap miniMap() {
        return miniMap;
    }

    // ---- rename in place

    /** Opens a text field over {@code id}'s name; Enter renames, Escape cancels. */
    public void startRename(String id) {
        rename.start(id);
    }

    void commitRename() {
        if (rename.active()) {
            rename.commit();
        }
    }

    public boolean isRenaming() {
        return rename.active();
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
        renderer.paint();
        paintNanos = System.nanoTime() - start;
    }

    /** The mini-map shows when it is switched on and the lab does not fit in the view. */
    public boolean miniMapVisible() {
        return miniMap.visible();
    }

    @Override
    protected void layoutChildren() {
        // the canvas fills the region; the rename field is placed by startRename
    }

    /** The lab drawn on {@code surface} in canvas units, for export (labels where the painter puts them). */
    void paintForExport(Surface surface) {
        new LabPainter(currentTheme()).paint(surface, model.lab(), new LabLayout(model.lab(), Map.of()), Set.of(), Set.of(),
                model.linkLabelsProperty().get(), null);
    }

    /** The labels the placement pass put on the canvas in its last full paint (screen pixels); empty when an overlay places them. */
    public java.util.List<LabelPlacement.Placed> placedLabels() {
        return renderer.placedLabels();
    }

    public Theme currentTheme() {
        return renderer.painter().theme();
    }

    Color background() {
        return renderer.painter().theme().background();
    }
}
