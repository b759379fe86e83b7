package org.warplab.ui;

import java.util.List;
import java.util.Set;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.EthernetSwitch;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.Router;
import org.warplab.model.RouterFunction;
import org.warplab.model.Vm;

/** Draws a lab's topology on a canvas: data centers as boxes holding their VMs, routers by role, links with labels. */
public final class TopologyPainter {

    public static final double DC_WIDTH = 150;
    public static final double VM_SIZE = 34;
    public static final double ROUTER_RADIUS = 24;

    private final Theme theme;

    public TopologyPainter(Theme theme) {
        this.theme = theme;
    }

    public void paint(GraphicsContext g, Lab lab, double width, double height, boolean linkLabels) {
        g.setFill(theme.background());
        g.fillRect(0, 0, width, height);
        for (Link link : lab.links()) {
            paintLink(g, lab, link, linkLabels);
        }
        for (DataCenter dc : lab.dataCenters()) {
            paintDataCenter(g, lab, dc);
        }
        for (Node node : lab.nodes()) {
            if (node instanceof Router router) {
                paintRouter(g, router, lab.functionsOf(router.id()));
            } else if (node instanceof Client client) {
                paintClient(g, client);
            } else if (node instanceof EthernetSwitch sw) {
                paintSwitch(g, sw);
            }
        }
    }

    /** The box of a data center: tall enough for its VMs. */
    public static double[] dataCenterBox(Lab lab, DataCenter dc) {
        int vms = lab.vmsIn(dc.id()).size();
        double height = Math.max(90, 56 + vms * (VM_SIZE + 8));
        return new double[] {dc.position().x() - DC_WIDTH / 2, dc.position().y() - height / 2, DC_WIDTH, height};
    }

    /** Where a VM is drawn: stacked inside its data center's box. */
    public static Position vmPosition(Lab lab, Vm vm) {
        DataCenter dc = lab.node(vm.dataCenter(), DataCenter.class).orElse(null);
        if (dc == null) {
            return vm.position();
        }
        List<Vm> inside = lab.vmsIn(dc.id());
        double[] box = dataCenterBox(lab, dc);
        int index = inside.indexOf(vm);
        return new Position(box[0] + box[2] / 2, box[1] + 44 + index * (VM_SIZE + 8) + VM_SIZE / 2);
    }

