package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

/**
 * The second paper's experiment, live: the mobile node hears the foreign router's radvd, checks its
 * care-of address by DAD, sends a real Binding Update; the home agent checks the home address by
 * DAD, installs the generated tunnel and acknowledges; the correspondent then reaches the VM at its
 * home address through the tunnel. Then it comes home and deregisters.
 */
@Tag("live")
class MobileIpv6LiveTest {

    @TempDir
    Path stateDir;

    @Test
    void theMobileNodeIsReachableAtItsHomeAddressThroughTheHomeAgentAfterTwoDads() throws Exception {
        Tools.requireRoot();
        Tools.require("radvd");
        Tools.require("ethtool");
        // away and back: a home registration, then a deregistration
        Lab lab = BackAndForth.repeat(Samples.lab("mipv6-paper"), 2, 7_000_000_000L);
        Path pcaps = stateDir.resolve("pcap");
        List<String> steps = new ArrayList<>();
        LiveRunner.Outcome outcome = new LiveRunner(new ProcessCommandRunner(), HostTools.fromEnvironment(), stateDir, steps::add)
                .run(lab, SchemeKind.MOBILE_IPV6, new LiveRunner.Options(Optional.empty(), Optional.of(pcaps)));
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertNotNull(m.switchingTimeNs(), () -> "the move away has a switching time; the run's notes: " + outcome.result().notes());
        m.phases().forEach(p -> System.out.printf("  %-55s %8.1f ms%n", p.name(), p.durationNs() / 1e6));
        System.out.printf("live mobile-ipv6: switching %.1f ms, downtime %.1f ms, gap %.1f ms, lost %d/%d, latency %.2f -> %.2f ms%n",
                m.switchingTimeNs() / 1e6, m.downtimeNs() / 1e6, m.clientGapNs() / 1e6, m.probesLost(), m.probesSent(),
                m.latencyBeforeNs() / 1e6, m.latencyAfterNs() / 1e6);

        assertEquals("FOREIGN", m.to());
        assertEquals("2001:db8:1::100", m.address(), "probes go to the home address");
        assertTrue(m.reachableAfter(), "the correspondent reaches the VM at its home address after the move");
        // RFC 4862's RetransTimer: each DAD listens 1 s for a defender, the mobile node's and the home agent's
        assertDuration(m, "DAD of the care-of address (standard)", 1_000, 1_400);
        assertDuration(m, "home agent DAD of the home address", 1_000, 1_400);
        assertTrue(m.switchingTimeNs() >= 2_000_000_000L, "RA -> binding acknowledged spans both DADs: " + m.switchingTimeNs());
        assertTrue(m.downtimeNs() > m.switchingTimeNs(), "the service is back only once packets come through the tunnel");
        assertTrue(m.clientGapNs() >= m.switchingTimeNs(), "the correspondent hears nothing until the binding is in place");
        // triangle routing: correspondent -> home agent -> 20 ms W2 to the foreign network, and back the same way
        assertTrue(m.latencyAfterNs() - m.latencyBeforeNs() >= 30_000_000L, "the tunnel through the home agent costs W2's delay twice: "
                + m.latencyBeforeNs() + " -> " + m.latencyAfterNs());
        TraceEvent.RuleSwitched binding = outcome.trace().ofType(TraceEvent.RuleSwitched.class).get(0);
        assertEquals("HA", binding.router());
        assertTrue(binding.rule().contains("2001:db8:2:0:5054:ff:fe00:100"), binding.rule());

        // home again: no DAD, one deregistration round trip on the home link, then straight to the home address
        MigrationMetrics home = outcome.result().migrations().get(1);
        assertNotNull(home.switchingTimeNs(), () -> "the move home has a switching time; the run's notes: " + outcome.result().notes());
        System.out.printf("live mobile-ipv6 home again: switching %.1f ms, downtime %.1f ms, gap %.1f ms%n",
                home.switchingTimeNs() / 1e6, home.downtimeNs() / 1e6, home.clientGapNs() / 1e6);
        assertEquals("HOME", home.to());
        assertTrue(home.reachableAfter(), "the correspondent reaches the VM at home again");
        assertTrue(home.switchingTimeNs() < 500_000_000L, "a deregistration needs no DAD: " + home.switchingTimeNs());
        assertTrue(home.phases().stream().anyMatch(p -> p.name().equals("deregistration (lifetime 0) → home agent")), home.phases().toString());
        TraceEvent.RuleSwitched ended = outcome.trace().ofType(TraceEvent.RuleSwitched.class).get(1);
        assertTrue(ended.rule().contains("deleted") && ended.rule().contains("home"), ended.rule());
        assertEquals(List.of(), new LiveCleanup(new ProcessCommandRunner(), HostTools.fromEnvironment(), stateDir)
                .namespaces(NamespaceNames.of(lab).labPrefix()), "nothing of the run is left");

        // tshark judges what crossed the foreign network's LAN: the real Binding Update and Acknowledgement, and the DAD probe
        Tools.require("tshark");
        Path foreign = pcaps.resolve("FOREIGN-br_lan.pcap");
        assertEquals(1, LiveRunnerLiveTest.tshark(foreign, "!icmpv6 && mip6.mhtype == 5 && ipv6.opt.mipv6.home_address == 2001:db8:1::100 && mip6.bu.h_flag == 1"), "one Binding Update");
        assertEquals(1, LiveRunnerLiveTest.tshark(foreign, "!icmpv6 && mip6.mhtype == 6 && mip6.ba.status == 0"), "one accepting Binding Acknowledgement");
        assertTrue(LiveRunnerLiveTest.tshark(foreign, "icmpv6.type == 135 && ipv6.src == :: && icmpv6.nd.ns.target_address == 2001:db8:2:0:5054:ff:fe00:100") >= 1,
                "the mobile node's DAD probe for its care-of address");
        assertTrue(LiveRunnerLiveTest.tshark(foreign, "icmpv6.type == 134 && icmpv6.opt.prefix == 2001:db8:2::") > 10, "radvd's advertisements every 30-70 ms");
        assertEquals(1, LiveRunnerLiveTest.tshark(pcaps.resolve("HOME-br_lan.pcap"), "!icmpv6 && mip6.mhtype == 5 && mip6.bu.lifetime == 0"),
                "one deregistration on the home link");
        assertTrue(LiveRunnerLiveTest.tshark(pcaps.resolve("HOME-br_lan.pcap"), "icmpv6.type == 135 && ipv6.src == :: && icmpv6.nd.ns.target_address == 2001:db8:1::100") >= 1,
                "the home agent's DAD probe for the home address on the home link");
    }

    private static void assertDuration(MigrationMetrics m, String phase, long minMs, long maxMs) {
        Phase found = m.phases().stream().filter(p -> p.name().equals(phase)).findFirst()
                .orElseThrow(() -> new AssertionError("no phase '" + phase + "' in " + m.phases()));
        assertTrue(found.durationNs() >= minMs * 1_000_000L && found.durationNs() <= maxMs * 1_000_000L,
                phase + " took " + found.durationNs() / 1e6 + " ms, expected " + minMs + "-" + maxMs);
    }
}
