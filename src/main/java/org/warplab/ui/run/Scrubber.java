package org.warplab.ui.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.warplab.run.Phase;
import org.warplab.ui.common.CanvasChart;

/**
 * The run's timeline: phases as coloured spans with markers at their boundaries, drops as red
 * ticks, the playhead; press or drag to seek. It can show a window of the run instead of all of
 * it (the downtime ± 50 ms, where 30 ms of a 4 s run would be 7 px): the wheel zooms about the
 * pointer, Z (or the Zoom button) goes to the downtime's window and back, + / − zoom about the
 * playhead, 0 or a double click shows the whole run. While zoomed the bar is tinted, its ends are
 * broken, it has a time axis, and the label beside it names the window and the factor.
 */
final class Scrubber extends CanvasChart {
    private static final double PAD = 8;
    /** How much of the run the wheel can zoom into: no window narrower than this. */
    static final long MIN_WINDOW_NS = 200_000;
    /** The margin the downtime window has on each side. */
    static final long DOWNTIME_MARGIN_NS = 50_000_000;
    private long endNs = 1;
    private long timeNs;
    private long fromNs;
    private long toNs = 1;
    /** The window Z goes to (the downtime ± 50 ms); null when the run has none. */
    private long[] focus;
    private List<Phase> phases = List.of();
    private List<Long> drops = List.of();
    private final LongConsumer onSeek;
    private final javafx.scene.shape.Circle knob = new javafx.scene.shape.Circle(6);
    private final javafx.scene.shape.Line playhead = playheadLine(2);
    private final ToggleButton zoomButton = new ToggleButton("Zoom");
    private final Label zoomText = new Label();
    private final HBox zoomControl = new HBox(6, zoomButton, zoomText);

