package org.warplab.ui.canvas;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javafx.geometry.Rectangle2D;
import javafx.scene.paint.Color;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.EthernetSwitch;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Node;
import org.warplab.model.Router;
import org.warplab.model.RouterFunction;
import org.warplab.model.Vm;
import org.warplab.ui.common.Icons;
import org.warplab.ui.common.Theme;
import org.warplab.model.Units;

/**
 * Draws a lab: links under nodes, data centers as boxes holding their VMs, routers coloured by role
 * with a badge for their function, clients and switches as icons. Works on any {@link Surface};
 * skips what lies outside {@code visible} so a large lab draws only its visible part.
 */
final class LabPainter {

    private static final double[] MANAGEMENT_DASHES = {8, 6};

    private final Theme theme;
    /** Whether names under icons and link labels are painted here; presentation mode places them itself (no collisions). */
    private boolean outsideLabels = true;

    LabPainter(Theme theme) {
        this.theme = theme;
    }

    void setOutsideLabels(boolean outsideLabels) {
        this.outsideLabels = outsideLabels;
    }

    Theme theme() {
        return theme;
    }

    void paint(Surface s, Lab lab, LabLayout layout, Set<String> selection, Set<String> withErrors,
               boolean linkLabels, Rectangle2D visible) {
        paint(s, lab, layout, selection, withErrors, linkLabels, visible, id -> true, id -> true);
    }

    /** Paints only the nodes and links the filters accept (a drag paints the moving part over a cached rest). */
    void paint(Surface s, Lab lab, LabLayout layout, Set<String> selection, Set<String> withErrors,
               boolean linkLabels, Rectangle2D visible, Predicate<String> nodeFilter, Predicate<String> linkFilter) {
        List<Link> overBoxes = new java.util.ArrayList<>();
        for (Link link : lab.links()) {
            if (!linkFilter.test(link.id())) {
                continue;
            }
            if (crossesOtherDataCenter(lab, layout, link)) {
                overBoxes.add(link);
                continue;
            }
            paintLink(s, layout, link, selection.contains(link.id()), withErrors.contains(link.id()), visible);
        }
        for (Node node : lab.nodes()) {
            if (node instanceof DataCenter dc && nodeFilter.test(dc.id()) && intersects(layout, dc.id(), visible)) {
                paintDataCenter(s, dc, layout.bounds(dc.id()).orElseThrow(), selection.contains(dc.id()), withErrors.contains(dc.id()));
            }
        }
        // a link that passes a data center it does not join is drawn over that box, not hidden behind it
        for (Link link : overBoxes) {
            paintLink(s, layout, link, selection.contains(link.id()), withErrors.contains(link.id()), visible);
        }
        for (Node node : lab.nodes()) {
            if (!nodeFilter.test(node.id()) || !intersects(layout, node.id(), visible)) {
                continue;
            }
            Rectangle2D r = layout.bounds(node.id()).orElseThrow();
            boolean selected = selection.contains(node.id());
            boolean error = withErrors.contains(node.id());
            if (node instanceof Vm vm) {
                paintVm(s, vm, r, selected, error);
            } else if (node instanceof Router router) {
                paintRouter(s, router, lab.functionsOf(router.id()), r, selected, error);
            } else if (node instanceof Client client) {
                paintClient(s, client, r, selected, error);
            } else if (node instanceof EthernetSwitch sw) {
                paintSwitch(s, sw, r, selected, error);
            }
        }
        if (linkLabels && outsideLabels) {
            for (Link link : lab.links()) {
                if (linkFilter.test(link.id())) {
                    paintLinkLabel(s, layout, link, visible);
                }
            }
        }
    }

