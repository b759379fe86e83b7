package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.model.Lab;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

@Tag("live")
class LabRealizerLiveTest {

    private final ProcessCommandRunner runner = new ProcessCommandRunner();
    private final HostTools tools = HostTools.fromEnvironment();
    @TempDir
    Path dir;
    private NamespaceNames names;

    @AfterEach
    void cleanUp() {
        if (names != null) {
            new LiveCleanup(runner, tools, dir.resolve("state")).clean(names.labPrefix());
        }
    }

    @Test
    void thePaperLabIsBuiltFromItsGeneratedFilesAndTheClientReachesTheVm() {
        Tools.requireRoot();
        Tools.require("ip");
        Tools.require("nft");
        Tools.require("ethtool");
        Tools.require("ping");
        Lab lab = Samples.lab("paging-paper");
        names = new NamespaceNames("r" + Long.toHexString(ProcessHandle.current().pid() & 0xfff));
        Capabilities capabilities = new CapabilityProbe(runner, tools).probe();
        LiveState state = new LiveState(dir.resolve("state"), names.labId());
        LabRealizer.Realization built = new LabRealizer(runner, tools).build(lab, names, capabilities, state, dir.resolve("configs"));
        System.out.printf("paper lab: configs generated in %.1f ms, namespaces built in %.1f ms (%s; %d links relayed)%n",
                built.generateNs() / 1e6, built.buildNs() / 1e6, capabilities.linkDelayMethod(), built.relayed().size());
        // the breakdown `live run --verbose` prints accounts for the whole build, step by step
        List<String> steps = built.buildSteps().stream().map(LabRealizer.BuildStep::name).toList();
        assertTrue(steps.stream().anyMatch(s -> s.endsWith("namespaces created (one ip -batch)")) && steps.contains("links wired (veth pairs, bridges; one ip -batch)"), steps.toString());
        long accounted = built.buildSteps().stream().mapToLong(LabRealizer.BuildStep::ns).sum();
        assertTrue(accounted <= built.buildNs() && accounted > built.buildNs() * 9 / 10, accounted + " of " + built.buildNs() + " ns in " + built.buildSteps());
        // without the relay running, delayed links carry nothing; with netem they carry at once
        if (!built.relayed().isEmpty()) {
            // the WAN's links; the management link is shaped, not relayed (a migration stream would swamp the relay)
            assertEquals(List.of("W1", "W2", "W3", "W4", "W5"), built.relayed().stream().map(r -> r.link().id()).toList());
            assertTrue(built.notes().stream().anyMatch(n -> n.startsWith("management link M1: its 1 ms delay is not reproduced")), built.notes().toString());
        }
        CommandResult ping = runner.run(tools.path("ip"), "netns", "exec", built.namespace("R1"), tools.path("ping"), "-c", "2", "-i", "0.2", "-W", "1", "172.16.10.2");
        assertTrue(ping.ok(), "the edge router reaches the VM on its LAN:\n" + ping.stdout() + ping.stderr());
    }
}
