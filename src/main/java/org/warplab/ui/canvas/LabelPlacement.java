package org.warplab.ui.canvas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One placement pass for the labels over a canvas (node names, link labels, transient marks):
 * each label tries its candidate positions in order, is clamped inside the view, and takes the
 * first position that neither covers a label placed before it nor an obstacle (a node's box). A
 * label with no free position is placed where it covers no label if it can, else left out: two
 * labels never overlap. Higher priorities are placed first. Screen coordinates throughout.
 */
public final class LabelPlacement {

    private LabelPlacement() {
    }

    public record Box(double x, double y, double w, double h) {
        public boolean intersects(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        public boolean inside(Box o) {
            return x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h;
        }

        public double centerX() {
            return x + w / 2;
        }

        public double centerY() {
            return y + h / 2;
        }
    }

    /**
     * A label to place: its size, its candidate centres (best first), and what it is.
     *
     * @param priority higher is placed first (a transient mark before a node's name before a link's)
     */
    public record Request(String text, double width, double height, int priority, List<double[]> candidates, String kind, String owner) {
        public Request {
            candidates = List.copyOf(candidates);
        }

        public Request(String text, double width, double height, int priority, List<double[]> candidates, String kind) {
            this(text, width, height, priority, candidates, kind, null);
        }

        /** A transient mark points at something: with no free place it may cover a node's box, never a label. */
        boolean mayCoverBoxes() {
            return "mark".equals(kind);
        }
    }

    /** A node's box, which labels keep clear of, except the labels that belong to that node ({@link Request#owner()}). */
    public record Obstacle(String owner, Box box) { }

    public record Placed(Request request, Box box) { }

    public static List<Placed> place(List<Request> requests, List<Obstacle> obstacles, Box view) {
        return place(requests, obstacles, view, List.of());
    }

    /**
     * Places {@code requests} around labels already placed ({@code fixed}, kept as they are). A
     * label takes its first candidate (clamped inside the view) that covers no label and no box
     * but its owner's; a mark with none free the first that covers no label; else it is left out.
     */
    public static List<Placed> place(List<Request> requests, List<Obstacle> obstacles, Box view, List<Placed> fixed) {
        List<Request> ordered = new ArrayList<>(requests);
        ordered.sort(Comparator.comparingInt(Request::priority).reversed());
        List<Placed> placed = new ArrayList<>();
        List<Box> taken = new ArrayList<>();
        fixed.forEach(p -> taken.add(p.box()));
        for (Request r : ordered) {
            if (r.width() > view.w() || r.height() > view.h()) {
                continue;
            }
            Box free = null;
            Box clearOfLabels = null;
            for (double[] c : r.candidates()) {
                Box box = clamp(new Box(c[0] - r.width() / 2, c[1] - r.height() / 2, r.width(), r.height()), view);
                if (hits(box, taken)) {
                    continue;
                }
                if (clearOfLabels == null) {
                    clearOfLabels = box;
                }
                if (!hitsObstacle(box, obstacles, r.owner())) {
                    free = box;
                    break;
                }
            }
            Box chosen = free != null ? free : r.mayCoverBoxes() ? clearOfLabels : null;
            if (chosen != null) {
                placed.add(new Placed(r, chosen));
                taken.add(chosen);
            }
        }
        return placed;
    }

    private static boolean hitsObstacle(Box box, List<Obstacle> obstacles, String owner) {
        for (Obstacle o : obstacles) {
            if (box.intersects(o.box()) && (owner == null || !owner.equals(o.owner()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hits(Box box, List<Box> boxes) {
        for (Box b : boxes) {
            if (box.intersects(b)) {
                return true;
            }
        }
        return false;
    }

    static Box clamp(Box b, Box view) {
        double x = Math.max(view.x(), Math.min(view.x() + view.w() - b.w(), b.x()));
        double y = Math.max(view.y(), Math.min(view.y() + view.h() - b.h(), b.y()));
        return new Box(x, y, b.w(), b.h());
    }

    /**
     * Candidate centres for a link's label between screen points a and b: on the line at its middle,
     * then beside it at the middle and towards either end, on both sides.
     */
    public static List<double[]> alongLink(double ax, double ay, double bx, double by, double labelH) {
        double length = Math.max(1, Math.hypot(bx - ax, by - ay));
        double nx = -(by - ay) / length * (labelH * 0.8);
        double ny = (bx - ax) / length * (labelH * 0.8);
        List<double[]> candidates = new ArrayList<>();
        candidates.add(new double[] {(ax + bx) / 2, (ay + by) / 2});
        for (double t : new double[] {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8}) {
            double mx = ax + (bx - ax) * t;
            double my = ay + (by - ay) * t;
            candidates.add(new double[] {mx + nx, my + ny});
            candidates.add(new double[] {mx - nx, my - ny});
            candidates.add(new double[] {mx, my});
        }
        return candidates;
    }

    /** Candidate centres around a point: below, above, right, left, then the diagonals, at {@code gap} from a box of half-size (hw, hh). */
    public static List<double[]> around(double cx, double cy, double hw, double hh, double labelW, double labelH, double gap) {
        double dy = hh + gap + labelH / 2;
        double dx = hw + gap + labelW / 2;
        return List.of(new double[] {cx, cy + dy}, new double[] {cx, cy - dy}, new double[] {cx + dx, cy}, new double[] {cx - dx, cy},
                new double[] {cx + dx, cy + dy}, new double[] {cx - dx, cy + dy}, new double[] {cx + dx, cy - dy}, new double[] {cx - dx, cy - dy},
                new double[] {cx, cy + dy + labelH + gap}, new double[] {cx, cy - dy - labelH - gap},
                new double[] {cx + dx, cy + dy + labelH + gap}, new double[] {cx - dx, cy + dy + labelH + gap},
                new double[] {cx + dx, cy - dy - labelH - gap}, new double[] {cx - dx, cy - dy - labelH - gap});
    }
}
