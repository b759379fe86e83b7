package org.warplab.ui.run;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;
import org.warplab.ui.canvas.CanvasOverlay;
import org.warplab.ui.canvas.LabLayout;
import org.warplab.ui.common.Theme;

/**
 * The run replayed on the canvas at one instant: each packet in flight a dot on its link, placed
 * by how much of its real delay has passed; the migration stream a band on the management link;
 * drops (a cross and the reason) where they happened; translators flashing with the new rule
 * when they switch; a paused VM greyed, then travelling to its new data center.
 */
final class ReplayOverlay implements CanvasOverlay {

    /** What a dot's colour says. */
    enum Colour {
        PROBE("probe", Color.web("#1e6fd9")),
        ECHO("echo", Color.web("#17a398")),
        TRANSLATED("translated", Color.web("#f08c00")),
        ANNOUNCEMENT("RARP / GARP", Color.web("#d6336c")),
        CONFIG("config message", Color.web("#e8b100")),
        MOBILITY("MIPv6 signalling", Color.web("#7b2cbf")),
        RESOLUTION("ARP / ND", Color.web("#8d99ae")),
        MIGRATION("migration stream", Color.web("#c77d1a"));

        final String label;
        final Color color;

        Colour(String label, Color color) {
            this.label = label;
            this.color = color;
        }
    }

    static Colour colourOf(PacketKind kind, boolean translated) {
        switch (kind) {
            case PROBE:
            case PING:
                return translated ? Colour.TRANSLATED : Colour.PROBE;
            case ECHO:
            case PONG:
                return translated ? Colour.TRANSLATED : Colour.ECHO;
            case RARP:
            case GARP:
                return Colour.ANNOUNCEMENT;
            case CONFIG:
                return Colour.CONFIG;
            case MIGRATION:
                return Colour.MIGRATION;
            case ROUTER_ADVERTISEMENT:
            case BINDING_UPDATE:
            case BINDING_ACK:
            case HOME_TEST_INIT:
            case CARE_OF_TEST_INIT:
            case HOME_TEST:
            case CARE_OF_TEST:
                return Colour.MOBILITY;
            default:
                return Colour.RESOLUTION;
        }
    }

    private static final double DOT_RADIUS = 5;
    private static final double TRAIL_DOTS = 4;

    private final TraceIndex index;
    private final Consumer<TraceEvent.PacketSent> onPacketClicked;
    private final java.util.Set<Long> translatedPackets = new java.util.HashSet<>();
    private long timeNs;
    /** How long (virtual time) a drop or a switch stays marked: about a second of the viewer's time at the current speed. */
    private long markNs = 1_000_000;
    private long selectedPacket = -1;
    private int lastInFlight;
    private Theme theme = Theme.LIGHT;

    // per-colour dot buffers, reused frame to frame
    private final Map<Colour, double[]> dots = new EnumMap<>(Colour.class);
    private final Map<Colour, Integer> dotCounts = new EnumMap<>(Colour.class);
    private final Map<String, Integer> migrationLinks = new HashMap<>();

    private final OverlayLabels labels = new OverlayLabels();
    private final ReplayMarks marks;
    /** Presentation mode: the lab whose names and link labels the overlay places (null: the painter draws them). */
    private org.warplab.model.Lab placedNames;
    /** The smallest dot, in screen pixels (presentation mode: large enough to see from the back of a room). */
    private double minDotPixels = 4;
    private boolean trails;
    private final Map<Colour, double[]> trailStarts = new EnumMap<>(Colour.class);
    private StoryHighlight highlight = StoryHighlight.NONE;

    /** The frame's dots and trails, blended into one picture. */
    private final DotLayer dotLayer = new DotLayer();

    ReplayOverlay(TraceIndex index, Consumer<TraceEvent.PacketSent> onPacketClicked) {
        this.index = index;
        this.onPacketClicked = onPacketClicked;
        marks = new ReplayMarks(index, labels);
        for (TraceEvent e : index.trace().events()) {
            if (e instanceof TraceEvent.Translated t) {
                translatedPackets.add(t.packetId());
            }
        }
        for (Colour c : Colour.values()) {
            dots.put(c, new double[256]);
            trailStarts.put(c, new double[256]);
        }
    }