    /** Whether the line between a link's ends crosses the box of a data center that is not one of its ends. */
    static boolean crossesOtherDataCenter(Lab lab, LabLayout layout, Link link) {
        if (layout.bounds(link.a()).isEmpty() || layout.bounds(link.b()).isEmpty()) {
            return false;
        }
        double ax = layout.centerX(link.a());
        double ay = layout.centerY(link.a());
        double bx = layout.centerX(link.b());
        double by = layout.centerY(link.b());
        for (DataCenter dc : lab.dataCenters()) {
            if (dc.id().equals(link.a()) || dc.id().equals(link.b())) {
                continue;
            }
            Rectangle2D r = layout.bounds(dc.id()).orElse(null);
            if (r != null && segmentCrosses(r, ax, ay, bx, by)) {
                return true;
            }
        }
        return false;
    }

    /** Liang–Barsky: whether the segment (ax, ay)–(bx, by) passes through {@code r}. */
    private static boolean segmentCrosses(Rectangle2D r, double ax, double ay, double bx, double by) {
        double t0 = 0;
        double t1 = 1;
        double dx = bx - ax;
        double dy = by - ay;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {ax - r.getMinX(), r.getMaxX() - ax, ay - r.getMinY(), r.getMaxY() - ay};
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return false;
                }
                continue;
            }
            double t = q[i] / p[i];
            if (p[i] < 0) {
                t0 = Math.max(t0, t);
            } else {
                t1 = Math.min(t1, t);
            }
            if (t0 > t1) {
                return false;
            }
        }
        return true;
    }

    private static boolean intersects(LabLayout layout, String id, Rectangle2D visible) {
        return layout.bounds(id).map(r -> visible == null || visible.intersects(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight() + 40))
                .orElse(false);
    }

    private Color linkColor(LinkKind kind) {
        return switch (kind) {
            case WAN -> theme.wanLink();
            case LAN -> theme.lanLink();
            case MANAGEMENT -> theme.managementLink();
        };
    }

    private void paintLink(Surface s, LabLayout layout, Link link, boolean selected, boolean error, Rectangle2D visible) {
        double[] seg = segment(layout, link, visible);
        if (seg == null) {
            return;
        }
        double width = link.kind() == LinkKind.WAN ? 3 : 2;
        if (selected) {
            s.line(seg[0], seg[1], seg[2], seg[3], theme.selection(), width + 6, null);
        }
        s.line(seg[0], seg[1], seg[2], seg[3], error ? theme.error() : linkColor(link.kind()), width,
                link.kind() == LinkKind.MANAGEMENT ? MANAGEMENT_DASHES : null);
    }

    /** The part of the link between the outlines of its two ends, or null when it is not to be drawn. */
    private static double[] segment(LabLayout layout, Link link, Rectangle2D visible) {
        Rectangle2D ra = layout.bounds(link.a()).orElse(null);
        Rectangle2D rb = layout.bounds(link.b()).orElse(null);
        if (ra == null || rb == null) {
            return null;
        }
        double ax = layout.centerX(link.a());
        double ay = layout.centerY(link.a());
        double bx = layout.centerX(link.b());
        double by = layout.centerY(link.b());
        if (visible != null && !visible.intersects(Math.min(ax, bx) - 60, Math.min(ay, by) - 20, Math.abs(ax - bx) + 120, Math.abs(ay - by) + 40)) {
            return null;
        }
        double ta = exitFraction(ra, ax, ay, bx, by);
        double tb = exitFraction(rb, bx, by, ax, ay);
        return new double[] {ax + (bx - ax) * ta, ay + (by - ay) * ta, bx + (ax - bx) * tb, by + (ay - by) * tb};
    }

    /** Where (as a fraction of the way to (tx, ty)) a line from the centre (cx, cy) leaves {@code r}. */
    private static double exitFraction(Rectangle2D r, double cx, double cy, double tx, double ty) {
        double dx = tx - cx;
        double dy = ty - cy;
        double fx = dx == 0 ? Double.MAX_VALUE : (r.getWidth() / 2) / Math.abs(dx);
        double fy = dy == 0 ? Double.MAX_VALUE : (r.getHeight() / 2) / Math.abs(dy);
        double f = Math.min(fx, fy);
        return f >= 1 ? 0 : f;
    }

    private void paintLinkLabel(Surface s, LabLayout layout, Link link, Rectangle2D visible) {
        double[] seg = segment(layout, link, visible);
        if (seg == null) {
            return;
        }
        String delay = Units.msExactWithUnit(link.delayNs());
        String bandwidth = Units.bandwidth(link.bandwidthBps());
        String text = delay + " · " + bandwidth;
        double mx = (seg[0] + seg[2]) / 2;
        double my = (seg[1] + seg[3]) / 2;
        double length = Math.hypot(seg[2] - seg[0], seg[3] - seg[1]);
        double w = Surface.textWidth(text, 10);
        if (w + 12 <= length || Math.abs(seg[3] - seg[1]) > Math.abs(seg[2] - seg[0])) {
            s.fillRect(mx - w / 2 - 4, my - 8, w + 8, 16, 8, theme.background().deriveColor(0, 1, 1, 0.92));
            s.text(text, mx, my, 10, false, theme.mutedText(), Surface.Align.CENTER);
        } else {
            // a short link: delay over bandwidth, narrow enough to sit between its ends
            double w2 = Math.max(Surface.textWidth(delay, 10), Surface.textWidth(bandwidth, 10));
            s.fillRect(mx - w2 / 2 - 4, my - 15, w2 + 8, 30, 8, theme.background().deriveColor(0, 1, 1, 0.92));
            s.text(delay, mx, my - 7, 10, false, theme.mutedText(), Surface.Align.CENTER);
            s.text(bandwidth, mx, my + 7, 10, false, theme.mutedText(), Surface.Align.CENTER);
        }
    }

    private void outline(Surface s, Rectangle2D r, double arc, boolean selected, boolean error) {
        if (selected) {
            s.strokeRect(r.getMinX() - 4, r.getMinY() - 4, r.getWidth() + 8, r.getHeight() + 8, arc + 6, theme.selection(), 3, null);
        }
        if (error) {
            s.fillCircle(r.getMaxX() - 2, r.getMinY() + 2, 6, theme.error());
            s.text("!", r.getMaxX() - 2, r.getMinY() + 2, 10, true, Color.WHITE, Surface.Align.CENTER);
        }
    }

    private void paintDataCenter(Surface s, DataCenter dc, Rectangle2D r, boolean selected, boolean error) {
        s.fillRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 14, theme.dataCenterFill());
        s.strokeRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 14, theme.dataCenterStroke(), 2, null);
        s.icon(Icons.DATA_CENTER, r.getMinX() + 8, r.getMinY() + 7, 18, theme.dataCenterStroke());
        s.text(dc.name(), r.getMinX() + 32, r.getMinY() + 15, 12, true, theme.text(), Surface.Align.LEFT);
        if (outsideLabels) {
            // a line per prefix (the header is that tall); on screen the placement pass puts them (LabLabels)
            List<String> lines = LabLabels.addressLines(dc);
            boolean wide = lines.stream().anyMatch(line -> Surface.textWidth(line, 9.5) > r.getWidth() - 38);
            for (int i = 0; i < lines.size(); i++) {
                s.text(lines.get(i), r.getMinX() + (wide ? 8 : 32), r.getMinY() + (wide ? 35 : 31) + 12 * i, 9.5, false, theme.mutedText(),
                        Surface.Align.LEFT);
            }
        }
        if (dc.capturesAnnouncements()) {
            // the capture program watching this LAN for the VMs' RARP/GARP
            s.strokeCircle(r.getMaxX() - 14, r.getMinY() + 14, 6, theme.badge(), 1.5);
            s.fillCircle(r.getMaxX() - 14, r.getMinY() + 14, 2.5, theme.badge());
        }
        outline(s, r, 14, selected, error);
    }

    private void paintVm(Surface s, Vm vm, Rectangle2D r, boolean selected, boolean error) {
        s.fillRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 8, theme.vmFill());
        s.strokeRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 8, theme.vmStroke(), 1.5, null);
        s.icon(Icons.VM, r.getMinX() + 6, r.getMinY() + 7, 20, theme.vmStroke());
        s.text(vm.name(), r.getMinX() + 32, r.getMinY() + 11, 11, true, theme.text(), Surface.Align.LEFT);
        s.text(vm.addresses().isEmpty() ? "no address" : vm.addresses().get(0).toString(), r.getMinX() + 32, r.getMinY() + 25,
                9.5, false, theme.mutedText(), Surface.Align.LEFT);
        outline(s, r, 8, selected, error);
    }

    private Color roleColor(Router router) {
        return switch (router.role()) {
            case SERVER_EDGE -> theme.serverEdge();
            case CORE -> theme.core();
            case CLIENT_EDGE -> theme.clientEdge();
        };
    }

    private static String roleCaption(Router router) {
        return switch (router.role()) {
            case SERVER_EDGE -> "server edge";
            case CORE -> "core";
            case CLIENT_EDGE -> "client edge";
        };
    }

    private void paintRouter(Surface s, Router router, Set<RouterFunction> functions, Rectangle2D r, boolean selected, boolean error) {
        double cx = r.getMinX() + r.getWidth() / 2;
        double cy = r.getMinY() + r.getHeight() / 2;
        double radius = r.getWidth() / 2;
        if (selected) {
            s.strokeCircle(cx, cy, radius + 5, theme.selection(), 3);
        }
        s.fillCircle(cx, cy, radius, roleColor(router));
        s.strokeCircle(cx, cy, radius, theme.text(), 1.5);
        s.icon(Icons.ROUTER, cx - 15, cy - 15, 30, Color.WHITE);
        if (outsideLabels) {
            s.text(router.name(), cx, r.getMaxY() + 10, 12, true, theme.text(), Surface.Align.CENTER);
            s.text(roleCaption(router), cx, r.getMaxY() + 24, 9.5, false, theme.mutedText(), Surface.Align.CENTER);
        }
        if (!functions.isEmpty()) {
            RouterFunction function = functions.iterator().next();
            String icon = switch (function) {
                case TRANSLATOR -> Icons.TRANSLATOR;
                case HOME_AGENT -> Icons.HOME_AGENT;
                case SEGMENT_ENDPOINT -> Icons.SEGMENT_ENDPOINT;
            };
            double bx = cx + radius * 0.75;
            double by = cy - radius * 0.75;
            s.fillCircle(bx, by, 11, theme.badge());
            s.strokeCircle(bx, by, 11, Color.WHITE, 1.5);
            s.icon(icon, bx - 7, by - 7, 14, Color.WHITE);
        }
        if (error) {
            s.fillCircle(cx - radius * 0.75, cy - radius * 0.75, 6, theme.error());
            s.text("!", cx - radius * 0.75, cy - radius * 0.75, 10, true, Color.WHITE, Surface.Align.CENTER);
        }
    }

    private void paintClient(Surface s, Client client, Rectangle2D r, boolean selected, boolean error) {
        s.fillRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 10, theme.clientFill());
        s.icon(Icons.CLIENT, r.getMinX() + 6, r.getMinY() + 6, r.getWidth() - 12, theme.text());
        double cx = r.getMinX() + r.getWidth() / 2;
        if (outsideLabels) {
            s.text(client.name(), cx, r.getMaxY() + 10, 12, true, theme.text(), Surface.Align.CENTER);
            s.text(client.addresses().isEmpty() ? "no address" : client.addresses().get(0).toString(), cx, r.getMaxY() + 24,
                    9.5, false, theme.mutedText(), Surface.Align.CENTER);
        }
        outline(s, r, 10, selected, error);
    }

    private void paintSwitch(Surface s, EthernetSwitch sw, Rectangle2D r, boolean selected, boolean error) {
        s.fillRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 6, theme.core());
        s.icon(Icons.SWITCH, r.getMinX() + 8, r.getMinY() + 8, r.getWidth() - 16, Color.WHITE);
        if (outsideLabels) {
            s.text(sw.name(), r.getMinX() + r.getWidth() / 2, r.getMaxY() + 10, 12, true, theme.text(), Surface.Align.CENTER);
        }
        outline(s, r, 6, selected, error);
    }
}
