package org.warplab.ui.canvas;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.common.Theme;

/**
 * Paints the canvas, one of three ways: the whole scene (lab, grid, overlay, gestures, mini-map);
 * during a drag only the moving part, over a picture of what stays put and clipped to where the
 * moving part can paint; during a replay only the overlay, over a picture of the lab taken again
 * only when the view, lab, selection or theme change. The pictures lie in an {@link ImageView}
 * under the canvas: drawing them into the canvas made the software pipeline copy them twice a frame.
 */
final class CanvasRenderer {

    private final CanvasView view;
    private final DesignerModel model;
    private final Canvas canvas;
    private final ImageView backdropView = new ImageView();
    private LabPainter painter = screenPainter(Theme.LIGHT);
    /** Whether the canvas places the names and link labels (the designer), or an overlay does (presentation mode). */
    private boolean placeLabels = true;
    private final LabLabels labels = new LabLabels();

    /** During a move: the canvas without the moving part, painted once when the drag starts. */
    private WritableImage dragBackdrop;
    private Set<String> movingNodes = Set.of();
    private Set<String> movingLinks = Set.of();
    private final Rectangle dragClip = new Rectangle();

    /** What the replay's backdrop shows; when any of it changes, the backdrop is painted again. */
    private Object[] replayKey;
    private WritableImage replayBackdrop;
    private boolean overlaySuppressed;

    private ImagePattern gridTile;
    private double gridTileStep;
    private Color gridTileColor;

    CanvasRenderer(CanvasView view, DesignerModel model, Canvas canvas) {
        this.view = view;
        this.model = model;
        this.canvas = canvas;
        backdropView.setVisible(false);
        backdropView.setManaged(false);
        backdropView.setMouseTransparent(true);
    }

    ImageView backdropView() {
        return backdropView;
    }

    LabPainter painter() {
        return painter;
    }

    /** On screen the painter leaves names, addresses and link labels to the placement pass. */
    private static LabPainter screenPainter(Theme theme) {
        LabPainter p = new LabPainter(theme);
        p.setOutsideLabels(false);
        return p;
    }

    void setTheme(Theme theme) {
        painter = screenPainter(theme);
    }

    void setPlaceLabels(boolean place) {
        placeLabels = place;
        replayKey = null;
    }

    /** The labels the canvas's placement pass put on screen in the last full paint; empty when an overlay places them. */
    List<LabelPlacement.Placed> placedLabels() {
        return placeLabels ? labels.lastPlaced() : List.of();
    }

    /** Forgets the drag's picture (the lab changed under it). */
    void labChanged() {
        dragBackdrop = null;
    }

    /** A move starts (or goes on): paints what stays put into an image once, so each frame repaints only what moves. */
    void startDrag(List<String> moved) {
        if (dragBackdrop != null) {
            return;
        }
        Lab lab = model.lab();
        Set<String> nodes = lab.nodesWithTheirVms(moved);
        Set<String> links = new HashSet<>();
        for (Link link : lab.links()) {
            if (nodes.contains(link.a()) || nodes.contains(link.b())) {
                links.add(link.id());
            }
        }
        movingNodes = Set.copyOf(nodes);
        movingLinks = Set.copyOf(links);
        view.dragOffsets().clear();
        paintScene(id -> !movingNodes.contains(id), id -> !movingLinks.contains(id), view.miniMap().visible());
        dragBackdrop = canvas.snapshot(backgroundFill(), fits(dragBackdrop) ? dragBackdrop : null);
    }

    void endDrag() {
        dragBackdrop = null;
    }

    private SnapshotParameters backgroundFill() {
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(painter.theme().background());
        return params;
    }

    private boolean fits(WritableImage image) {
        return image != null && image.getWidth() == Math.ceil(canvas.getWidth()) && image.getHeight() == Math.ceil(canvas.getHeight());
    }

