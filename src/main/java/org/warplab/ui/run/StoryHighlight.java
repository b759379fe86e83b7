package org.warplab.ui.run;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.run.story.StoryStep;
import org.warplab.ui.canvas.LabLayout;
import org.warplab.ui.common.Theme;

/** The nodes and links of the current story step, drawn as a glow under the replay. */
record StoryHighlight(List<String> nodes, List<String[]> links) {

    static final StoryHighlight NONE = new StoryHighlight(List.of(), List.of());
    private static final Color GLOW = Color.web("#ffb703");

    /** The step's nodes (a pseudo-node such as "ADC-capture" or "EB/red" counts as the node it belongs to) and its links' ends in {@code lab}. */
    static StoryHighlight of(StoryStep step, Lab lab) {
        if (step == null) {
            return NONE;
        }
        List<String> nodes = new ArrayList<>();
        for (String id : step.nodes()) {
            String node = lab.node(id).isPresent() ? id : owner(id, lab);
            if (node != null && !nodes.contains(node)) {
                nodes.add(node);
            }
        }
        List<String[]> links = new ArrayList<>();
        for (String id : step.links()) {
            lab.links().stream().filter(l -> l.id().equals(id)).findFirst().ifPresent(link -> links.add(new String[] {link.a(), link.b()}));
            int colon = id.indexOf(':');
            if (colon > 0 && lab.node(id.substring(0, colon)).isPresent() && lab.node(id.substring(colon + 1)).isPresent()) {
                links.add(new String[] {id.substring(0, colon), id.substring(colon + 1)});
            }
        }
        return new StoryHighlight(nodes, links);
    }

    private static String owner(String id, Lab lab) {
        for (String separator : List.of("-", "/", ":")) {
            int at = id.indexOf(separator);
            if (at > 0 && lab.node(id.substring(0, at)).isPresent()) {
                return id.substring(0, at);
            }
        }
        return null;
    }

    void paint(GraphicsContext g, LabLayout layout, double scale, Theme theme) {
        if (nodes.isEmpty() && links.isEmpty()) {
            return;
        }
        g.setStroke(GLOW.deriveColor(0, 1, 1, 0.6));
        g.setLineWidth(14 / Math.min(1.5, scale));
        g.setLineCap(javafx.scene.shape.StrokeLineCap.ROUND);
        for (String[] ends : links) {
            double[] a = ReplayOverlay.position(layout, ends[0]);
            double[] b = ReplayOverlay.position(layout, ends[1]);
            if (a != null && b != null) {
                g.strokeLine(a[0], a[1], b[0], b[1]);
            }
        }
        g.setLineCap(javafx.scene.shape.StrokeLineCap.SQUARE);
        g.setLineWidth(6 / Math.min(1.5, scale));
        for (String id : nodes) {
            layout.bounds(id).ifPresent(r -> {
                double pad = 6 / Math.min(1.5, scale);
                g.setStroke(GLOW);
                g.strokeRoundRect(r.getMinX() - pad, r.getMinY() - pad, r.getWidth() + 2 * pad, r.getHeight() + 2 * pad, 14, 14);
            });
        }
    }

    boolean isEmpty() {
        return nodes.isEmpty() && links.isEmpty();
    }
}
