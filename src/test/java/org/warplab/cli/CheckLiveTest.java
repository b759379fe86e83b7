package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

/** {@code warplab check --live}: the goals on a live run where live mode can run the lab, a clear refusal where it cannot. */
class CheckLiveTest {

    private static final Path LESSON = Samples.projectDir().resolve("lessons/network-paging");
    private static final String EXERCISE = LESSON.resolve("network-paging.exercise.json").toString();

    @Test
    void whereLiveModeCannotRunTheLabCheckSaysWhyAndExitsTwo(@TempDir Path dir) throws Exception {
        // no udp-echo flow: live mode has nothing to measure with, whatever the host (a host without live mode says so instead)
        Lab silent = LabFiles.load(LESSON.resolve("solution.warplab.json")).lab().withTraffic(List.of());
        Path lab = dir.resolve("silent.warplab.json");
        LabFiles.save(lab, silent);
        GradeCommandTest.Result result = GradeCommandTest.run("check", lab.toString(), "--exercise", EXERCISE, "--live");
        assertEquals(2, result.code(), result.err());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("warplab check: live mode cannot run " + lab + " here: "), result.err());
        assertTrue(result.err().strip().endsWith("(without --live the goals are checked on the emulator)"), result.err());
        assertFalse(result.err().contains("Exception"), result.err());
    }

    @Test
    @Tag("live")
    void theReferenceSolutionPassesOnALiveRun() {
        Tools.requireRoot();
        Tools.require("ip", "iproute2");
        Tools.require("nft", "nftables");
        Tools.require("ethtool", "ethtool");
        GradeCommandTest.Result result = GradeCommandTest.run("check", LESSON.resolve("solution.warplab.json").toString(), "--exercise", EXERCISE,
                "--live");
        assertEquals(0, result.code(), result.out() + result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(6, lines.size(), result.out());
        lines.subList(0, 5).forEach(line -> assertTrue(line.startsWith("PASS "), line));
        // the live run's own measurement: it has no emulated hop-by-hop path
        assertTrue(lines.get(0).startsWith("PASS VM reachable after MIG1: ") && !lines.get(0).contains(", via "), lines.get(0));
        assertTrue(lines.get(5).endsWith("5 of 5 goals (score 100.0), on a live run"), lines.get(5));
    }
}