    /**
     * Presentation scale: dots at least {@code minDotPixels} across, labels of {@code labelSize}
     * px, short trails behind the dots, and names and link labels placed by the overlay (given
     * the lab shown) rather than drawn by the painter.
     */
    void present(double minDotPixels, double labelSize, boolean trails, org.warplab.model.Lab placedNames) {
        this.minDotPixels = minDotPixels;
        this.trails = trails;
        this.placedNames = placedNames;
        labels.setSize(labelSize);
    }

    /** Keeps the labels clear of what covers the canvas at its top and bottom (presentation mode's readout and caption). */
    void setLabelArea(double top, double bottom) {
        labels.setInsets(top, bottom);
    }

    @Override
    public void setLabelsBelow(List<org.warplab.ui.canvas.LabelPlacement.Placed> below) {
        labels.setLabelsBelow(below);
    }

    void setHighlight(StoryHighlight highlight) {
        this.highlight = highlight == null ? StoryHighlight.NONE : highlight;
    }

    /** The label boxes of the last frame (screen pixels), as the placement pass put them. */
    List<org.warplab.ui.canvas.LabelPlacement.Placed> lastLabels() {
        return labels.lastPlaced();
    }

    void setTime(long timeNs) {
        this.timeNs = timeNs;
    }

    long time() {
        return timeNs;
    }

    void setMarkDuration(long ns) {
        markNs = Math.max(1, ns);
    }

    void setTheme(Theme theme) {
        this.theme = theme;
        labels.setTheme(theme);
    }

    void select(long packetId) {
        selectedPacket = packetId;
    }

    long selectedPacket() {
        return selectedPacket;
    }

    /** Packets drawn in the last frame. */
    int lastInFlight() {
        return lastInFlight;
    }

    TraceIndex index() {
        return index;
    }

    /** Centre of a node, or of the node a pseudo-node belongs to ("ADC:capture" → ADC); null when the lab has neither. */
    static double[] position(LabLayout layout, String id) {
        if (id == null) {
            return null;
        }
        java.util.Optional<Rectangle2D> r = layout.bounds(id);
        if (r.isEmpty() && id.indexOf(':') > 0) {
            r = layout.bounds(id.substring(0, id.indexOf(':')));
        }
        if (r.isEmpty()) {
            return null;
        }
        return new double[] {r.get().getMinX() + r.get().getWidth() / 2, r.get().getMinY() + r.get().getHeight() / 2};
    }

