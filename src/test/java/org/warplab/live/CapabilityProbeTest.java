package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.warplab.testing.Tools;

class CapabilityProbeTest {

    @Test
    void theScratchNamespaceIsRemovedEvenWhenTheProbeFails() {
        RecordingCommandRunner runner = new RecordingCommandRunner().answer("ip -n wl-probe-", 2, "", "Cannot find device");
        HostTools bare = new HostTools(tool -> java.util.Optional.empty());
        assertThrows(CommandFailedException.class, () -> new CapabilityProbe(runner, bare).probe());
        String last = runner.displayed().get(runner.displayed().size() - 1);
        assertTrue(last.startsWith("ip netns delete wl-probe-"), last);
    }

    @Test
    void fallbacksAreNamed() {
        Capabilities minimal = new Capabilities(false, false, false, false, true, true, true, true);
        assertEquals("delay relay (user space)", minimal.linkDelayMethod());
        assertEquals("one bridge and VXLAN VNI per segment", minimal.segmentMethod());
        assertEquals("seg6 encapsulation", minimal.mobileIpv6TunnelMethod());
        assertTrue(minimal.describe().contains("link delay/loss: netem missing -> delay relay (user space)"));
        Capabilities full = new Capabilities(true, true, true, true, true, true, true, true);
        assertEquals("netem", full.linkDelayMethod());
        assertEquals("802.1Q VLANs", full.segmentMethod());
    }

    @Test
    @Tag("live")
    void probesThisKernelAndLeavesNothingBehind() {
        Tools.requireRoot();
        Tools.require("ip", "iproute2");
        Tools.require("nft", "nftables");
        ProcessCommandRunner runner = new ProcessCommandRunner();
        HostTools tools = HostTools.fromEnvironment();
        Capabilities capabilities = new CapabilityProbe(runner, tools).probe();
        System.out.println("capabilities of this kernel:\n  " + String.join("\n  ", capabilities.describe()));
        // what every kernel live mode supports has (DESIGN.md §3): VXLAN, seg6, tbf, nftables NAT
        assertTrue(capabilities.vxlan() && capabilities.seg6() && capabilities.tbf() && capabilities.nftNat(), capabilities.toString());
        assertFalse(new LiveCleanup(runner, tools, LiveState.DEFAULT_DIR).namespaces("wl-probe-").stream()
                .anyMatch(n -> n.equals("wl-probe-" + ProcessHandle.current().pid())));
    }
}
