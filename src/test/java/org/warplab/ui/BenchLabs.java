package org.warplab.ui;

import java.util.ArrayList;
import java.util.List;
import org.warplab.edit.AddElements;
import org.warplab.edit.ElementFactory;
import org.warplab.edit.ElementFactory.Kind;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;
import org.warplab.model.Position;

/**
 * Large labs for benchmarks: rows of sites, each a data center with VMs, its server edge, two core
 * routers, a client edge and a client, wired like the paper's lab and to the next row.
 */
public final class BenchLabs {

    private BenchLabs() {
    }

    /** A lab of about {@code nodes} nodes (10 per site: DC, 4 VMs, server edge, 2 cores, client edge, client). */
    public static Lab generate(int nodes) {
        int sites = Math.max(1, nodes / 10);
        List<Node> all = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        Lab lab = Lab.empty("Bench lab, " + sites * 10 + " nodes");
        for (int s = 0; s < sites; s++) {
            double y = 160 + s * 220;
            lab = add(lab, ElementFactory.create(lab, Kind.DATA_CENTER, new Position(100, y), null), all);
            String dc = all.get(all.size() - 1).id();
            for (int v = 0; v < 4; v++) {
                lab = add(lab, ElementFactory.create(lab, Kind.VM, new Position(100, y), dc), all);
            }
            lab = add(lab, ElementFactory.create(lab, Kind.SERVER_EDGE_ROUTER, new Position(320, y), null), all);
            String edge = all.get(all.size() - 1).id();
            lab = add(lab, ElementFactory.create(lab, Kind.CORE_ROUTER, new Position(500, y - 60), null), all);
            String core1 = all.get(all.size() - 1).id();
            lab = add(lab, ElementFactory.create(lab, Kind.CORE_ROUTER, new Position(500, y + 60), null), all);
            String core2 = all.get(all.size() - 1).id();
            lab = add(lab, ElementFactory.create(lab, Kind.CLIENT_EDGE_ROUTER, new Position(700, y), null), all);
            String clientEdge = all.get(all.size() - 1).id();
            lab = add(lab, ElementFactory.create(lab, Kind.CLIENT, new Position(880, y), null), all);
            String client = all.get(all.size() - 1).id();
            lab = connect(lab, dc, edge, links);
            lab = connect(lab, edge, core1, links);
            lab = connect(lab, edge, core2, links);
            lab = connect(lab, core1, core2, links);
            lab = connect(lab, core1, clientEdge, links);
            lab = connect(lab, core2, clientEdge, links);
            lab = connect(lab, client, clientEdge, links);
            if (s > 0) {
                lab = connect(lab, all.get(all.size() - 20).id(), dc, links);
                lab = connect(lab, all.get(all.size() - 12).id(), core1, links);
            }
        }
        return lab;
    }

    private static Lab add(Lab lab, Node node, List<Node> all) {
        all.add(node);
        return new AddElements("add", List.of(node), List.of()).apply(lab);
    }

    private static Lab connect(Lab lab, String a, String b, List<Link> links) {
        Link link = ElementFactory.connect(lab, a, b, new StringBuilder()).orElseThrow();
        links.add(link);
        return new AddElements("link", List.of(), List.of(link)).apply(lab);
    }
}