    @Override
    public void paintWorld(GraphicsContext g, LabLayout layout, double scale) {
        Map<String, double[]> positions = new HashMap<>();
        for (Colour c : Colour.values()) {
            dotCounts.put(c, 0);
        }
        migrationLinks.clear();
        double[] selected = new double[3];
        selected[2] = -1;
        lastInFlight = index.inFlight(timeNs, (p, progress) -> {
            double[] a = positions.computeIfAbsent(p.fromNode(), id -> position(layout, id));
            double[] b = positions.computeIfAbsent(p.toNode(), id -> position(layout, id));
            if (a == null || b == null) {
                return;
            }
            if (p.kind() == PacketKind.MIGRATION) {
                migrationLinks.merge(p.fromNode() + "\u0000" + p.toNode(), 1, Integer::sum);
            }
            double x = a[0] + (b[0] - a[0]) * progress;
            double y = a[1] + (b[1] - a[1]) * progress;
            Colour c = colourOf(p.kind(), translatedPackets.contains(p.packetId()));
            int n = dotCounts.get(c);
            double[] buffer = dots.get(c);
            if (buffer.length < 2 * n + 2) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                dots.put(c, buffer);
                trailStarts.put(c, java.util.Arrays.copyOf(trailStarts.get(c), buffer.length));
            }
            buffer[2 * n] = x;
            buffer[2 * n + 1] = y;
            if (trails) {
                // a trail of about four dot widths (screen) behind the dot, never past the link's start
                double length = Math.hypot(b[0] - a[0], b[1] - a[1]);
                double back = length <= 0 ? 0 : Math.min(progress, TRAIL_DOTS * minDotPixels / scale / length);
                double[] starts = trailStarts.get(c);
                starts[2 * n] = a[0] + (b[0] - a[0]) * (progress - back);
                starts[2 * n + 1] = a[1] + (b[1] - a[1]) * (progress - back);
            }
            dotCounts.put(c, n + 1);
            if (p.packetId() == selectedPacket) {
                selected[0] = x;
                selected[1] = y;
                selected[2] = 1;
            }
        });
        highlight.paint(g, layout, scale, theme);
        paintSelectedPath(g, layout, scale);
        marks.setFrame(timeNs, markNs, theme);
        marks.paintMigrationBands(g, positions, migrationLinks, scale);
        marks.paintVms(g, layout, scale);
        double r = Math.max(DOT_RADIUS, minDotPixels / 2 / scale);
        // dots and trails as pre-rendered sprites blended into one picture, drawn with one image copy
        javafx.scene.transform.Affine view = g.getTransform();
        int pixels = (int) Math.max(4, Math.round(2 * r * scale));
        g.setTransform(1, 0, 0, 1, 0, 0);
        dotLayer.begin((int) Math.ceil(g.getCanvas().getWidth()), (int) Math.ceil(g.getCanvas().getHeight()), pixels);
        if (trails) {
            paintTrails(view, pixels);
        }
        for (Colour c : Colour.values()) {
            if (c == Colour.MIGRATION) {
                continue;
            }
            int n = dotCounts.get(c);
            double[] buffer = dots.get(c);
            for (int i = 0; i < n; i++) {
                dotLayer.dot(c, view.getMxx() * buffer[2 * i] + view.getTx(), view.getMyy() * buffer[2 * i + 1] + view.getTy());
            }
        }
        javafx.scene.image.Image picture = dotLayer.finish();
        Rectangle2D area = dotLayer.drawnArea();
        if (area != null) {
            // only the part with packets on it: the software pipeline's image copy costs by the pixel
            g.drawImage(picture, area.getMinX(), area.getMinY(), area.getWidth(), area.getHeight(),
                    area.getMinX(), area.getMinY(), area.getWidth(), area.getHeight());
        }
        g.setTransform(view);
        if (selected[2] > 0) {
            g.setStroke(theme.selection());
            g.setLineWidth(2.5 / scale);
            g.strokeOval(selected[0] - 2 * r, selected[1] - 2 * r, 4 * r, 4 * r);
        }
        marks.paintSwitches(g, layout, scale);
        marks.paintDrops(g, layout, scale);
        labels.paint(g, placedNames, layout, g.getTransform(), g.getCanvas().getWidth(), g.getCanvas().getHeight());
    }

    /**
     * Behind each dot, from where it was a trail's length ago (never before its link's start) to
     * where it is: {@link DotLayer#TRAIL_STAMPS} fading stamps, under every dot.
     */
    private void paintTrails(javafx.scene.transform.Affine view, int pixels) {
        for (Colour c : Colour.values()) {
            int n = dotCounts.get(c);
            if (c == Colour.MIGRATION || n == 0) {
                continue;
            }
            double[] ends = dots.get(c);
            double[] starts = trailStarts.get(c);
            for (int i = 0; i < n; i++) {
                double ex = view.getMxx() * ends[2 * i] + view.getTx();
                double ey = view.getMyy() * ends[2 * i + 1] + view.getTy();
                double dx = view.getMxx() * starts[2 * i] + view.getTx() - ex;
                double dy = view.getMyy() * starts[2 * i + 1] + view.getTy() - ey;
                double length = Math.hypot(dx, dy);
                if (length < 1) {
                    continue;
                }
                // stamps one dot width apart (closer on a trail cut short at the link's start)
                double step = Math.min(pixels, length / DotLayer.TRAIL_STAMPS) / length;
                for (int k = 0; k < DotLayer.TRAIL_STAMPS; k++) {
                    dotLayer.stamp(c, k, ex + dx * step * (k + 1), ey + dy * step * (k + 1));
                }
            }
        }
    }

    /** A clicked packet's whole way through the network, hop by hop, under the dots. */
    private void paintSelectedPath(GraphicsContext g, LabLayout layout, double scale) {
        if (selectedPacket < 0) {
            return;
        }
        g.setStroke(theme.selection().deriveColor(0, 1, 1, 0.45));
        g.setLineWidth(Math.max(6, minDotPixels) / scale);
        g.setLineCap(javafx.scene.shape.StrokeLineCap.ROUND);
        g.beginPath();
        for (TraceEvent e : index.packetStory(selectedPacket)) {
            if (e instanceof TraceEvent.PacketSent p) {
                double[] a = position(layout, p.fromNode());
                double[] b = position(layout, p.toNode());
                if (a != null && b != null) {
                    g.moveTo(a[0], a[1]);
                    g.lineTo(b[0], b[1]);
                }
            }
        }
        g.stroke();
        g.setLineCap(javafx.scene.shape.StrokeLineCap.SQUARE);
    }

    @Override
    public void paintScreen(GraphicsContext g, double width, double height) {
        if (placedNames != null) {
            // presentation mode has its own clock and caption where the legend and the clock would go
            return;
        }
        g.setFont(Font.font(theme.fontFamily(), 11));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double x = 12;
        double y = height - 16;
        g.setFill(theme.background().deriveColor(0, 1, 1, 0.85));
        g.fillRoundRect(6, height - 30, 760, 26, 8, 8);
        for (Colour c : Colour.values()) {
            g.setFill(c.color);
            g.fillOval(x, y - 5, 10, 10);
            g.setFill(theme.text());
            g.fillText(c.label, x + 14, y);
            x += 16 + c.label.length() * 6.2 + 12;
        }
        g.setFill(theme.text());
        g.setFont(Font.font(theme.fontFamily(), javafx.scene.text.FontWeight.BOLD, 14));
        g.fillText(String.format(Locale.ROOT, "t = %.3f ms   %d packets in flight", timeNs / 1e6, lastInFlight), 12, 18);
    }

    @Override
    public boolean clicked(LabLayout layout, double x, double y, double tolerance) {
        TraceEvent.PacketSent[] best = new TraceEvent.PacketSent[1];
        double[] bestDistance = {Math.max(tolerance, DOT_RADIUS * 1.5)};
        Map<String, double[]> positions = new HashMap<>();
        index.inFlight(timeNs, (p, progress) -> {
            double[] a = positions.computeIfAbsent(p.fromNode(), id -> position(layout, id));
            double[] b = positions.computeIfAbsent(p.toNode(), id -> position(layout, id));
            if (a == null || b == null) {
                return;
            }
            double px = a[0] + (b[0] - a[0]) * progress;
            double py = a[1] + (b[1] - a[1]) * progress;
            double d = Math.hypot(px - x, py - y);
            if (d <= bestDistance[0]) {
                bestDistance[0] = d;
                best[0] = p;
            }
        });
        if (best[0] == null) {
            return false;
        }
        selectedPacket = best[0].packetId();
        onPacketClicked.accept(best[0]);
        return true;
    }

    /** Where a packet is drawn now (world coordinates), or null when it is not in flight; for tests and the inspector. */
    double[] packetPosition(LabLayout layout, long packetId) {
        double[][] out = new double[1][];
        index.inFlight(timeNs, (p, progress) -> {
            if (p.packetId() == packetId) {
                double[] a = position(layout, p.fromNode());
                double[] b = position(layout, p.toNode());
                if (a != null && b != null) {
                    out[0] = new double[] {a[0] + (b[0] - a[0]) * progress, a[1] + (b[1] - a[1]) * progress};
                }
            }
        });
        return out[0];
    }

    static List<Colour> legend() {
        return List.of(Colour.values());
    }
}
