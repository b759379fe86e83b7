package org.warplab.ui.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.geometry.Rectangle2D;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.EthernetSwitch;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;
import org.warplab.model.Router;
import org.warplab.model.Units;
import org.warplab.ui.common.Theme;

/**
 * The designer's labels through the one placement pass ({@link LabelPlacement}): a data center's
 * addresses (in its header when they fit, else beside the box), the name and role or address
 * under each router, client and switch, and each link's delay and bandwidth, placed in screen
 * pixels clear of each other and of every node's box but their own, inside the view; drawn in the
 * lab's own coordinates so they zoom with it. The replay's labels use the same pass and the same
 * obstacles ({@link #obstacles}).
 */
public final class LabLabels {

    static final int ADDRESSES = 3;
    static final int NAME = 2;
    static final int LINK = 1;

    private static final double NAME_SIZE = 12;
    private static final double DETAIL_SIZE = 9.5;
    private static final double LINK_SIZE = 10;
    private static final double DC_TEXT_X = 32;

    private final Text measure = new Text();
    private final Map<String, Double> widths = new HashMap<>();
    private String family = "";
    private List<LabelPlacement.Placed> lastPlaced = List.of();
    /** The address labels offered a place in their data center's header, and that place (screen centre). */
    private final Map<LabelPlacement.Request, double[]> insideHeader = new HashMap<>();

    /** Every node's box in screen pixels, owned by its node: what labels keep clear of. */
    public static List<LabelPlacement.Obstacle> obstacles(LabLayout layout, double scale, double tx, double ty) {
        List<LabelPlacement.Obstacle> out = new ArrayList<>();
        layout.allBounds().forEach((id, r) -> out.add(new LabelPlacement.Obstacle(id, screen(r, scale, tx, ty))));
        return out;
    }

    static LabelPlacement.Box screen(Rectangle2D r, double scale, double tx, double ty) {
        return new LabelPlacement.Box(r.getMinX() * scale + tx, r.getMinY() * scale + ty, r.getWidth() * scale, r.getHeight() * scale);
    }

    /** The labels placed by the last {@link #paint}, in screen pixels. */
    public List<LabelPlacement.Placed> lastPlaced() {
        return lastPlaced;
    }

    /** A data center's address lines: each LAN prefix with the gateway of its family. */
    static List<String> addressLines(DataCenter dc) {
        if (dc.lanPrefixes().isEmpty()) {
            return List.of("no LAN prefix");
        }
        List<String> lines = new ArrayList<>();
        for (IpPrefix prefix : dc.lanPrefixes()) {
            String gateway = "none";
            for (IpAddress gw : dc.gatewayAddresses()) {
                if (prefix.contains(gw)) {
                    gateway = gw.toString();
                    break;
                }
            }
            lines.add(prefix + "  gw " + gateway);
        }
        return lines;
    }

    /**
     * Places and paints the labels of the nodes and links the filters accept, on {@code s} (which
     * has the view transform (scale, tx, ty) applied), inside {@code view} (screen pixels).
     */
    void paint(Surface s, Lab lab, LabLayout layout, double scale, double tx, double ty, LabelPlacement.Box view, boolean linkLabels,
               Theme theme, Predicate<String> nodeFilter, Predicate<String> linkFilter) {
        if (!family.equals(theme.fontFamily())) {
            family = theme.fontFamily();
            widths.clear();
        }
        List<LabelPlacement.Request> requests = new ArrayList<>();
        Map<LabelPlacement.Request, String[]> lines = new HashMap<>();
        insideHeader.clear();
        for (Node node : lab.nodes()) {
            if (!nodeFilter.test(node.id())) {
                continue;
            }
            Rectangle2D r = layout.bounds(node.id()).orElse(null);
            if (r == null || !visible(screen(r, scale, tx, ty), view)) {
                continue;
            }
            if (node instanceof DataCenter dc) {
                addresses(dc, r, scale, tx, ty, requests, lines);
            } else if (node instanceof Router || node instanceof Client || node instanceof EthernetSwitch) {
                String detail = node instanceof Router router ? roleCaption(router)
                        : node instanceof Client client ? (client.addresses().isEmpty() ? "no address" : client.addresses().get(0).toString()) : null;
                double w = Math.max(width(node.name(), NAME_SIZE, true), detail == null ? 0 : width(detail, DETAIL_SIZE, false)) * scale + 4;
                double h = (detail == null ? 16 : 29) * scale;
                LabelPlacement.Box box = screen(r, scale, tx, ty);
                LabelPlacement.Request request = new LabelPlacement.Request(node.name() + (detail == null ? "" : "\n" + detail), w, h, NAME,
                        LabelPlacement.around(box.centerX(), box.centerY(), box.w() / 2, box.h() / 2, w, h, 2 * scale), "name", node.id());
                requests.add(request);
                lines.put(request, detail == null ? new String[] {node.name()} : new String[] {node.name(), detail});
            }
        }
        if (linkLabels) {
            for (Link link : lab.links()) {
                if (!linkFilter.test(link.id()) || layout.bounds(link.a()).isEmpty() || layout.bounds(link.b()).isEmpty()) {
                    continue;
                }
                double ax = layout.centerX(link.a()) * scale + tx;
                double ay = layout.centerY(link.a()) * scale + ty;
                double bx = layout.centerX(link.b()) * scale + tx;
                double by = layout.centerY(link.b()) * scale + ty;
                if (!visible(new LabelPlacement.Box(Math.min(ax, bx), Math.min(ay, by), Math.abs(bx - ax) + 1, Math.abs(by - ay) + 1), view)) {
                    continue;
                }
                String text = Units.msExactWithUnit(link.delayNs()) + " · " + Units.bandwidth(link.bandwidthBps());
                double w = (width(text, LINK_SIZE, false) + 8) * scale;
                double h = 16 * scale;
                LabelPlacement.Request request = new LabelPlacement.Request(text, w, h, LINK, LabelPlacement.alongLink(ax, ay, bx, by, h), "link",
                        null);
                requests.add(request);
                lines.put(request, new String[] {text});
            }
        }
        List<LabelPlacement.Placed> placed = LabelPlacement.place(requests, obstacles(layout, scale, tx, ty), view);
        for (LabelPlacement.Placed p : placed) {
            draw(s, p, lines.get(p.request()), scale, tx, ty, theme);
        }
        lastPlaced = placed;
    }

