package org.warplab.ui;

import org.warplab.testing.TestRuntimes;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.ui.canvas.CanvasView;

/**
 * Measures the designer with a generated lab: time to the window being up, time to open the lab
 * (load, validate, lay out, first paint), and a drag of one node, one mouse step per pulse, with
 * the interval between pulses and the time each repaint takes on the FX thread. Prints a table.
 *
 * <p>Run under a display (e.g. Xvfb) with the test classpath:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.warplab.ui.UiBench [nodes] [frames] [fit]};
 * add {@code -Djavafx.animation.fullspeed=true} to see how many frames per second the drawing
 * could reach without the 60 Hz pulse cap.
 */
public final class UiBench {

    private static int nodes = 500;
    private static int frames = 300;
    private static boolean zoomToFit;
    /** Frames left out of the figures while the JIT warms up the paths a drag takes. */
    private static final int WARMUP_FRAMES = 30;

    public static void main(String[] args) {
        if (args.length > 0) {
            nodes = Integer.parseInt(args[0]);
        }
        if (args.length > 1) {
            frames = Integer.parseInt(args[1]);
        }
        if (args.length > 2) {
            zoomToFit = args[2].equals("fit");
        }
        Application.launch(BenchApp.class, args);
    }

    /** The bench runs inside a JavaFX application; the outer class only starts it. */
    public static final class BenchApp extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            run(stage);
        }
    }

    static void run(Stage stage) throws Exception {
        Preferences prefs = Preferences.userRoot().node("org/warplab/designer-bench-" + System.nanoTime());
        DesignerWindow window = new DesignerWindow(stage, new DesignerSettings(prefs), null, TestRuntimes.real());
        stage.setWidth(1400);
        stage.setHeight(900);
        stage.show();
        long upMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();

        Lab generated = BenchLabs.generate(nodes);
        Path file = Files.createTempFile("warplab-bench", ".warplab.json");
        LabFiles.save(file, generated);
        long openStart = System.nanoTime();
        window.open(file);
        window.canvas().redrawNow();
        long openNs = System.nanoTime() - openStart;
        if (zoomToFit) {
            window.canvas().fit();
        } else {
            window.canvas().actualSize();
        }

        CanvasView canvas = window.canvas();
        String dragged = routerNearestTheMiddle(canvas, generated);
        Rectangle2D r = canvas.labLayout().bounds(dragged).orElseThrow();
        Point2D start = canvas.toScreen(r.getMinX() + r.getWidth() / 2, r.getMinY() + r.getHeight() / 2);
        canvas.requestRedraw();
        List<Long> intervals = new ArrayList<>();
        List<Long> paints = new ArrayList<>();
        fire(canvas, MouseEvent.MOUSE_PRESSED, start.getX(), start.getY());
        FrameCpu cpu = new FrameCpu();
        new AnimationTimer() {
            private long last;
            private int frame;

            @Override
            public void handle(long now) {
                if (last != 0 && frame > WARMUP_FRAMES) {
                    intervals.add(now - last);
                    paints.add(canvas.lastPaintNanos());
                }
                if (frame == WARMUP_FRAMES) {
                    cpu.start();
                }
                last = now;
                frame++;
                if (frame > frames) {
                    cpu.stop();
                    stop();
                    fire(canvas, MouseEvent.MOUSE_RELEASED, start.getX() + 200, start.getY());
                    report(generated, upMs, openNs, intervals, paints, window.model().undoLabelProperty().get());
                    cpu.report("%-36s ", intervals.size());
                    try {
                        prefs.removeNode();
                        Files.deleteIfExists(file);
                    } catch (Exception e) {
                        System.err.println("bench cleanup: " + e.getMessage());
                    }
                    Platform.exit();
                    return;
                }
                double t = frame / (double) frames;
                fire(canvas, MouseEvent.MOUSE_DRAGGED, start.getX() + 200 * t, start.getY() + 120 * Math.sin(t * Math.PI * 4));
            }
        }.start();
    }

    /**
     * The router drawn nearest the middle of the view, so the drag happens where the user looks.
     * (At 100 % the view shows the middle of the lab; the first router, at the top, is out of view.)
     */
    private static String routerNearestTheMiddle(CanvasView canvas, Lab lab) {
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (org.warplab.model.Router router : lab.routers()) {
            Rectangle2D b = canvas.labLayout().bounds(router.id()).orElseThrow();
            Point2D p = canvas.toScreen(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
            double distance = Math.hypot(p.getX() - canvas.getWidth() / 2, p.getY() - canvas.getHeight() / 2);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = router.id();
            }
        }
        return best;
    }

    private static void fire(CanvasView canvas, javafx.event.EventType<MouseEvent> type, double x, double y) {
        Point2D scene = canvas.localToScene(x, y);
        Point2D screen = canvas.localToScreen(x, y);
        Event.fireEvent(canvas, new MouseEvent(type, scene.getX(), scene.getY(), screen.getX(), screen.getY(), MouseButton.PRIMARY, 1,
                false, false, false, false, type != MouseEvent.MOUSE_RELEASED, false, false, false, false, false, null));
    }

    private static double ms(long ns) {
        return ns / 1e6;
    }

    private static long percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    private static void report(Lab lab, long upMs, long openNs, List<Long> intervals, List<Long> paints, String undoLabel) {
        double meanInterval = intervals.stream().mapToLong(Long::longValue).average().orElse(0);
        double meanPaint = paints.stream().mapToLong(Long::longValue).average().orElse(0);
        System.out.printf(Locale.ROOT, "WarpLab designer bench: %d nodes, %d links, zoom %s, pipeline %s, fullspeed=%s%n",
                lab.nodes().size(), lab.links().size(), zoomToFit ? "fit (whole lab visible)" : "100 %", com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName(),
                System.getProperty("javafx.animation.fullspeed", "false"));
        System.out.printf(Locale.ROOT, "%-36s %10s%n", "measure", "value");
        System.out.printf(Locale.ROOT, "%-36s %8d ms%n", "JVM start to window shown", upMs);
        System.out.printf(Locale.ROOT, "%-36s %8.1f ms%n", "open lab (load+validate+first paint)", ms(openNs));
        System.out.printf(Locale.ROOT, "%-36s %10d%n", "drag frames measured (after warm-up)", intervals.size());
        System.out.printf(Locale.ROOT, "%-36s %8.2f ms%n", "pulse interval mean", ms((long) meanInterval));
        System.out.printf(Locale.ROOT, "%-36s %8.2f ms%n", "pulse interval p95", ms(percentile(intervals, 0.95)));
        System.out.printf(Locale.ROOT, "%-36s %8.2f ms%n", "pulse interval max", ms(percentile(intervals, 1.0)));
        System.out.printf(Locale.ROOT, "%-36s %8.1f fps%n", "frames per second (mean)", 1e9 / meanInterval);
        System.out.printf(Locale.ROOT, "%-36s %8.2f ms%n", "repaint on FX thread mean", ms((long) meanPaint));
        System.out.printf(Locale.ROOT, "%-36s %8.2f ms%n", "repaint on FX thread p95", ms(percentile(paints, 0.95)));
        System.out.printf(Locale.ROOT, "%-36s %s%n", "undo after the drag", undoLabel);
    }
}