    /** One repaint, whichever of the three kinds the canvas is in. */
    void paint() {
        CanvasGestures gestures = view.gestures();
        CanvasOverlay over = view.overlayProperty().get();
        if (dragBackdrop != null && gestures.gesture() == CanvasGestures.Gesture.MOVE) {
            showBackdrop(dragBackdrop);
            clipTo(movingArea());
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.setTransform(1, 0, 0, 1, 0, 0);
            g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            view.applyViewTransform(g);
            // the moving part's labels go where the painter puts them until the drop (a placement each frame would move the others)
            painter.setOutsideLabels(true);
            painter.paint(new FxSurface(g, painter.theme().fontFamily(), view.scale()), model.lab(), view.labLayout(), model.selection(),
                    view.errorIds(), model.linkLabelsProperty().get(), visibleWorld(), movingNodes::contains, movingLinks::contains);
            painter.setOutsideLabels(false);
            g.setTransform(1, 0, 0, 1, 0, 0);
        } else if (over != null && gestures.gesture() == CanvasGestures.Gesture.NONE && gestures.rubberBand() == null) {
            clipTo(null);
            paintReplayFrame(over);
        } else {
            clipTo(null);
            showBackdrop(null);
            paintScene(id -> true, id -> true, view.miniMap().visible());
        }
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

    /**
     * The screen area the moving part of a drag paints in: its nodes with their names (the painter
     * keeps names within 40 units under a node), its links with their labels (within 60 units of
     * the line's box), in canvas pixels, a little larger for anti-aliasing and selection outlines.
     */
    private Rectangle2D movingArea() {
        LabLayout l = view.labLayout();
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
        Point2D a = view.toScreen(box[0], box[1]);
        Point2D b = view.toScreen(box[2], box[3]);
        double x0 = Math.max(0, Math.floor(a.getX()) - 4);
        double y0 = Math.max(0, Math.floor(a.getY()) - 4);
        double x1 = Math.min(canvas.getWidth(), Math.ceil(b.getX()) + 4);
        double y1 = Math.min(canvas.getHeight(), Math.ceil(b.getY()) + 4);
        return x1 <= x0 || y1 <= y0 ? new Rectangle2D(0, 0, 1, 1) : new Rectangle2D(x0, y0, x1 - x0, y1 - y0);
    }

    private static void include(double[] box, double minX, double minY, double maxX, double maxY) {
        box[0] = Math.min(box[0], minX);
        box[1] = Math.min(box[1], minY);
        box[2] = Math.max(box[2], maxX);
        box[3] = Math.max(box[3], maxY);
    }

    /** Puts {@code image} under the (then transparent) canvas, or takes the backdrop away when null. */
    private void showBackdrop(Image image) {
        if (backdropView.getImage() != image) {
            backdropView.setImage(image);
        }
        if (backdropView.isVisible() != (image != null)) {
            backdropView.setVisible(image != null);
        }
    }

    /**
     * A replay frame: the lab, which stays put while packets move, is painted once into an image
     * (again only when the view or the lab changes); each frame draws that image and the overlay.
     */
    private void paintReplayFrame(CanvasOverlay over) {
        boolean miniMap = view.miniMap().visible();
        Point2D origin = view.toScreen(0, 0);
        Object[] key = {view.shown(), view.scale(), origin.getX(), origin.getY(), canvas.getWidth(), canvas.getHeight(), painter.theme(),
            model.selection(), model.linkLabelsProperty().get(), view.errorIds(), miniMap};
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
            replayBackdrop = canvas.snapshot(backgroundFill(), fits(replayBackdrop) ? replayBackdrop : null);
            replayKey = key;
        }
        showBackdrop(replayBackdrop);
        over.setLabelsBelow(placedLabels());
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        view.applyViewTransform(g);
        over.paintWorld(g, view.labLayout(), view.scale());
        g.setTransform(1, 0, 0, 1, 0, 0);
        over.paintScreen(g, canvas.getWidth(), canvas.getHeight());
    }

    private Rectangle2D visibleWorld() {
        Point2D a = view.toWorld(0, 0);
        Point2D b = view.toWorld(canvas.getWidth(), canvas.getHeight());
        return new Rectangle2D(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
    }

    private void paintScene(Predicate<String> nodeFilter, Predicate<String> linkFilter, boolean withMiniMap) {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        Theme t = painter.theme();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, w, h);
        g.setFill(t.background());
        g.fillRect(0, 0, w, h);
        paintGrid(g, w, h, t);
        view.applyViewTransform(g);
        Lab lab = view.shown();
        LabLayout l = view.labLayout();
        double scale = view.scale();
        FxSurface surface = new FxSurface(g, t.fontFamily(), scale);
        painter.paint(surface, lab, l, model.selection(), view.errorIds(), model.linkLabelsProperty().get(), visibleWorld(), nodeFilter, linkFilter);
        if (placeLabels) {
            Point2D origin = view.toScreen(0, 0);
            labels.paint(surface, lab, l, scale, origin.getX(), origin.getY(), new LabelPlacement.Box(0, 0, w, h),
                    model.linkLabelsProperty().get(), t, nodeFilter, linkFilter);
        }
        CanvasOverlay over = overlaySuppressed ? null : view.overlayProperty().get();
        if (over != null) {
            over.setLabelsBelow(placedLabels());
            over.paintWorld(g, l, scale);
        }
        CanvasGestures gestures = view.gestures();
        String from = gestures.connectingFrom();
        if (from != null) {
            Point2D p = view.toWorld(gestures.pointer().getX(), gestures.pointer().getY());
            g.setStroke(t.selection());
            g.setLineWidth(2 / scale);
            g.setLineDashes(6 / scale, 4 / scale);
            g.strokeLine(l.centerX(from), l.centerY(from), p.getX(), p.getY());
            g.setLineDashes(null);
        }
        g.setTransform(1, 0, 0, 1, 0, 0);
        Rectangle2D rubberBand = gestures.rubberBand();
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
            view.miniMap().paint(g, lab, l, w, h, t);
        }
        if (lab.nodes().isEmpty()) {
            g.setFill(t.mutedText());
            g.setFont(Font.font(t.fontFamily(), 15));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("Drag a data center, routers and a client from the palette on the left.\n"
                    + "Drop VMs into a data center. Press Connect (C) and drag from node to node to link them.", w / 2, h / 2);
        }
    }

    /** The dot grid as one fill with a repeating tile: thousands of dots would cost a fill each. */
    private void paintGrid(GraphicsContext g, double w, double h, Theme t) {
        double scale = view.scale();
        double step = CanvasView.GRID * scale;
        while (step < 12) {
            step *= 5;
        }
        int tile = (int) Math.max(1, Math.round(step));
        if (gridTile == null || gridTileStep != tile || !t.grid().equals(gridTileColor)) {
            WritableImage image = new WritableImage(tile, tile);
            int dot = (int) Math.max(1, Math.min(2, Math.round(scale * 1.5)));
            for (int x = 0; x < dot; x++) {
                for (int y = 0; y < dot; y++) {
                    image.getPixelWriter().setColor(x, y, t.grid());
                }
            }
            gridTileStep = tile;
            gridTileColor = t.grid();
            gridTile = new ImagePattern(image, 0, 0, tile, tile, false);
        }
        Point2D origin = view.toScreen(0, 0);
        double startX = ((origin.getX() % tile) + tile) % tile;
        double startY = ((origin.getY() % tile) + tile) % tile;
        g.setFill(new ImagePattern(gridTile.getImage(), startX, startY, tile, tile, false));
        g.fillRect(0, 0, w, h);
    }
}
