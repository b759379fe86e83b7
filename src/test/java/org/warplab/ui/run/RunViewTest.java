package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.cli.Cli;
import org.warplab.run.PacketKind;
import org.warplab.run.SweepMetric;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Samples;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/**
 * The run view driven as a user would: every sample lab runs in the emulator, replays from start
 * to end and reads the same figures as {@code warplab emulate}; then pause, scrub, speed, the next
 * event, a click on a packet, compare, sweep, the HTML report and reopening a saved run.
 */
@ExtendWith(ApplicationExtension.class)
class RunViewTest {

    @TempDir
    Path temp;

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "run-view-test", null);
        window = opened.window();
        window.runPane(); // the Run tab is built when first shown; built here, on the FX thread, the test may reach it from its own
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    private RunPane run() {
        return window.runPane();
    }

    private void open(FxRobot robot, String sample) {
        robot.interact(() -> window.open(Samples.file(sample)));
    }

    private void runAndWait(FxRobot robot) throws Exception {
        RunRecord before = run().recordProperty().get();
        robot.clickOn("#tab-run");
        robot.clickOn("#run-start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !run().isRunning() && run().recordProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T> T fx(java.util.concurrent.Callable<T> call) {
        AtomicReference<T> out = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            try {
                out.set(call.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return out.get();
    }

    /** The rows of {@code warplab emulate FILE --seed 1}: label → value, for the first migration. */
    private static List<String[]> cliReport(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Cli().run(new String[] {"emulate", file.toString(), "--seed", "1"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertEquals(0, code);
        List<String[]> rows = new ArrayList<>();
        Pattern row = Pattern.compile("^  (\\S.*?)\\s{2,}(\\S.*)$");
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("Migration ") && !rows.isEmpty()) {
                break;
            }
            Matcher m = row.matcher(line);
            if (m.matches()) {
                rows.add(new String[] {m.group(1).strip(), m.group(2).strip()});
            }
        }
        return rows;
    }

    private static String value(List<String[]> rows, String label) {
        return rows.stream().filter(r -> r[0].equals(label)).findFirst().orElseThrow(() -> new AssertionError("no row " + label))[1];
    }

    @Test
    void everySampleLabRunsReplaysToTheEndAndReadsAsTheCliReportsIt(FxRobot robot) throws Exception {
        for (String sample : Samples.names()) {
            open(robot, sample);
            runAndWait(robot);
            RunRecord record = run().recordProperty().get();
            assertNotNull(record, sample);
            List<String> figures = fx(() -> run().readout().figures());
            List<String[]> cli = cliReport(Samples.file(sample));
            String switching = value(cli, "switching time");
            assertEquals(switching.startsWith("—") ? "—" : switching, figures.get(0), sample + " switching time");
            assertEquals(value(cli, "VM downtime"), figures.get(1), sample + " downtime");
            assertEquals(value(cli, "client gap"), figures.get(2), sample + " gap");
            assertEquals(value(cli, "probes lost"), figures.get(3), sample + " lost");
            assertEquals(value(cli, "latency before → after"), figures.get(4), sample + " latency");

            // the replay: packets are drawn while they are in flight, and playing reaches the end
            TraceEvent.PacketSent probe = record.trace().ofType(TraceEvent.PacketSent.class).stream()
                    .filter(p -> p.kind() == PacketKind.PROBE && p.arriveNs() > p.departNs()).findFirst().orElseThrow();
            robot.interact(() -> run().seek((probe.departNs() + probe.arriveNs()) / 2));
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> window.canvas().redrawNow());
            assertTrue(run().overlay().lastInFlight() > 0, sample + ": the probe in flight is drawn");
            long end = run().overlay().index().endNs();
            robot.interact(() -> {
                run().setSpeed(10);
                run().seek(end - 50_000_000L);
            });
            robot.clickOn("#run-play");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> run().time() == end);
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(robot.lookup("#run-play").queryAs(ToggleButton.class).isSelected(), sample + ": playback stops at the end");
        }
    }

    @Test
    void pauseScrubSpeedNextEventAndPacketInspection(FxRobot robot) throws Exception {
        open(robot, "paging-paper");
        runAndWait(robot);
        RunRecord record = run().recordProperty().get();

        // speed: 0.001× at the left end of the slider, 10× at the right
        Slider speed = robot.lookup("#run-speed").queryAs(Slider.class);
        robot.interact(() -> speed.setValue(speed.getMin()));
        assertEquals("0.001×", robot.lookup("#run-speed-label").queryAs(Label.class).getText());
        robot.interact(() -> speed.setValue(speed.getMax()));
        assertEquals("10.0×", robot.lookup("#run-speed-label").queryAs(Label.class).getText());
        robot.interact(() -> run().setSpeed(0.01));

        // play, then pause: time moves, then stands
        robot.clickOn("#run-play");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        robot.clickOn("#run-play");
        long paused = run().time();
        assertTrue(paused > 0, "playing moved the playhead");
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        assertEquals(paused, run().time(), "paused");

        // scrub: a press on the middle of the timeline seeks there, and the log follows
        Scrubber scrubber = run().scrubber();
        Point2D middle = fx(() -> scrubber.localToScreen(scrubber.xOf(record.result().endNs() / 2), scrubber.getHeight() / 2));
        robot.clickOn(middle);
        long scrubbed = run().time();
        assertTrue(Math.abs(scrubbed - record.result().endNs() / 2) < record.result().endNs() / 50, "scrubbed to " + scrubbed);
        TraceEvent selected = run().log().getSelectionModel().getSelectedItem();
        assertNotNull(selected);
        assertTrue(selected.timeNs() <= scrubbed);

        // next event: the playhead goes to the next event after it, a burst of one kind taken as one step
        long expected = run().overlay().index().nextStepAfter(scrubbed);
        assertTrue(expected > scrubbed);
        robot.clickOn("#run-step");
        assertEquals(expected, run().time());

        // a click on a translated probe shows its headers before and after the translation
        long translatedId = record.trace().ofType(TraceEvent.Translated.class).get(0).packetId();
        TraceEvent.PacketSent hop = record.trace().ofType(TraceEvent.PacketSent.class).stream()
                .filter(p -> p.packetId() == translatedId).max(Comparator.comparingLong(p -> p.arriveNs() - p.departNs())).orElseThrow();
        robot.interact(() -> run().seek((hop.departNs() + hop.arriveNs()) / 2));
        robot.interact(() -> window.canvas().redrawNow());
        Point2D dot = fx(() -> {
            double[] at = run().overlay().packetPosition(window.canvas().labLayout(), translatedId);
            Point2D local = window.canvas().toScreen(at[0], at[1]);
            return window.canvas().localToScreen(local);
        });
        robot.clickOn(dot);
        String details = fx(() -> run().packetDetailsText());
        assertTrue(details.startsWith("Packet #" + translatedId), details);
        assertTrue(details.contains("rewrote the destination: 172.16.10.2 → 172.15.10.2"), details);
        assertEquals(translatedId, run().overlay().selectedPacket());
    }

    @Test
    void compareAndSweep(FxRobot robot) throws Exception {
        open(robot, "paging-paper");
        robot.clickOn("#tab-compare");
        robot.clickOn("#compare-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.comparePane().isRunning() && !window.comparePane().rows().isEmpty());
        List<ComparePane.Row> rows = window.comparePane().rows();
        ComparePane.Row paging = rows.stream().filter(r -> r.scheme().equals("network-paging")).findFirst().orElseThrow();
        assertEquals(value(cliReport(Samples.file("paging-paper")), "VM downtime"), paging.downtime());
        assertTrue(rows.stream().anyMatch(r -> r.scheme().equals("none")), rows.toString());
        assertFalse(window.comparePane().bars().getData().get(1).getData().isEmpty(), "downtime bars");

        open(robot, "mipv6-paper");
        robot.clickOn("#tab-sweep");
        robot.interact(() -> window.sweepPane().configure("links.W2.delayMs", 0, 200, 50, SweepMetric.DOWNTIME));
        robot.clickOn("#sweep-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.sweepPane().isRunning() && !window.sweepPane().points().isEmpty());
        List<SweepPane.Point> points = window.sweepPane().points();
        assertEquals(5, points.size());
        // the second paper's Figure 4: downtime grows with the delay between the networks
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i).metric().get(0) > points.get(i - 1).metric().get(0), points.toString());
        }
        assertEquals(5, window.sweepPane().chart().getData().get(0).getData().size());
    }

    @Test
    void exportsAnHtmlReportAndReopensASavedRun(FxRobot robot) throws Exception {
        open(robot, "paging-paper");
        runAndWait(robot);
        Path report = temp.resolve("report.html");
        robot.interact(() -> {
            try {
                run().files().exportHtml(report);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String html = Files.readString(report);
        for (String metric : List.of("switching time", "VM downtime", "client gap", "probes lost", "latency before → after", "Where the time went")) {
            assertTrue(html.contains(metric), metric);
        }
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            byte[] png = Base64.getDecoder().decode(images.group(1));
            assertEquals((byte) 0x89, png[0]);
            assertEquals('P', png[1]);
            count++;
        }
        assertEquals(3, count, "the lab, the phase bar and the probe chart");

        Path csv = temp.resolve("probes.csv");
        Path saved = temp.resolve("paging.result.json");
        List<String> figures = fx(() -> run().readout().figures());
        robot.interact(() -> {
            try {
                run().files().exportCsv(csv);
                run().files().saveRun(saved);
                assertFalse(run().files().exportPcaps(temp.resolve("pcap")).isEmpty());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.readString(csv).startsWith("flow,sequence,sent_ms,round_trip_ms"));
        assertTrue(Files.exists(temp.resolve("paging.trace.jsonl")));
        RunRecord ran = run().recordProperty().get();
        boolean[] opened = new boolean[1];
        robot.interact(() -> opened[0] = run().openSavedRun(saved));
        assertTrue(opened[0], fx(() -> run().statusLabel().getText()));
        assertTrue(run().recordProperty().get() != ran, "a new record from the files");
        assertEquals(figures, fx(() -> run().readout().figures()));
        assertEquals(ran.trace(), run().recordProperty().get().trace());
    }
}