    /** A data center's addresses: in its header, left of the capture ring, when they fit; else beside the box. */
    private void addresses(DataCenter dc, Rectangle2D r, double scale, double tx, double ty, List<LabelPlacement.Request> requests,
                           Map<LabelPlacement.Request, String[]> lines) {
        List<String> text = addressLines(dc);
        double widest = 0;
        for (String line : text) {
            widest = Math.max(widest, width(line, DETAIL_SIZE, false));
        }
        double w = (widest + 4) * scale;
        double h = (text.size() * 12 + 2) * scale;
        LabelPlacement.Box box = screen(r, scale, tx, ty);
        List<double[]> candidates = new ArrayList<>();
        double[] inHeader = null;
        double textHeight = text.size() * 12 + 2;
        if (widest + 4 <= r.getWidth() - DC_TEXT_X - 6 && textHeight <= LabLayout.headerHeight(dc) - 23) {
            // beside the icon, under the name
            inHeader = new double[] {box.x() + (DC_TEXT_X - 2) * scale + w / 2, box.y() + 23 * scale + h / 2};
        } else if (widest + 4 <= r.getWidth() - 12 && textHeight <= LabLayout.headerHeight(dc) - 27) {
            // too wide beside the icon (an IPv6 prefix): from the box's left edge, under the icon
            inHeader = new double[] {box.x() + 6 * scale + w / 2, box.y() + 27 * scale + h / 2};
        }
        if (inHeader != null) {
            candidates.add(inHeader);
        }
        candidates.addAll(LabelPlacement.around(box.centerX(), box.centerY(), box.w() / 2, box.h() / 2, w, h, 2 * scale));
        LabelPlacement.Request request = new LabelPlacement.Request(String.join("\n", text), w, h, ADDRESSES, candidates, "addresses", dc.id());
        if (inHeader != null) {
            insideHeader.put(request, inHeader);
        }
        requests.add(request);
        lines.put(request, text.toArray(String[]::new));
    }

    private void draw(Surface s, LabelPlacement.Placed p, String[] text, double scale, double tx, double ty, Theme theme) {
        LabelPlacement.Box b = p.box();
        double x = (b.x() - tx) / scale;
        double y = (b.y() - ty) / scale;
        double w = b.w() / scale;
        double h = b.h() / scale;
        switch (p.request().kind()) {
            case "link" -> {
                s.fillRect(x, y, w, h, 8, theme.background().deriveColor(0, 1, 1, 0.92));
                s.text(text[0], x + w / 2, y + h / 2, LINK_SIZE, false, theme.mutedText(), Surface.Align.CENTER);
            }
            case "addresses" -> {
                double[] header = insideHeader.get(p.request());
                boolean inHeader = header != null && Math.abs(b.centerX() - header[0]) < 0.5 && Math.abs(b.centerY() - header[1]) < 0.5;
                if (!inHeader) {
                    s.fillRect(x, y, w, h, 6, theme.background().deriveColor(0, 1, 1, 0.85));
                }
                for (int i = 0; i < text.length; i++) {
                    s.text(text[i], x + 2, y + 7 + 12 * i, DETAIL_SIZE, false, theme.mutedText(), Surface.Align.LEFT);
                }
            }
            default -> {
                s.fillRect(x, y, w, h, 6, theme.background().deriveColor(0, 1, 1, 0.85));
                s.text(text[0], x + w / 2, y + 8, NAME_SIZE, true, theme.text(), Surface.Align.CENTER);
                if (text.length > 1) {
                    s.text(text[1], x + w / 2, y + 22, DETAIL_SIZE, false, theme.mutedText(), Surface.Align.CENTER);
                }
            }
        }
    }

    private static boolean visible(LabelPlacement.Box box, LabelPlacement.Box view) {
        return box.x() < view.x() + view.w() && view.x() < box.x() + box.w() && box.y() < view.y() + view.h() && view.y() < box.y() + box.h();
    }

    private static String roleCaption(Router router) {
        return switch (router.role()) {
            case SERVER_EDGE -> "server edge";
            case CORE -> "core";
            case CLIENT_EDGE -> "client edge";
        };
    }

    /** The width of {@code text} at {@code size} in the lab's units (the font the surface draws it with). */
    private double width(String text, double size, boolean bold) {
        if (widths.size() > 4096) {
            widths.clear();
        }
        long rounded = Math.round(size);
        return widths.computeIfAbsent((bold ? "b" : "r") + rounded + ":" + text, k -> {
            measure.setFont(Font.font(family, bold ? FontWeight.BOLD : FontWeight.NORMAL, rounded));
            measure.setText(text);
            return measure.getLayoutBounds().getWidth();
        });
    }
}
