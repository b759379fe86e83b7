package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.testing.Tools;

class LiveCleanupTest {

    @Test
    void deletesOnlyNamespacesWithThePrefix() {
        RecordingCommandRunner runner = new RecordingCommandRunner()
                .answer("ip netns list", 0, "wl-ab12-R1 (id: 3)\nwl-ab12-R2\nother-ns (id: 1)\nwl-cd34-R1\n", "");
        HostTools bare = new HostTools(tool -> java.util.Optional.empty());
        LiveCleanup.Report report = new LiveCleanup(runner, bare, Path.of("/nonexistent")).clean("wl-ab12-");
        assertEquals(List.of("wl-ab12-R1", "wl-ab12-R2"), report.namespaces());
        assertFalse(runner.displayed().stream().anyMatch(c -> c.contains("other-ns") || c.contains("wl-cd34")));
    }

    @Test
    @Tag("live")
    void removesNamespacesAndTheProcessesInsideThemAndIsIdempotent(@TempDir Path stateDir) throws Exception {
        Tools.requireRoot();
        Tools.require("ip", "iproute2");
        ProcessCommandRunner runner = new ProcessCommandRunner();
        HostTools tools = HostTools.fromEnvironment();
        String labId = "t" + Long.toHexString(ProcessHandle.current().pid() & 0xfff);
        NamespaceNames names = new NamespaceNames(labId);
        LiveState state = new LiveState(stateDir, labId);
        for (String node : List.of("A", "B")) {
            runner.check(tools.path("ip"), "netns", "add", names.namespace(node));
            state.addNamespace(names.namespace(node));
        }
        Process sleeper = new ProcessBuilder(tools.path("ip"), "netns", "exec", names.namespace("A"), "sleep", "300").start();
        state.addProcess(sleeper.toHandle(), "a stand-in agent");
        assertTrue(stateDir.resolve(labId + ".json").toFile().exists());

        LiveCleanup cleanup = new LiveCleanup(runner, tools, stateDir);
        LiveCleanup.Report report = cleanup.clean(names.labPrefix());
        assertEquals(List.of(names.namespace("A"), names.namespace("B")), report.namespaces().stream().sorted().toList());
        assertTrue(sleeper.waitFor(5, TimeUnit.SECONDS), "the process in the namespace was stopped");
        assertEquals(List.of(), cleanup.namespaces(names.labPrefix()));
        assertFalse(stateDir.resolve(labId + ".json").toFile().exists(), "the state file is forgotten once all is gone");
        assertTrue(cleanup.clean(names.labPrefix()).nothingFound(), "a second cleanup finds nothing");
    }
}
