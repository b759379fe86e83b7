package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

/** A live run killed with SIGKILL mid-run leaves namespaces behind; `live cleanup` removes all of it. */
@Tag("live")
class KilledRunCleanupTest {

    @Test
    void sigkillThenCleanupLeavesNothing() throws Exception {
        Tools.requireRoot();
        Tools.require("nft");
        Lab lab = Samples.lab("paging-paper");
        String prefix = NamespaceNames.of(lab).labPrefix();
        ProcessCommandRunner runner = new ProcessCommandRunner();
        HostTools tools = HostTools.fromEnvironment();
        LiveCleanup cleanup = new LiveCleanup(runner, tools, LiveState.DEFAULT_DIR);
        // this test is about what a killed run leaves; a failed earlier test's leftovers would only refuse the run
        cleanup.clean(prefix);
        Path output = Files.createTempFile("warplab-test-run", ".log");
        Process run = ConcurrentLiveRunsTest.liveRun(output);
        try {
            // wait until the run's agents are up: the lab is built and processes run inside it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (agentProcesses(NamespaceNames.of(lab).labId()).size() < 4 && run.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(agentProcesses(NamespaceNames.of(lab).labId()).size() >= 4,
                    () -> "the run started its agents; " + (run.isAlive() ? "it is still running" : "it ended with exit " + run.exitValue())
                            + ", its output:\n" + readQuietly(output));
            run.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(run.waitFor(10, TimeUnit.SECONDS));
            assertFalse(cleanup.namespaces(prefix).isEmpty(), "a killed run leaves its namespaces");
            assertFalse(ConcurrentLiveRunsTest.tempDirs().isEmpty(), "and its temporary files");

            // only this lab's prefix: other live tests (or a CI run) may have namespaces up right now
            LiveCleanup.Report report = cleanup.clean(prefix);
            assertTrue(report.failures().isEmpty(), report.failures().toString());
            assertEquals(List.of(), cleanup.namespaces(prefix));
            assertEquals(List.of(), ConcurrentLiveRunsTest.tempDirs(), "cleanup removes the run's temporary files");
            Thread.sleep(500);
            assertEquals(List.of(), agentProcesses(NamespaceNames.of(lab).labId()), "no agent survives");
            assertTrue(cleanup.clean(prefix).nothingFound(), "a second cleanup finds nothing");
        } finally {
            run.destroyForcibly();
            cleanup.clean(prefix);
            Files.deleteIfExists(output);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Live-mode agents of this lab still running, found by their command lines. */
    static List<Long> agentProcesses(String labId) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                    if (cmdline.contains(AgentProcess.LAB_PROPERTY + "=wl-" + labId + "-") || cmdline.contains("netns exec wl-" + labId + "-")) {
                        found.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }
}
