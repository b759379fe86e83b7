package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.cli.Cli;
import org.warplab.run.story.StoryStep;
import org.warplab.testing.Samples;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/**
 * Issue 13, item 6: the paper's paging lab replayed beside its no-scheme baseline (started from
 * Compare's baseline row), two canvases under one clock, each with its own readout.
 */
@ExtendWith(ApplicationExtension.class)
class SideBySideTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "side-by-side-test", null);
        window = opened.window();
        window.runPane();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
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

    /** {@code warplab emulate FILE --seed 1 [--scheme S]}: the first migration's rows, label → value. */
    private static List<String[]> cliReport(Path file, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("emulate", file.toString(), "--seed", "1"));
        args.addAll(List.of(more));
        assertEquals(0, new Cli().run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
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

    /** The readout's five figures as warplab emulate prints them: switching, downtime, gap, lost, latency. */
    private static List<String> cliFigures(List<String[]> rows) {
        return List.of(value(rows, "switching time"), value(rows, "VM downtime"), value(rows, "client gap"), value(rows, "probes lost"),
                value(rows, "latency before → after"));
    }

    @Test
    void pagingBesideNoSchemeUnderOneClock(FxRobot robot) throws Exception {
        Path lab = Samples.file("paging-paper");
        robot.interact(() -> window.open(lab));
        robot.clickOn("#tab-compare");
        robot.clickOn("#compare-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.comparePane().isRunning() && !window.comparePane().rows().isEmpty());
        ComparePane.Row baseline = window.comparePane().rows().stream().filter(r -> r.scheme().equals("none")).findFirst().orElseThrow();
        RunPane run = window.runPane();
        assertTrue(fx(() -> window.comparePane().replayBeside(baseline)), "the baseline row replays beside the lab's scheme");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> run.sideBySide().view() != null && run.sideBySide().view().stage().isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        SideBySideView view = run.sideBySide().view();
        assertEquals("network-paging", view.left().run().result().scheme());
        assertEquals("none", view.right().run().result().scheme());
        assertTrue(fx(() -> view.stage().getScene().getWidth()) >= 1279, "a 1280×720 window");

        // just after R3's switch
        StoryStep rule = view.left().story().step("MIG1/rule-switched/R3").orElseThrow();
        long after = rule.timeNs() + 500_000;
        robot.interact(() -> view.setTime(after));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(after, (long) fx(view.left()::time));
        assertEquals(after, (long) fx(view.right()::time), "both canvases show the same instant");
        assertEquals(after, (long) fx(() -> view.left().overlay().time()));
        assertEquals(after, (long) fx(() -> view.right().overlay().time()));
        assertEquals(cliFigures(cliReport(lab)), fx(() -> view.left().readout().figures()), "the paging side reads as warplab emulate");
        List<String> none = fx(() -> view.right().readout().figures());
        List<String> cliNone = cliFigures(cliReport(lab, "--scheme", "none"));
        assertEquals(cliNone.subList(1, 5), none.subList(1, 5), "the baseline side reads as warplab emulate --scheme none");
        assertTrue(cliNone.get(0).startsWith(none.get(0)), "no switching: " + cliNone.get(0) + " / " + none.get(0));
        assertTrue(none.get(3).matches("[1-9]\\d* of \\d+ sent"), "the baseline loses probes: " + none.get(3));
        assertEquals(rule.caption(), fx(() -> view.left().caption().captionText()), "the paging side tells R3's switch");
        StoryStep lost = view.right().story().steps().stream().filter(s -> s.timeNs() <= after).reduce((a, b) -> b).orElseThrow();
        assertEquals(lost.caption(), fx(() -> view.right().caption().captionText()), "the baseline side tells its own story");

        // one play, one pause: both move, then both stand
        // at 0.001× even a loaded machine's seconds between play and pause stay short of the next step (1484.2 ms)
        robot.interact(() -> view.playback().setSpeed(0.001));
        robot.interact(() -> view.playback().setPlaying(true));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(view::time) > after);
        robot.interact(() -> view.playback().pause());
        WaitForAsyncUtils.waitForFxEvents();
        long paused = fx(view::time);
        assertTrue(paused > after);
        assertEquals(paused, (long) fx(view.left()::time));
        assertEquals(paused, (long) fx(view.right()::time));
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(paused, (long) fx(view::time), "paused: the clock stands");
        assertEquals(paused, (long) fx(view.right()::time));

        // Step ▶ moves both to the next step of either story
        robot.interact(() -> view.step(1));
        long stepped = fx(view::time);
        assertTrue(stepped > paused, "Step ▶ from " + paused + " went to " + stepped + "; steps at " + view.story().steps().stream().map(s -> s.timeNs()).toList());
        assertTrue(view.story().steps().stream().anyMatch(s -> s.timeNs() == stepped), "a step's instant");
        assertEquals(stepped, (long) fx(view.right()::time));
        assertNotNull(fx(() -> view.left().canvas().getScene()));
        robot.interact(view::close);
    }

    /** A live run recorded on 2026-12-02 (a saved run file) beside an emulated run of the same lab, under one clock. */
    @Test
    void aRecordedLiveRunBesideAnEmulatedOne(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path result = dir.resolve("live.result.json");
        for (String[] file : new String[][] {{"live-paging-paper.result.json", "live.result.json"}, {"live-paging-paper.trace.jsonl", "live.trace.jsonl"}}) {
            try (java.io.InputStream in = getClass().getResourceAsStream("/org/warplab/run/story/" + file[0])) {
                java.nio.file.Files.copy(in, dir.resolve(file[1]));
            }
        }
        robot.interact(() -> window.open(Samples.file("paging-paper")));
        RunPane run = window.runPane();
        robot.interact(() -> run.sideBySide().replayBesideSavedRun(result));
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> run.sideBySide().view() != null && run.sideBySide().view().stage().isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        SideBySideView view = run.sideBySide().view();
        assertEquals("emulator", view.left().run().result().runtime());
        assertEquals("live", view.right().run().result().runtime());
        assertEquals("network-paging", view.left().run().result().scheme());
        org.warplab.run.MigrationMetrics live = view.right().run().result().migrations().get(0);
        assertEquals(org.warplab.run.FigureText.downtime(live), fx(() -> view.right().readout().figures()).get(1), "the live side reads its own figures");
        assertEquals(cliFigures(cliReport(Samples.file("paging-paper"))), fx(() -> view.left().readout().figures()));
        long t = view.right().story().step("MIG1/rule-switched/R3").orElseThrow().timeNs() + 500_000;
        robot.interact(() -> view.setTime(t));
        assertEquals(t, (long) fx(view.left()::time));
        assertEquals(t, (long) fx(view.right()::time));
        assertEquals(view.right().story().steps().get(view.right().story().indexAt(t)).caption(), fx(() -> view.right().caption().captionText()));
        robot.interact(view::close);
    }
}
