package org.warplab.ui.canvas;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;
import org.warplab.model.Lab;
import org.warplab.model.Node;
import org.warplab.model.Vm;
import org.warplab.ui.common.Theme;

/** The mini-map in the canvas's corner: where the view is in a lab larger than the view; a click moves the view there. */
final class MiniMap {

    private static final double WIDTH = 180;
    private static final double HEIGHT = 120;

    private final CanvasView view;

    MiniMap(CanvasView view) {
        this.view = view;
    }

    Rectangle2D area(double w, double h) {
        return new Rectangle2D(w - WIDTH - 12, h - HEIGHT - 12, WIDTH, HEIGHT);
    }

    boolean contains(double x, double y) {
        return visible() && area(view.getWidth(), view.getHeight()).contains(x, y);
    }

    /** The mini-map shows when it is switched on and the lab does not fit in the view. */
    boolean visible() {
        if (!view.miniMapShownProperty().get() || view.model().lab().nodes().isEmpty()) {
            return false;
        }
        Rectangle2D e = view.labLayout().extent();
        Point2D a = view.toWorld(0, 0);
        Point2D b = view.toWorld(view.getWidth(), view.getHeight());
        return e.getMinX() < a.getX() || e.getMinY() < a.getY() || e.getMaxX() > b.getX() || e.getMaxY() > b.getY();
    }

    /** The world area the mini-map shows: the lab and the view, whichever is larger. */
    private Rectangle2D world(LabLayout l, double w, double h) {
        Rectangle2D e = l.extent();
        Point2D a = view.toWorld(0, 0);
        Point2D b = view.toWorld(w, h);
        double minX = Math.min(e.getMinX(), a.getX()) - 20;
        double minY = Math.min(e.getMinY(), a.getY()) - 20;
        double maxX = Math.max(e.getMaxX(), b.getX()) + 20;
        double maxY = Math.max(e.getMaxY(), b.getY()) + 20;
        return new Rectangle2D(minX, minY, maxX - minX, maxY - minY);
    }

    void paint(GraphicsContext g, Lab lab, LabLayout l, double w, double h, Theme t) {
        Rectangle2D area = area(w, h);
        Rectangle2D world = world(l, w, h);
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
        Point2D a = view.toWorld(0, 0);
        Point2D b = view.toWorld(w, h);
        g.setStroke(t.selection());
        g.setLineWidth(1.5);
        double vw = Math.max(6, (b.getX() - a.getX()) * k);
        double vh = Math.max(6, (b.getY() - a.getY()) * k);
        double vx = area.getMinX() + ((a.getX() + b.getX()) / 2 - world.getMinX()) * k - vw / 2;
        double vy = area.getMinY() + ((a.getY() + b.getY()) / 2 - world.getMinY()) * k - vh / 2;
        g.strokeRect(vx, vy, vw, vh);
    }

    /** Centres the view on the world point under (x, y) on the mini-map. */
    void centerOn(double x, double y) {
        Rectangle2D area = area(view.getWidth(), view.getHeight());
        Rectangle2D world = world(view.labLayout(), view.getWidth(), view.getHeight());
        double k = Math.min(area.getWidth() / world.getWidth(), area.getHeight() / world.getHeight());
        view.centerOn(world.getMinX() + (x - area.getMinX()) / k, world.getMinY() + (y - area.getMinY()) / k);
    }
}