    Scrubber(LongConsumer onSeek) {
        this.onSeek = onSeek;
        setMinHeight(34);
        setPrefHeight(34);
        setMinWidth(200);
        setFocusTraversable(true);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            if (e.getClickCount() == 2) {
                showWhole();
            } else {
                seek(e);
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::seek);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                zoomAbout(timeAt(e.getX()), e.getDeltaY() > 0 ? 0.5 : 2);
                e.consume();
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (zoomKey(e.getCode(), timeNs) || ownKey(e.getCode())) {
                e.consume();
            }
        });
        setCursor(javafx.scene.Cursor.HAND);
        knob.setManaged(false);
        knob.setMouseTransparent(true);
        getChildren().add(1, knob);
        zoomButton.setTooltip(new Tooltip("Zoom the scrubber into the downtime ± 50 ms, and back to the whole run (Z on the scrubber; "
                + "the wheel zooms about the pointer, + / − about the playhead, 0 or a double click shows the whole run)"));
        zoomButton.setOnAction(e -> {
            toggleFocus();
            zoomButton.setSelected(isZoomed());
        });
        zoomButton.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        zoomText.getStyleClass().add("explanation");
        zoomText.setTooltip(new Tooltip("The part of the run the scrubber shows, and how many times it is magnified; "
                + "Z: the downtime ± 50 ms and back, the wheel or + / −: zoom, 0 or a double click: the whole run"));
        zoomText.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        zoomControl.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        showZoom();
    }

    /** The zoom button and the text that names the window shown ("1407.2 – 1534.2 ms · ×31"), for the bar beside the scrubber. */
    HBox zoomLabel() {
        return zoomControl;
    }

    void setData(long endNs, List<Phase> phases, List<Long> drops) {
        this.endNs = Math.max(1, endNs);
        this.phases = new ArrayList<>(phases);
        this.drops = new ArrayList<>(drops);
        fromNs = 0;
        toNs = this.endNs;
        focus = null;
        showZoom();
        repaint();
    }

    /** {@code run}'s phases and drops over 0 to {@code endNs} (a shared clock may run past the run's end), Z's window on its downtime. */
    void showRun(RunRecord run, long endNs) {
        List<Phase> runPhases = new ArrayList<>();
        for (org.warplab.run.MigrationMetrics m : run.result().migrations()) {
            runPhases.addAll(m.phases());
        }
        List<Long> runDrops = new ArrayList<>();
        for (org.warplab.run.TraceEvent e : run.trace().events()) {
            if (e instanceof org.warplab.run.TraceEvent.Dropped) {
                runDrops.add(e.timeNs());
            }
        }
        setData(endNs, runPhases, runDrops);
        long[] downtime = downtimeWindow(run.result(), run.trace());
        if (downtime != null) {
            setFocus(downtime[0], downtime[1]);
        }
    }

    /**
     * The downtime of the run's first migration that stops its VM, ± 50 ms: from the pause to the
     * first probe that reaches the VM again (to the resume when none did); null without a pause.
     */
    static long[] downtimeWindow(org.warplab.run.RunResult result, org.warplab.run.Trace trace) {
        for (org.warplab.run.MigrationMetrics m : result.migrations()) {
            long start = m.phases().stream().mapToLong(Phase::startNs).min().orElse(0);
            org.warplab.run.TraceEvent.VmPaused paused = trace.ofType(org.warplab.run.TraceEvent.VmPaused.class).stream()
                    .filter(p -> p.vm().equals(m.vm()) && p.timeNs() >= start).findFirst().orElse(null);
            if (paused == null) {
                continue;
            }
            long end = m.downtimeNs() >= 0 ? paused.timeNs() + m.downtimeNs()
                    : trace.ofType(org.warplab.run.TraceEvent.VmResumed.class).stream()
                            .filter(r -> r.vm().equals(m.vm()) && r.timeNs() >= paused.timeNs()).mapToLong(r -> r.timeNs()).findFirst()
                            .orElse(paused.timeNs());
            return new long[] {paused.timeNs() - DOWNTIME_MARGIN_NS, end + DOWNTIME_MARGIN_NS};
        }
        return null;
    }

    /** The window Z and the Zoom button go to (e.g. the downtime ± 50 ms); null: none, they zoom about the playhead. */
    void setFocus(long from, long to) {
        focus = new long[] {Math.max(0, from), Math.min(endNs, Math.max(from + MIN_WINDOW_NS, to))};
    }

    long[] focus() {
        return focus == null ? null : focus.clone();
    }

    void setTime(long timeNs) {
        this.timeNs = timeNs;
        placePlayhead();
    }

    // ---- the window

    boolean isZoomed() {
        return fromNs > 0 || toNs < endNs;
    }

    long windowStart() {
        return fromNs;
    }

    long windowEnd() {
        return toNs;
    }

    /** Shows [from, to] of the run (kept inside it, no narrower than {@link #MIN_WINDOW_NS}). */
    void zoomTo(long from, long to) {
        long span = Math.min(endNs, Math.max(MIN_WINDOW_NS, to - from));
        long start = Math.max(0, Math.min(endNs - span, from));
        fromNs = start;
        toNs = start + span;
        showZoom();
        repaint();
    }

    void showWhole() {
        zoomTo(0, endNs);
    }

    /** Narrows (factor below 1) or widens the window about the instant {@code at}, which stays where it is on screen. */
    void zoomAbout(long at, double factor) {
        long span = toNs - fromNs;
        long wanted = (long) Math.max(MIN_WINDOW_NS, Math.min(endNs, span * factor));
        double fraction = span <= 0 ? 0.5 : Math.max(0, Math.min(1, (at - fromNs) / (double) span));
        zoomTo(at - (long) (wanted * fraction), at - (long) (wanted * fraction) + wanted);
    }

    /** The downtime's window, or the whole run when zoomed in already (Z, the Zoom button). */
    void toggleFocus() {
        if (isZoomed()) {
            showWhole();
        } else if (focus != null) {
            zoomTo(focus[0], focus[1]);
        } else {
            zoomAbout(timeNs, 1 / 16.0);
        }
    }

    /** The keys every replay window gives the scrubber: Z (the downtime and back), 0 (the whole run). */
    boolean zoomKey(KeyCode code, long playheadNs) {
        switch (code) {
            case Z -> toggleFocus();
            case DIGIT0, NUMPAD0 -> showWhole();
            default -> {
                return false;
            }
        }
        return true;
    }

    /** With the scrubber focused, + and − zoom about the playhead (elsewhere they are the speed's). */
    private boolean ownKey(KeyCode code) {
        switch (code) {
            case PLUS, ADD, EQUALS -> zoomAbout(timeNs, 0.5);
            case MINUS, SUBTRACT -> zoomAbout(timeNs, 2);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void showZoom() {
        zoomButton.setSelected(isZoomed());
        if (!isZoomed()) {
            zoomText.setText("whole run");
            return;
        }
        // short, so the scrubber keeps its width at 1280×720; the keys are in the tooltips
        zoomText.setText(org.warplab.model.Units.msNumber(fromNs, 1) + "–" + TraceText.ms(toNs) + " ×" + zoomFactorText());
    }

    /** How many times the window is magnified against the whole run ("31", "1.5"). */
    String zoomFactorText() {
        double f = endNs / (double) Math.max(1, toNs - fromNs);
        return f >= 10 ? String.format(Locale.ROOT, "%.0f", f) : String.format(Locale.ROOT, "%.1f", f);
    }

    String zoomText() {
        return zoomText.getText();
    }

    ToggleButton zoomButton() {
        return zoomButton;
    }

    // ---- drawing and seeking

    private double xAt(long t, double width) {
        return PAD + width * (t - fromNs) / (double) Math.max(1, toNs - fromNs);
    }

    private long timeAt(double x) {
        double f = (x - PAD) / Math.max(1, getWidth() - 2 * PAD);
        return fromNs + Math.round(Math.min(1, Math.max(0, f)) * (toNs - fromNs));
    }

    @Override
    protected void placePlayhead() {
        boolean inside = timeNs >= fromNs && timeNs <= toNs;
        double x = xAt(Math.max(fromNs, Math.min(toNs, timeNs)), canvas.getWidth() - 2 * PAD);
        knob.setFill(theme.selection());
        knob.setCenterX(x);
        knob.setCenterY(KNOB_Y);
        // outside the window the knob waits at the edge, hollow
        knob.setOpacity(inside ? 1 : 0.45);
        playhead.setStroke(theme.selection());
        playhead.setStartX(x);
        playhead.setEndX(x);
        playhead.setStartY(0);
        playhead.setEndY(canvas.getHeight());
        playhead.setVisible(inside);
    }

    /** The middle of the bar the phases are drawn on, where the playhead's knob sits. */
    private static final double KNOB_Y = 14;

    /** Screen x within the scrubber of a time, for tests that drag the playhead. */
    double xOf(long t) {
        return xAt(Math.max(fromNs, Math.min(toNs, t)), getWidth() - 2 * PAD);
    }

    private void seek(MouseEvent e) {
        onSeek.accept(timeAt(e.getX()));
        e.consume();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double width = w - 2 * PAD;
        double y = 10;
        boolean zoomed = isZoomed();
        if (zoomed) {
            g.setFill(theme.selection().deriveColor(0, 1, 1, 0.12));
            g.fillRect(0, 0, w, h);
        }
        g.setFill(theme.grid());
        g.fillRoundRect(PAD, y, width, 8, zoomed ? 0 : 8, zoomed ? 0 : 8);
        g.save();
        g.beginPath();
        g.rect(PAD, 0, width, h);
        g.clip();
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            if (p.endNs() < fromNs || p.startNs() > toNs) {
                continue;
            }
            double x0 = xAt(p.startNs(), width);
            double x1 = xAt(p.endNs(), width);
            g.setFill(phaseColour(i));
            g.fillRect(x0, y, Math.max(1.5, x1 - x0), 8);
            g.setStroke(theme.mutedText());
            g.setLineWidth(1);
            g.strokeLine(x0, y - 4, x0, y + 12);
        }
        g.setStroke(Color.web("#d62828"));
        g.setLineWidth(1.5);
        for (long d : drops) {
            if (d >= fromNs && d <= toNs) {
                double x = xAt(d, width);
                g.strokeLine(x, y + 10, x, y + 16);
            }
        }
        g.restore();
        g.setFont(Font.font(theme.fontFamily(), zoomed ? 10 : 9));
        g.setFill(theme.mutedText());
        g.setTextBaseline(VPos.TOP);
        if (zoomed) {
            paintAxis(g, width, y);
            // broken ends: the run goes on beyond the window
            g.setStroke(theme.mutedText());
            g.setLineWidth(1.2);
            for (double x : new double[] {PAD, PAD + width}) {
                g.strokeLine(x - 3, y + 11, x + 1, y - 3);
                g.strokeLine(x - 1, y + 11, x + 3, y - 3);
            }
        }
        g.setFill(theme.mutedText());
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(zoomed ? TraceText.ms(fromNs) : "0", PAD, y + 12);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(TraceText.ms(toNs), PAD + width, y + 12);
    }

    /** Ticks every 1, 2 or 5 × 10ⁿ ms at least 70 px apart, labelled where they keep clear of the window's ends. */
    private void paintAxis(GraphicsContext g, double width, double y) {
        double spanMs = (toNs - fromNs) / 1e6;
        double step = 0.001;
        for (double base = 0.001; base < 1e7; base *= 10) {
            double found = 0;
            for (double m : new double[] {1, 2, 5}) {
                if (width * (base * m) / spanMs >= 70) {
                    found = base * m;
                    break;
                }
            }
            if (found > 0) {
                step = found;
                break;
            }
        }
        g.setStroke(theme.mutedText());
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.CENTER);
        long stepNs = Math.max(1, Math.round(step * 1e6));
        int decimals = Math.max(1, (int) Math.ceil(-Math.log10(step) - 1e-9));
        for (long t = (fromNs / stepNs + 1) * stepNs; t < toNs; t += stepNs) {
            double x = xAt(t, width);
            g.strokeLine(x, y + 8, x, y + 12);
            if (x > PAD + 60 && x < PAD + width - 60) {
                g.fillText(org.warplab.model.Units.ms(t, decimals), x, y + 12);
            }
        }
    }
}