    private void paintLink(GraphicsContext g, Lab lab, Link link, boolean labels) {
        Node a = lab.node(link.a()).orElse(null);
        Node b = lab.node(link.b()).orElse(null);
        if (a == null || b == null) {
            return;
        }
        Position pa = a.position();
        Position pb = b.position();
        g.setStroke(switch (link.kind()) {
            case WAN -> theme.wanLink();
            case LAN -> theme.lanLink();
            case MANAGEMENT -> theme.managementLink();
        });
        g.setLineWidth(link.kind() == LinkKind.WAN ? 3 : 2);
        g.setLineDashes(link.kind() == LinkKind.MANAGEMENT ? new double[] {8, 6} : null);
        if (link.kind() == LinkKind.MANAGEMENT) {
            // management links run beside the data centers, not through the WAN drawing
            double side = Math.min(pa.x(), pb.x()) - DC_WIDTH / 2 - 24;
            g.strokePolyline(new double[] {pa.x() - DC_WIDTH / 2, side, side, pb.x() - DC_WIDTH / 2},
                    new double[] {pa.y(), pa.y(), pb.y(), pb.y()}, 4);
        } else {
            g.strokeLine(pa.x(), pa.y(), pb.x(), pb.y());
        }
        g.setLineDashes(null);
        if (labels && link.kind() != LinkKind.LAN) {
            double mx = link.kind() == LinkKind.MANAGEMENT ? Math.min(pa.x(), pb.x()) - DC_WIDTH / 2 - 28 : (pa.x() + pb.x()) / 2;
            double my = (pa.y() + pb.y()) / 2;
            String text = link.id() + "  " + Units.millis(link.delayNs()) + " · " + Units.bandwidth(link.bandwidthBps());
            g.setFont(Font.font(theme.fontFamily(), 11));
            g.setTextAlign(link.kind() == LinkKind.MANAGEMENT ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.setFill(theme.background().deriveColor(0, 1, 1, 0.85));
            double w = text.length() * 6.2;
            double x0 = link.kind() == LinkKind.MANAGEMENT ? mx - w : mx - w / 2;
            g.fillRoundRect(x0 - 3, my - 9, w + 6, 18, 6, 6);
            g.setFill(theme.mutedText());
            g.fillText(text, mx, my);
        }
    }

    private void paintDataCenter(GraphicsContext g, Lab lab, DataCenter dc) {
        double[] box = dataCenterBox(lab, dc);
        g.setFill(theme.dataCenterFill());
        g.fillRoundRect(box[0], box[1], box[2], box[3], 14, 14);
        g.setStroke(theme.dataCenterStroke());
        g.setLineWidth(2);
        g.strokeRoundRect(box[0], box[1], box[2], box[3], 14, 14);
        g.setFill(theme.text());
        g.setFont(Font.font(theme.fontFamily(), FontWeight.BOLD, 12));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(dc.name(), box[0] + box[2] / 2, box[1] + 6);
        g.setFont(Font.font(theme.fontFamily(), 10));
        g.setFill(theme.mutedText());
        String lan = dc.lanPrefixes().isEmpty() ? "no LAN prefix" : dc.lanPrefixes().get(0).toString();
        g.fillText(lan + (dc.capturesAnnouncements() ? "  ◉" : ""), box[0] + box[2] / 2, box[1] + 22);
        for (Vm vm : lab.vmsIn(dc.id())) {
            Position p = vmPosition(lab, vm);
            g.setFill(theme.vmFill());
            g.fillRoundRect(p.x() - 55, p.y() - VM_SIZE / 2, 110, VM_SIZE, 8, 8);
            g.setStroke(theme.vmStroke());
            g.setLineWidth(1.5);
            g.strokeRoundRect(p.x() - 55, p.y() - VM_SIZE / 2, 110, VM_SIZE, 8, 8);
            g.setFill(theme.text());
            g.setFont(Font.font(theme.fontFamily(), FontWeight.BOLD, 11));
            g.setTextBaseline(VPos.CENTER);
            g.fillText(vm.name(), p.x(), p.y() - 7);
            g.setFont(Font.font(theme.fontFamily(), 10));
            g.setFill(theme.mutedText());
            g.fillText(vm.addresses().isEmpty() ? "" : vm.addresses().get(0).toString(), p.x(), p.y() + 8);
        }
    }

    private void paintRouter(GraphicsContext g, Router router, Set<RouterFunction> functions) {
        Position p = router.position();
        Color fill = switch (router.role()) {
            case SERVER_EDGE -> theme.serverEdge();
            case CORE -> theme.core();
            case CLIENT_EDGE -> theme.clientEdge();
        };
        g.setFill(fill);
        g.fillOval(p.x() - ROUTER_RADIUS, p.y() - ROUTER_RADIUS, 2 * ROUTER_RADIUS, 2 * ROUTER_RADIUS);
        g.setStroke(theme.text());
        g.setLineWidth(1.5);
        g.strokeOval(p.x() - ROUTER_RADIUS, p.y() - ROUTER_RADIUS, 2 * ROUTER_RADIUS, 2 * ROUTER_RADIUS);
        // the four arrows of the usual router symbol
        g.setStroke(Color.WHITE);
        g.setLineWidth(2);
        double r = ROUTER_RADIUS * 0.55;
        g.strokeLine(p.x() - r, p.y(), p.x() + r, p.y());
        g.strokeLine(p.x(), p.y() - r, p.x(), p.y() + r);
        g.setFill(theme.text());
        g.setFont(Font.font(theme.fontFamily(), FontWeight.BOLD, 12));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(router.name(), p.x(), p.y() + ROUTER_RADIUS + 4);
        if (!functions.isEmpty()) {
            String badge = functions.contains(RouterFunction.TRANSLATOR) ? "NAT"
                    : functions.contains(RouterFunction.HOME_AGENT) ? "HA" : "SEG";
            g.setFill(theme.badge());
            g.fillRoundRect(p.x() + ROUTER_RADIUS * 0.4, p.y() - ROUTER_RADIUS - 8, 34, 16, 8, 8);
            g.setFill(Color.WHITE);
            g.setFont(Font.font(theme.fontFamily(), FontWeight.BOLD, 10));
            g.setTextBaseline(VPos.CENTER);
            g.fillText(badge, p.x() + ROUTER_RADIUS * 0.4 + 17, p.y() - ROUTER_RADIUS);
        }
    }

    private void paintClient(GraphicsContext g, Client client) {
        Position p = client.position();
        g.setFill(theme.clientFill());
        g.fillRoundRect(p.x() - 26, p.y() - 20, 52, 34, 6, 6);
        g.setStroke(theme.text());
        g.setLineWidth(1.5);
        g.strokeRoundRect(p.x() - 26, p.y() - 20, 52, 34, 6, 6);
        g.strokeLine(p.x() - 14, p.y() + 20, p.x() + 14, p.y() + 20);
        g.setFill(theme.text());
        g.setFont(Font.font(theme.fontFamily(), FontWeight.BOLD, 12));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(client.name(), p.x(), p.y() + 24);
        g.setFont(Font.font(theme.fontFamily(), 10));
        g.setFill(theme.mutedText());
        g.fillText(client.addresses().isEmpty() ? "" : client.addresses().get(0).address().toString(), p.x(), p.y() + 40);
    }

    private void paintSwitch(GraphicsContext g, EthernetSwitch sw) {
        Position p = sw.position();
        g.setFill(theme.core());
        g.fillRect(p.x() - 24, p.y() - 12, 48, 24);
        g.setFill(theme.text());
        g.setFont(Font.font(theme.fontFamily(), FontWeight.BOLD, 12));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(sw.name(), p.x(), p.y() + 16);
    }
}
