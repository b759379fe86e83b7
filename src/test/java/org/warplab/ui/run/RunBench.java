package org.warplab.ui.run;

import org.warplab.testing.TestRuntimes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.run.PacketKind;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.run.TraceEvent;
import org.warplab.ui.BenchLabs;
import org.warplab.ui.FrameCpu;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.DesignerSettings;

/**
 * Measures the replay: a generated lab (default 300 nodes) and a generated trace that keeps about
 * {@code inFlight} packets (default 2,000) on its links at every instant, played in the real
 * window at 0.01×; prints the interval between pulses, the FX-thread repaint time and the packets
 * drawn per frame.
 *
 * <p>The warm-up plays at least {@value #WARMUP_FRAMES} frames and then goes on, a second at a time,
 * until the JIT has settled (less than {@value #SETTLED_JIT_MS} ms of compilation in the
 * last {@value #WARMUP_FRAMES} frames), at most a minute: a presenter plays
 * for minutes, so the frame that matters is the steady one, but the bench prints how long the warm-up
 * took and how much the JIT still compiled during the measured frames, so nothing is hidden.
 * {@code -Dbench.warmupFrames=N} fixes the warm-up at N frames instead (the bench before 2026-12-03
 * 13:00 measured after 60, while C2 still compiled a third of a core). Run under a display with the
 * test classpath:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.warplab.ui.RunBench [nodes] [inFlight] [frames] [fit|100]}.
 */
public final class RunBench {
    private static int nodes = 300;
    private static int inFlight = 2000;
    private static int frames = 600;
    private static boolean fit = true;
    private static final int WARMUP_FRAMES = 60;
    private static final long MAX_WARMUP_NS = 60_000_000_000L;
    private static final long SETTLED_JIT_MS = 30;
    /** Virtual time the generated trace spans, and how long each hop takes (short hops, the common case). */
    private static final long SPAN_NS = 2_000_000_000L;
    private static final long HOP_NS = 10_000_000L;

    public static void main(String[] args) {
        if (args.length > 0) {
            nodes = Integer.parseInt(args[0]);
        }
        if (args.length > 1) {
            inFlight = Integer.parseInt(args[1]);
        }
        if (args.length > 2) {
            frames = Integer.parseInt(args[2]);
        }
        if (args.length > 3) {
            fit = !args[3].equals("100");
        }
        Application.launch(BenchApp.class, args);
    }

