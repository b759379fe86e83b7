package org.warplab.ui.run;

import java.util.Locale;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.warplab.run.TraceEvent;
import org.warplab.ui.canvas.LabLayout;
import org.warplab.ui.common.Theme;

/**
 * The replay's marks of what happens to the network at an instant, drawn with the
 * {@link ReplayOverlay}'s dots: the migration stream's bands, a paused VM greyed and travelling,
 * a translator's rule switch flashing, a drop crossed out with its reason. Their labels go through
 * the overlay's {@link OverlayLabels}, so no label covers another.
 */
final class ReplayMarks {

    private static final Color DROP = Color.web("#d62828");
    private static final Color FLASH = Color.web("#f08c00");

    private final TraceIndex index;
    private final OverlayLabels labels;
    private long timeNs;
    private long markNs = 1;
    private Theme theme = Theme.LIGHT;

    ReplayMarks(TraceIndex index, OverlayLabels labels) {
        this.index = index;
        this.labels = labels;
    }

    /** The frame about to be painted: its instant, how long a drop or switch stays marked, the theme. */
    void setFrame(long timeNs, long markNs, Theme theme) {
        this.timeNs = timeNs;
        this.markNs = markNs;
        this.theme = theme;
    }

    /** The migration stream a band on each link it crosses now; the busiest three labelled with their bursts in flight. */
    void paintMigrationBands(GraphicsContext g, Map<String, double[]> positions, Map<String, Integer> migrationLinks, double scale) {
        if (migrationLinks.isEmpty()) {
            return;
        }
        g.setStroke(ReplayOverlay.Colour.MIGRATION.color.deriveColor(0, 1, 1, 0.55));
        g.setLineWidth(Math.max(12, 8 / scale));
        // butt ends: the band's ends lie under the nodes' boxes, and round caps cost the rasterizer curves
        g.setLineCap(javafx.scene.shape.StrokeLineCap.BUTT);
        // one path for every band: a stroke per band costs the software pipeline a rasterization each
        g.beginPath();
        for (String key : migrationLinks.keySet()) {
            String[] ends = key.split("\u0000");
            String back = ends[1] + "\u0000" + ends[0];
            if (key.compareTo(back) > 0 && migrationLinks.containsKey(back)) {
                // one stroke per link: the other way lies on the same pixels (a path's stroke is the union of its segments)
                continue;
            }
            double[] a = positions.get(ends[0]);
            double[] b = positions.get(ends[1]);
            g.moveTo(a[0], a[1]);
            g.lineTo(b[0], b[1]);
        }
        g.stroke();
        // text is the dear part of a frame: the busiest few streams are labelled, not every one
        migrationLinks.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3).forEach(entry -> {
            String[] ends = entry.getKey().split("\u0000");
            double[] a = positions.get(ends[0]);
            double[] b = positions.get(ends[1]);
            label(g, scale, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2 - 14, "migration stream · " + org.warplab.ui.common.Wording.count(entry.getValue(), "burst") + " in flight",
                    ReplayOverlay.Colour.MIGRATION.color.darker());
        });
        g.setLineCap(javafx.scene.shape.StrokeLineCap.SQUARE);
    }

    /** A paused VM greyed with "paused"; one in transit drawn between its data centers; one resuming marked so. */
    void paintVms(GraphicsContext g, LabLayout layout, double scale) {
        for (TraceIndex.VmState state : index.vmStates(timeNs).values()) {
            java.util.Optional<Rectangle2D> box = layout.bounds(state.vm());
            if (box.isEmpty()) {
                continue;
            }
            Rectangle2D r = box.get();
            if (state.paused() && state.movedNs() < 0) {
                String to = index.destinationAfter(state.vm(), timeNs);
                long moved = index.movedAfter(state.vm(), timeNs);
                g.setFill(Color.gray(0.5, 0.45));
                g.fillRoundRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 8, 8);
                label(g, scale, r.getMinX() + r.getWidth() / 2, r.getMinY() - 8, "paused: stop-and-copy", Color.gray(0.25));
                double[] target = ReplayOverlay.position(layout, to);
                if (target != null && moved > state.pausedNs()) {
                    double f = Math.min(1, (double) (timeNs - state.pausedNs()) / (moved - state.pausedNs()));
                    double sx = r.getMinX() + r.getWidth() / 2;
                    double sy = r.getMinY() + r.getHeight() / 2;
                    double x = sx + (target[0] - sx) * f;
                    double y = sy + (target[1] - sy) * f;
                    g.setFill(theme.vmStroke().deriveColor(0, 1, 1, 0.8));
                    g.fillRoundRect(x - r.getWidth() / 4, y - r.getHeight() / 2, r.getWidth() / 2, r.getHeight(), 8, 8);
                    label(g, scale, x, y + r.getHeight() / 2 + 12, state.vm() + " → " + to, theme.vmStroke().darker());
                }
            } else if (state.paused()) {
                g.setFill(theme.vmStroke().deriveColor(0, 1, 1, 0.25));
                g.fillRoundRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 8, 8);
                label(g, scale, r.getMinX() + r.getWidth() / 2, r.getMinY() - 8, "resuming in " + state.to(), theme.vmStroke().darker());
            }
        }
    }

    void paintSwitches(GraphicsContext g, LabLayout layout, double scale) {
        for (TraceEvent.RuleSwitched s : index.switchesBetween(timeNs - 3 * markNs, timeNs)) {
            double[] at = ReplayOverlay.position(layout, s.router());
            if (at == null) {
                continue;
            }
            double age = (double) (timeNs - s.timeNs()) / (3 * markNs);
            double flash = s.timeNs() > timeNs - markNs ? 1 : 1 - age;
            g.setStroke(FLASH.deriveColor(0, 1, 1, Math.max(0.2, flash)));
            g.setLineWidth(4 / Math.min(1, scale));
            double radius = LabLayout.ROUTER_RADIUS + 8 + 10 * (1 - flash);
            g.strokeOval(at[0] - radius, at[1] - radius, 2 * radius, 2 * radius);
            String rule = s.rule().length() > 64 ? s.rule().substring(0, 62) + "…" : s.rule();
            label(g, at[0], at[1] + radius + 14, "rule switched: " + rule, FLASH.darker(), Math.max(0.35, flash));
        }
    }

    void paintDrops(GraphicsContext g, LabLayout layout, double scale) {
        for (TraceEvent.Dropped d : index.dropsBetween(timeNs - 2 * markNs, timeNs)) {
            double[] at = ReplayOverlay.position(layout, d.node());
            if (at == null) {
                continue;
            }
            double k = Math.max(8, 6 / scale);
            g.setStroke(DROP);
            g.setLineWidth(3 / Math.min(1, scale));
            g.strokeLine(at[0] - k, at[1] - k, at[0] + k, at[1] + k);
            g.strokeLine(at[0] - k, at[1] + k, at[0] + k, at[1] - k);
            double age = (double) (timeNs - d.timeNs()) / (2 * markNs);
            label(g, at[0], at[1] - k - 10, d.kind().name().toLowerCase(Locale.ROOT) + " " + (d.flow() == null ? "" : d.flow() + "#" + d.sequence())
                    + " dropped: " + d.reason(), DROP, Math.max(0.35, 1 - age));
        }
    }

    /** A label at a world point, placed with the frame's other labels so none covers another. */
    private void label(GraphicsContext g, double scale, double x, double y, String text, Color color) {
        label(g, x, y, text, color, 1);
    }

    private void label(GraphicsContext g, double x, double y, String text, Color color, double alpha) {
        javafx.scene.transform.Affine view = g.getTransform();
        labels.mark(view.getMxx() * x + view.getMxy() * y + view.getTx(), view.getMyx() * x + view.getMyy() * y + view.getTy(), text, color, alpha);
    }
}
