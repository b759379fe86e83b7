package org.warplab.ui.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Affine;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.EthernetSwitch;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;
import org.warplab.model.Router;
import org.warplab.ui.canvas.LabLayout;
import org.warplab.ui.canvas.LabLabels;
import org.warplab.ui.canvas.LabelPlacement;
import org.warplab.ui.common.Theme;

/**
 * The replay's labels, placed in one pass so none covers another: the transient marks of a frame
 * (paused, drops, rule switches, the migration stream), and in presentation mode also the names
 * under icons and the link labels (the lab painter leaves those out then). Marks go first, then
 * names, then link labels; node boxes are obstacles. The placement of the names and link labels
 * is kept while the view does not change, so a frame places only its marks.
 */
final class OverlayLabels {

    static final int MARK = 3;
    static final int NAME = 2;
    static final int LINK = 1;

    private record Mark(LabelPlacement.Request request, Color color, double alpha) { }

    private final List<Mark> marks = new ArrayList<>();
    private final Map<LabelPlacement.Request, Color> colours = new HashMap<>();
    private List<LabelPlacement.Placed> fixed = List.of();
    private List<LabelPlacement.Obstacle> obstacles = List.of();
    /** Labels the canvas placed under this overlay (the designer's names): kept clear of, not drawn. */
    private List<LabelPlacement.Placed> below = List.of();
    private Object[] fixedKey;
    private List<LabelPlacement.Placed> lastPlaced = List.of();
    private double size = 12;
    private Theme theme = Theme.LIGHT;
    private Font font;
    private Font bold;
    private String family = "";
    private final javafx.scene.text.Text measure = new javafx.scene.text.Text();
    private final Map<String, Double> widths = new HashMap<>();

    void setSize(double size) {
        if (size != this.size) {
            this.size = size;
            family = "";
            fixedKey = null;
        }
    }

    double size() {
        return size;
    }

    private double insetTop;
    private double insetBottom;

    void setInsets(double top, double bottom) {
        insetTop = top;
        insetBottom = bottom;
        fixedKey = null;
    }

    void setTheme(Theme theme) {
        this.theme = theme;
        fixedKey = null;
    }

    /** Every label box of the last frame, in screen pixels. */
    List<LabelPlacement.Placed> lastPlaced() {
        return lastPlaced;
    }

    private void fonts() {
        if (!family.equals(theme.fontFamily())) {
            family = theme.fontFamily();
            font = Font.font(family, size);
            bold = Font.font(family, FontWeight.BOLD, size);
            widths.clear();
        }
    }

    double width(String text) {
        fonts();
        if (widths.size() > 1024) {
            widths.clear();
        }
        return widths.computeIfAbsent(text, t -> {
            measure.setFont(font);
            measure.setText(t);
            return measure.getLayoutBounds().getWidth();
        });
    }

    double height() {
        return Math.ceil(size * 1.5);
    }

    /** A mark at a screen point: tried at the point, then around it. */
    void mark(double sx, double sy, String longText, Color color, double alpha) {
        String text = longText.length() > 72 ? longText.substring(0, 70) + "…" : longText;
        double w = width(text) + 8;
        double h = height();
        List<double[]> candidates = new ArrayList<>();
        candidates.add(new double[] {sx, sy});
        candidates.addAll(LabelPlacement.around(sx, sy, 0, 0, w, h, 2));
        LabelPlacement.Request request = new LabelPlacement.Request(text, w, h, MARK, candidates, "mark");
        marks.add(new Mark(request, color, alpha));
    }

    void setLabelsBelow(List<LabelPlacement.Placed> labels) {
        below = labels == null ? List.of() : labels;
    }

    /**
     * Places and draws this frame's labels (in screen space), then forgets the marks. {@code names}:
     * the lab whose names and link labels this overlay places (presentation mode), else null.
     * Every label keeps clear of the node boxes of {@code layout}.
     */
    void paint(GraphicsContext g, Lab names, LabLayout layout, Affine view, double width, double height) {
        LabelPlacement.Box screen = new LabelPlacement.Box(0, insetTop, width, Math.max(1, height - insetTop - insetBottom));
        if (names != null) {
            Object[] key = {names, layout, view.getMxx(), view.getTx(), view.getTy(), width, height, size, theme, insetTop, insetBottom};
            if (!java.util.Arrays.equals(key, fixedKey)) {
                fixedKey = key;
                obstacles = LabLabels.obstacles(layout, view.getMxx(), view.getTx(), view.getTy());
                fixed = LabelPlacement.place(nameRequests(names, layout, view), obstacles, screen);
                buildAtlas(fixed);
            }
        } else {
            fixed = List.of();
            obstacles = LabLabels.obstacles(layout, view.getMxx(), view.getTx(), view.getTy());
            fixedKey = null;
            atlasSlots.clear();
            atlas = null;
        }
        List<LabelPlacement.Request> requests = new ArrayList<>();
        Map<LabelPlacement.Request, Mark> byRequest = new HashMap<>();
        for (Mark m : marks) {
            requests.add(m.request());
            byRequest.put(m.request(), m);
        }
        // marks are placed before the names: a name that a mark would cover steps aside, not the mark
        List<LabelPlacement.Placed> placedMarks = LabelPlacement.place(requests, obstacles, screen, below);
        List<LabelPlacement.Placed> all = new ArrayList<>(placedMarks);
        if (!fixed.isEmpty()) {
            // only the names a mark covers move (the others keep their place), around everything else
            List<LabelPlacement.Placed> kept = new ArrayList<>();
            List<LabelPlacement.Request> moved = new ArrayList<>();
            for (LabelPlacement.Placed name : fixed) {
                boolean covered = false;
                for (LabelPlacement.Placed m : placedMarks) {
                    covered |= m.box().intersects(name.box());
                }
                if (covered) {
                    moved.add(name.request());
                } else {
                    kept.add(name);
                }
            }
            all.addAll(kept);
            if (!moved.isEmpty()) {
                all.addAll(LabelPlacement.place(moved, obstacles, screen, new ArrayList<>(all)));
            }
        }
        fonts();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (LabelPlacement.Placed p : all) {
            LabelPlacement.Box b = p.box();
            double[] slot = atlasSlots.get(p.request());
            if (slot != null) {
                // a name or link label: copied from the atlas, no text laid out or plate rasterized this frame
                g.drawImage(atlas, slot[0], slot[1], slot[2], slot[3], Math.round(b.x()), Math.round(b.y()), slot[2], slot[3]);
                continue;
            }
            Mark mark = byRequest.get(p.request());
            double alpha = mark == null ? 1 : mark.alpha();
            Color color = mark == null ? colours.getOrDefault(p.request(), theme.text()) : mark.color();
            paintLabel(g, p.request(), Math.round(b.x()), Math.round(b.y()), Math.ceil(b.w()), Math.ceil(b.h()), color, alpha);
        }
        g.setTransform(view);
        lastPlaced = all;
        marks.clear();
    }