    public static final class BenchApp extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            run(stage);
        }
    }

    /** Packets spread evenly over time and over the lab's links, so about {@code inFlight} are on the wire at once; 1 % are long hops. */
    static Trace generateTrace(Lab lab, int inFlight, Random random) {
        int packets = (int) (inFlight * (SPAN_NS / (double) HOP_NS));
        List<Link> links = lab.links();
        PacketKind[] kinds = {PacketKind.PROBE, PacketKind.ECHO, PacketKind.MIGRATION, PacketKind.BINDING_UPDATE, PacketKind.CONFIG, PacketKind.RARP, PacketKind.ARP_REQUEST};
        List<TraceEvent> events = new ArrayList<>(packets);
        long[] departs = new long[packets];
        for (int i = 0; i < packets; i++) {
            departs[i] = (long) (random.nextDouble() * SPAN_NS);
        }
        java.util.Arrays.sort(departs);
        for (int i = 0; i < packets; i++) {
            Link link = links.get(random.nextInt(links.size()));
            boolean forward = random.nextBoolean();
            long duration = random.nextInt(100) == 0 ? HOP_NS * 10 : HOP_NS;
            events.add(new TraceEvent.PacketSent(departs[i], i, kinds[random.nextInt(kinds.length)], "P1", i, forward ? link.a() : link.b(), link.id(),
                    forward ? link.b() : link.a(), departs[i], departs[i] + duration, "10.0.0.1", "10.0.0.2", 200));
        }
        return new Trace(events);
    }

    static void run(Stage stage) throws Exception {
        Preferences prefs = Preferences.userRoot().node("org/warplab/run-bench-" + System.nanoTime());
        DesignerWindow window = new DesignerWindow(stage, new DesignerSettings(prefs), null, TestRuntimes.real());
        stage.setWidth(1400);
        stage.setHeight(900);
        stage.show();
        Lab lab = BenchLabs.generate(nodes);
        window.model().replaceDocument(lab, null);
        long buildStart = System.nanoTime();
        Trace trace = generateTrace(lab, inFlight, new Random(1));
        long generatedNs = System.nanoTime() - buildStart;
        RunResult result = new RunResult(lab.name(), "none", "emulator", 1, SPAN_NS, List.of(), List.of());
        long loadStart = System.nanoTime();
        window.runPane().load(new RunRecord(lab, result, trace, List.of()));
        long loadNs = System.nanoTime() - loadStart;
        window.bottomTabs().getSelectionModel().select(2);
        if (fit) {
            window.canvas().fit();
        } else {
            window.canvas().actualSize();
        }
        if (Boolean.getBoolean("bench.present")) {
            // presentation mode's drawing on this canvas: 12 px dots, trails, every name and link label through the placement pass
            window.runPane().overlay().present(PresentationView.DOT_PIXELS, PresentationView.LABEL_PIXELS, true, lab);
            window.canvas().outsideLabelsProperty().set(false);
        }
        window.runPane().setSpeed(0.01);
        window.runPane().seek(SPAN_NS / 4);
        ((javafx.scene.control.ToggleButton) stage.getScene().lookup("#run-play")).setSelected(true);
        List<Long> intervals = new ArrayList<>();
        List<Long> paints = new ArrayList<>();
        List<Integer> drawn = new ArrayList<>();
        FrameCpu cpu = new FrameCpu();
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        Integer fixedWarmup = Integer.getInteger("bench.warmupFrames");
        LateFrames late = new LateFrames();
        new AnimationTimer() {
            private long last;
            private int frame;
            /** The frame measuring starts after; -1 while warming up. */
            private int warmup = -1;
            private long warmupStartNs;
            private long jitAtCheck = jit.getTotalCompilationTime();
            private long jitAtStart;

            @Override
            public void handle(long now) {
                if (warmupStartNs == 0) {
                    warmupStartNs = now;
                }
                if (last != 0 && warmup >= 0 && frame > warmup) {
                    late.frame(now - last);
                    intervals.add(now - last);
                    paints.add(window.canvas().lastPaintNanos());
                    drawn.add(window.runPane().overlay().lastInFlight());
                }
                if (warmup < 0 && window.runPane().overlay().time() > SPAN_NS * 3 / 4) {
                    // a long warm-up on a busy machine would play past the trace's end: play the same stretch again
                    window.runPane().seek(SPAN_NS / 4);
                }
                if (warmup < 0 && frame >= WARMUP_FRAMES && frame % WARMUP_FRAMES == 0) {
                    long jitMs = jit.getTotalCompilationTime();
                    long lastJitMs = jitMs - jitAtCheck;
                    boolean settled = fixedWarmup != null ? frame >= fixedWarmup
                            : lastJitMs < SETTLED_JIT_MS || now - warmupStartNs >= MAX_WARMUP_NS;
                    jitAtCheck = jitMs;
                    if (settled) {
                        warmup = frame;
                        jitAtStart = jitMs;
                        // every measurement plays the same stretch of the trace, however long the warm-up took
                        window.runPane().seek(SPAN_NS / 4);
                        System.out.printf(Locale.ROOT, "warm-up: %d frames, %.1f s (%s); JIT compile time in its last %d frames %d ms%n", frame,
                                (now - warmupStartNs) / 1e9, fixedWarmup != null ? "fixed by -Dbench.warmupFrames" : "until the JIT compiled < " + SETTLED_JIT_MS + " ms in " + WARMUP_FRAMES + " frames, at most " + MAX_WARMUP_NS / 1_000_000_000L + " s",
                                WARMUP_FRAMES, lastJitMs);
                        cpu.start();
                        late.start();
                    }
                }
                last = now;
                frame++;
                if (warmup >= 0 && frame > frames + warmup) {
                    cpu.stop();
                    stop();
                    report(lab, trace, generatedNs, loadNs, intervals, paints, drawn);
                    System.out.printf(Locale.ROOT, "%-40s %8.2f ms%n", "JIT compile time per measured frame", (jit.getTotalCompilationTime() - jitAtStart) / (double) intervals.size());
                    cpu.report("%-40s ", intervals.size());
                    late.report();
                    try {
                        prefs.removeNode();
                    } catch (Exception e) {
                        System.err.println("bench cleanup: " + e.getMessage());
                    }
                    Platform.exit();
                }
            }
        }.start();
    }

    private static double ms(double ns) {
        return ns / 1e6;
    }

    private static long percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    private static void report(Lab lab, Trace trace, long generatedNs, long loadNs, List<Long> intervals, List<Long> paints, List<Integer> drawn) {
        double meanInterval = intervals.stream().mapToLong(Long::longValue).average().orElse(0);
        double meanPaint = paints.stream().mapToLong(Long::longValue).average().orElse(0);
        System.out.printf(Locale.ROOT, "WarpLab run-view bench: %d nodes, %d links, %d trace events, zoom %s, pipeline %s, fullspeed=%s%n",
                lab.nodes().size(), lab.links().size(), trace.size(), fit ? "fit (whole lab visible)" : "100 %",
                com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName(), System.getProperty("javafx.animation.fullspeed", "false"));
        System.out.printf(Locale.ROOT, "%-40s %10s%n", "measure", "value");
        System.out.printf(Locale.ROOT, "%-40s %8.1f ms%n", "generate the trace", ms(generatedNs));
        System.out.printf(Locale.ROOT, "%-40s %8.1f ms%n", "load the run (index, log, readout)", ms(loadNs));
        System.out.printf(Locale.ROOT, "%-40s %10d%n", "frames measured (after warm-up)", intervals.size());
        System.out.printf(Locale.ROOT, "%-40s %10.0f%n", "packets in flight per frame (mean)", drawn.stream().mapToInt(Integer::intValue).average().orElse(0));
        System.out.printf(Locale.ROOT, "%-40s %10d%n", "packets in flight per frame (min)", drawn.stream().mapToInt(Integer::intValue).min().orElse(0));
        System.out.printf(Locale.ROOT, "%-40s %8.2f ms%n", "pulse interval mean", ms(meanInterval));
        System.out.printf(Locale.ROOT, "%-40s %8.2f ms%n", "pulse interval p95", ms(percentile(intervals, 0.95)));
        System.out.printf(Locale.ROOT, "%-40s %8.2f ms%n", "pulse interval max", ms(percentile(intervals, 1.0)));
        System.out.printf(Locale.ROOT, "%-40s %8.1f fps%n", "frames per second (mean)", 1e9 / meanInterval);
        System.out.printf(Locale.ROOT, "%-40s %8.2f ms%n", "repaint on FX thread mean", ms(meanPaint));
        System.out.printf(Locale.ROOT, "%-40s %8.2f ms%n", "repaint on FX thread p95", ms(percentile(paints, 0.95)));
    }
}
