package org.warplab.ui.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.EthernetSwitch;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.Router;
import org.warplab.model.Vm;

/**
 * Where each node of a lab is drawn, in canvas units: data centers are boxes tall enough for their
 * VMs, VMs are stacked inside their data center, the rest are icons centred on their position.
 * Computed once per lab (and per frame of a drag, with the dragged nodes offset): linear time.
 */
public final class LabLayout {

    public static final double DC_WIDTH = 200;
    public static final double DC_HEADER = 44;
    public static final double VM_WIDTH = 176;
    public static final double VM_HEIGHT = 34;
    public static final double VM_GAP = 8;
    public static final double ROUTER_RADIUS = 24;
    public static final double ICON_BOX = 44;

    private final Map<String, Rectangle2D> bounds = new HashMap<>();
    private final List<String> hitOrder = new ArrayList<>();
    private Rectangle2D extent = new Rectangle2D(0, 0, 0, 0);

    /** The layout of {@code lab} with the nodes in {@code offsets} drawn moved by (dx, dy). */
    public LabLayout(Lab lab, Map<String, double[]> offsets) {
        Map<String, List<Vm>> vmsByDc = new HashMap<>();
        for (Vm vm : lab.vms()) {
            vmsByDc.computeIfAbsent(vm.dataCenter(), k -> new ArrayList<>()).add(vm);
        }
        List<String> boxes = new ArrayList<>();
        List<String> vms = new ArrayList<>();
        List<String> icons = new ArrayList<>();
        for (Node node : lab.nodes()) {
            Position p = node.position();
            double[] off = offsets.get(node.id());
            double x = p.x() + (off == null ? 0 : off[0]);
            double y = p.y() + (off == null ? 0 : off[1]);
            if (node instanceof DataCenter dc) {
                List<Vm> inside = vmsByDc.getOrDefault(dc.id(), List.of());
                double header = headerHeight(dc);
                double height = Math.max(96 + header - DC_HEADER, header + 14 + inside.size() * (VM_HEIGHT + VM_GAP));
                Rectangle2D box = new Rectangle2D(x - DC_WIDTH / 2, y - height / 2, DC_WIDTH, height);
                bounds.put(dc.id(), box);
                boxes.add(dc.id());
                for (int i = 0; i < inside.size(); i++) {
                    bounds.put(inside.get(i).id(), new Rectangle2D(x - VM_WIDTH / 2,
                            box.getMinY() + header + i * (VM_HEIGHT + VM_GAP), VM_WIDTH, VM_HEIGHT));
                    vms.add(inside.get(i).id());
                }
            } else if (node instanceof Router) {
                bounds.put(node.id(), new Rectangle2D(x - ROUTER_RADIUS, y - ROUTER_RADIUS, 2 * ROUTER_RADIUS, 2 * ROUTER_RADIUS));
                icons.add(node.id());
            } else if (node instanceof Client || node instanceof EthernetSwitch) {
                bounds.put(node.id(), new Rectangle2D(x - ICON_BOX / 2, y - ICON_BOX / 2, ICON_BOX, ICON_BOX));
                icons.add(node.id());
            }
        }
        // a VM whose data center is missing still shows, where it was put
        for (Vm vm : lab.vms()) {
            if (!bounds.containsKey(vm.id())) {
                bounds.put(vm.id(), new Rectangle2D(vm.position().x() - VM_WIDTH / 2, vm.position().y() - VM_HEIGHT / 2, VM_WIDTH, VM_HEIGHT));
                vms.add(vm.id());
            }
        }
        hitOrder.addAll(icons);
        hitOrder.addAll(vms);
        hitOrder.addAll(boxes);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Rectangle2D r : bounds.values()) {
            minX = Math.min(minX, r.getMinX());
            minY = Math.min(minY, r.getMinY());
            maxX = Math.max(maxX, r.getMaxX());
            maxY = Math.max(maxY, r.getMaxY() + 30);
        }
        if (!bounds.isEmpty()) {
            extent = new Rectangle2D(minX, minY, maxX - minX, maxY - minY);
        }
    }

    /** A data center's header (name, then a line per LAN prefix): taller for a dual-stack data center, so its addresses fit. */
    public static double headerHeight(DataCenter dc) {
        return DC_HEADER + 12 * Math.max(0, dc.lanPrefixes().size() - 1);
    }

    /** Every node's box, by node id. */
    public Map<String, Rectangle2D> allBounds() {
        return java.util.Collections.unmodifiableMap(bounds);
    }

    public Optional<Rectangle2D> bounds(String id) {
        return Optional.ofNullable(bounds.get(id));
    }

    public double centerX(String id) {
        Rectangle2D r = bounds.get(id);
        return r == null ? 0 : r.getMinX() + r.getWidth() / 2;
    }

    public double centerY(String id) {
        Rectangle2D r = bounds.get(id);
        return r == null ? 0 : r.getMinY() + r.getHeight() / 2;
    }

    /** Everything drawn, or an empty rectangle for an empty lab. */
    public Rectangle2D extent() {
        return extent;
    }

    /** The topmost node at (x, y): icons over VMs over data center boxes. */
    public Optional<String> nodeAt(double x, double y) {
        for (String id : hitOrder) {
            if (bounds.get(id).contains(x, y)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** The data center whose box holds (x, y). */
    public Optional<String> dataCenterAt(Lab lab, double x, double y) {
        for (DataCenter dc : lab.dataCenters()) {
            Rectangle2D r = bounds.get(dc.id());
            if (r != null && r.contains(x, y)) {
                return Optional.of(dc.id());
            }
        }
        return Optional.empty();
    }

    /** The link passing within {@code tolerance} of (x, y). */
    public Optional<String> linkAt(Lab lab, double x, double y, double tolerance) {
        for (Link link : lab.links()) {
            if (!bounds.containsKey(link.a()) || !bounds.containsKey(link.b())) {
                continue;
            }
            if (distanceToSegment(x, y, centerX(link.a()), centerY(link.a()), centerX(link.b()), centerY(link.b())) <= tolerance) {
                return Optional.of(link.id());
            }
        }
        return Optional.empty();
    }

    /** The nodes whose drawing lies inside {@code area} (a rubber band). */
    public List<String> nodesInside(Rectangle2D area) {
        List<String> inside = new ArrayList<>();
        for (String id : hitOrder) {
            Rectangle2D r = bounds.get(id);
            if (area.contains(r)) {
                inside.add(id);
            }
        }
        return inside;
    }

    static double distanceToSegment(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
        double cx = ax + t * dx;
        double cy = ay + t * dy;
        return Math.hypot(px - cx, py - cy);
    }
}
