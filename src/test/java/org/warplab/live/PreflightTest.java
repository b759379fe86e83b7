package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreflightTest {

    private static final HostTools NO_TOOLS = new HostTools(tool -> java.util.Optional.empty());

    @Test
    void notLinuxIsOneMessageAndNothingRuns() {
        RecordingCommandRunner runner = new RecordingCommandRunner();
        List<String> problems = new Preflight(runner, NO_TOOLS, "Mac OS X").problems(List.of(Requirement.IP), true);
        assertEquals(List.of("live mode needs Linux network namespaces; this is Mac OS X (emulated runs work everywhere)"), problems);
        assertEquals(List.of(), runner.displayed());
    }

    @Test
    void notRootAndMissingToolsNameTheFixAndThePackages() {
        RecordingCommandRunner runner = new RecordingCommandRunner().answer("id -u", 0, "1000\n", "");
        List<String> problems = new Preflight(runner, NO_TOOLS, "Linux").problems(List.of(Requirement.IP, Requirement.NFT, Requirement.TC), false);
        assertEquals(List.of(
                "live mode needs root to create network namespaces; run it with sudo (emulated runs need no privileges)",
                "ip is missing (namespaces, links, addresses, routes)",
                "nft is missing (address translation (network paging))",
                "tc is missing (link bandwidth shaping)",
                "install with: apt-get install iproute2 nftables"), problems);
    }

    @Test
    void rootWithEverythingHasNoProblem() {
        RecordingCommandRunner runner = new RecordingCommandRunner().answer("id -u", 0, "0\n", "");
        HostTools all = new HostTools(tool -> java.util.Optional.of(java.nio.file.Path.of("/usr/bin", tool)));
        assertTrue(new Preflight(runner, all, "Linux").problems(List.of(Requirement.IP, Requirement.NFT), false).isEmpty());
    }
}
