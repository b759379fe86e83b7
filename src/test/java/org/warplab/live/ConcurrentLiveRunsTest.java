package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.warplab.cli.Cli;
import org.warplab.model.Lab;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

/**
 * Two live runs of one lab, as two users would start them (two processes): exactly one runs, the
 * other is refused before it touches anything, naming the first; and `live cleanup` leaves a run
 * that is going on alone. Nothing is left afterwards: no namespace, no temporary file.
 */
@Tag("live")
class ConcurrentLiveRunsTest {

    private static final Lab LAB = Samples.lab("paging-paper");
    private static final String PREFIX = NamespaceNames.of(LAB).labPrefix();

    @ParameterizedTest(name = "second run {0} ms after the first")
    @ValueSource(ints = {0, 300, 1000})
    void oneRunsTheOtherIsRefused(int apartMs) throws Exception {
        Tools.requireRoot();
        Tools.require("nft");
        LiveCleanup cleanup = new LiveCleanup(new ProcessCommandRunner(), HostTools.fromEnvironment(), LiveState.DEFAULT_DIR);
        Path firstLog = Files.createTempFile("warplab-test-run", ".log");
        Path secondLog = Files.createTempFile("warplab-test-run", ".log");
        Process first = liveRun(firstLog);
        Thread.sleep(apartMs);
        Process second = liveRun(secondLog);
        try {
            assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the first run ended");
            assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second run ended");
            String firstOut = Files.readString(firstLog);
            String secondOut = Files.readString(secondLog);
            boolean firstWon = first.exitValue() == Cli.OK;
            String winner = firstWon ? firstOut : secondOut;
            String loser = firstWon ? secondOut : firstOut;
            long winnerPid = firstWon ? first.pid() : second.pid();
            assertEquals(List.of(Cli.OK, Cli.UNUSABLE), List.of(firstWon ? first.exitValue() : second.exitValue(), firstWon ? second.exitValue() : first.exitValue()),
                    "one ran, the other was refused:\n--- first\n" + firstOut + "\n--- second\n" + secondOut);
            assertTrue(loser.contains("is being run live by process " + winnerPid), "the refusal names the run going on:\n" + loser);
            assertTrue(!loser.contains("Exception") && !loser.contains("\tat "), "no stack trace:\n" + loser);
            // the run that went on was not disturbed: it measured its migration and reached the VM afterwards
            assertTrue(winner.contains("switching") && !winner.contains("unreachable"), "the run's own report:\n" + winner);
            assertEquals(List.of(), cleanup.namespaces(PREFIX), "nothing is left");
            assertEquals(List.of(), tempDirs(), "no temporary files are left");
        } finally {
            first.destroyForcibly();
            second.destroyForcibly();
            cleanup.clean(PREFIX);
            Files.deleteIfExists(firstLog);
            Files.deleteIfExists(secondLog);
        }
    }

    @Test
    void cleanupLeavesARunGoingOnAloneUnlessForced() throws Exception {
        Tools.requireRoot();
        Tools.require("nft");
        LiveCleanup cleanup = new LiveCleanup(new ProcessCommandRunner(), HostTools.fromEnvironment(), LiveState.DEFAULT_DIR);
        Path log = Files.createTempFile("warplab-test-run", ".log");
        Process run = liveRun(log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (KilledRunCleanupTest.agentProcesses(NamespaceNames.of(LAB).labId()).size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = new Cli().run(new String[] {"live", "cleanup"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String said = err.toString(StandardCharsets.UTF_8);
            assertEquals(Cli.UNUSABLE, exit, said);
            assertTrue(said.contains("left alone " + PREFIX + "*") && said.contains("process " + run.pid()) && said.contains("--force"), said);
            assertTrue(run.waitFor(120, TimeUnit.SECONDS), "the run ended");
            assertEquals(Cli.OK, run.exitValue(), "the run went on to its end:\n" + Files.readString(log));
            assertEquals(List.of(), cleanup.namespaces(PREFIX));
        } finally {
            run.destroyForcibly();
            cleanup.clean(PREFIX);
            Files.deleteIfExists(log);
        }
    }

    /**
     * {@code warplab live run} of the paging lab in a process of its own, its output (both streams)
     * going to {@code log}: a pipe nobody reads while waiting would stall the run once it filled.
     */
    static Process liveRun(Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.warplab.app.Main",
                "live", "run", Samples.file("paging-paper").toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** This lab's live runs' temporary directories. */
    static List<Path> tempDirs() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith(LiveCleanup.TEMP_PREFIX + NamespaceNames.of(LAB).labId() + "-")).toList();
        }
    }
}
