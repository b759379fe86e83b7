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
    public record Request(String text, double width, double height, int priority, List<double[]> candidates, String kind) {
        public Request {
            candidates = List.copyOf(candidates);
        }
    }

    public record Placed(Request request, Box box) { }

    public static List<Placed> place(List<Request> requests, List<Box> obstacles, Box view) {
        return place(requests, obstacles, view, List.of());
    }

    /** Places {@code requests} around labels already placed ({@code fixed}, kept as they are). */
    public static List<Placed> place(List<Request> requests, List<Box> obstacles, Box view, List<Placed> fixed) {
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
                if (!hits(box, obstacles)) {
                    free = box;
                    break;
                }
            }
            Box chosen = free != null ? free : clearOfLabels;
            if (chosen != null) {
                placed.add(new Placed(r, chosen));
                taken.add(chosen);
            }
        }
        return placed;
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

    /** Candidate centres around a point: below, above, right, left, then the diagonals, at {@code gap} from a box of half-size (hw, hh). */
    public static List<double[]> around(double cx, double cy, double hw, double hh, double labelW, double labelH, double gap) {
        double dy = hh + gap + labelH / 2;
        double dx = hw + gap + labelW / 2;
        return List.of(new double[] {cx, cy + dy}, new double[] {cx, cy - dy}, new double[] {cx + dx, cy}, new double[] {cx - dx, cy},
                new double[] {cx + dx, cy + dy}, new double[] {cx - dx, cy + dy}, new double[] {cx + dx, cy - dy}, new double[] {cx - dx, cy - dy},
                new double[] {cx, cy + dy + labelH + gap}, new double[] {cx, cy - dy - labelH - gap});
    }
}