    private void paintLabel(GraphicsContext g, LabelPlacement.Request r, double x, double y, double w, double h, Color color, double alpha) {
        g.setFill(theme.background().deriveColor(0, 1, 1, 0.85 * alpha));
        g.fillRoundRect(x, y, w, h, 6, 6);
        g.setFont(r.priority() == NAME ? bold : font);
        g.setFill(color.deriveColor(0, 1, 1, alpha));
        g.fillText(r.text(), x + Math.round(w / 2), y + Math.round(h / 2));
    }

    /** The names and link labels, each drawn once into one image when the view changes (one snapshot, not one per label). */
    private javafx.scene.image.Image atlas;
    private final Map<LabelPlacement.Request, double[]> atlasSlots = new HashMap<>();

    private static final double ATLAS_WIDTH = 2048;

    private void buildAtlas(List<LabelPlacement.Placed> labels) {
        atlasSlots.clear();
        atlas = null;
        if (labels.isEmpty()) {
            return;
        }
        double x = 0;
        double y = 0;
        double row = 0;
        for (LabelPlacement.Placed p : labels) {
            double w = Math.ceil(p.box().w());
            double h = Math.ceil(p.box().h());
            if (x + w > ATLAS_WIDTH) {
                x = 0;
                y += row + 1;
                row = 0;
            }
            atlasSlots.put(p.request(), new double[] {x, y, w, h});
            x += w + 1;
            row = Math.max(row, h);
        }
        if (y + row > 4096) {
            atlasSlots.clear();
            return; // more labels than one image holds: they are drawn one by one
        }
        javafx.scene.canvas.Canvas sheet = new javafx.scene.canvas.Canvas(ATLAS_WIDTH, Math.ceil(y + row));
        GraphicsContext g = sheet.getGraphicsContext2D();
        fonts();
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (LabelPlacement.Placed p : labels) {
            double[] slot = atlasSlots.get(p.request());
            paintLabel(g, p.request(), slot[0], slot[1], slot[2], slot[3], colours.getOrDefault(p.request(), theme.text()), 1);
        }
        javafx.scene.SnapshotParameters params = new javafx.scene.SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        atlas = sheet.snapshot(params, null);
    }

    private List<LabelPlacement.Request> nameRequests(Lab lab, LabLayout layout, Affine view) {
        colours.clear();
        List<LabelPlacement.Request> out = new ArrayList<>();
        for (Node node : lab.nodes()) {
            if (!(node instanceof Router || node instanceof Client || node instanceof EthernetSwitch)) {
                continue;
            }
            layout.bounds(node.id()).ifPresent(r -> {
                LabelPlacement.Box box = screen(r, view);
                double w = width(node.name()) + 10;
                double h = height();
                out.add(new LabelPlacement.Request(node.name(), w, h, NAME,
                        LabelPlacement.around(box.centerX(), box.centerY(), box.w() / 2, box.h() / 2, w, h, 3), "name:" + node.id(),
                        node.id()));
            });
        }
        for (Link link : lab.links()) {
            if (layout.bounds(link.a()).isEmpty() || layout.bounds(link.b()).isEmpty()) {
                continue;
            }
            String text = link.id() + (link.delayNs() > 0 ? " · " + org.warplab.model.Units.msExactWithUnit(link.delayNs()) : "");
            double ax = view.getMxx() * layout.centerX(link.a()) + view.getTx();
            double ay = view.getMyy() * layout.centerY(link.a()) + view.getTy();
            double bx = view.getMxx() * layout.centerX(link.b()) + view.getTx();
            double by = view.getMyy() * layout.centerY(link.b()) + view.getTy();
            double w = width(text) + 8;
            double h = height();
            List<double[]> candidates = LabelPlacement.alongLink(ax, ay, bx, by, h);
            LabelPlacement.Request request = new LabelPlacement.Request(text, w, h, LINK, candidates, "link:" + link.id());
            colours.put(request, theme.mutedText());
            out.add(request);
        }
        return out;
    }

    private static LabelPlacement.Box screen(Rectangle2D r, Affine view) {
        return new LabelPlacement.Box(view.getMxx() * r.getMinX() + view.getTx(), view.getMyy() * r.getMinY() + view.getTy(),
                view.getMxx() * r.getWidth(), view.getMyy() * r.getHeight());
    }
}
