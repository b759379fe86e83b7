package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

/** The paper's paging lab migrated live on namespaces, measured from what the agents saw. */
@Tag("live")
class LiveRunnerLiveTest {

    @TempDir
    Path stateDir;

    private LiveRunner runner(List<String> steps) {
        Tools.requireRoot();
        for (String tool : List.of("ip", "nft", "ethtool", "sysctl")) {
            Tools.require(tool, tool.equals("sysctl") ? "procps" : tool.equals("nft") ? "nftables" : tool.equals("ip") ? "iproute2" : tool);
        }
        return new LiveRunner(new ProcessCommandRunner(), HostTools.fromEnvironment(), stateDir, steps::add);
    }

    @Test
    void pagingFollowsTheVmAndTheClientKeepsItsAddress() throws Exception {
        List<String> steps = new ArrayList<>();
        Lab lab = Samples.lab("paging-paper");
        Path pcaps = stateDir.resolve("pcap");
        LiveRunner.Outcome outcome = runner(steps).run(lab, SchemeKind.NETWORK_PAGING,
                new LiveRunner.Options(java.util.Optional.empty(), java.util.Optional.of(pcaps)));
        System.out.println(String.join("\n", steps));
        MigrationMetrics m = outcome.result().migrations().get(0);
        System.out.printf("live paging: build %.1f ms, switching %.2f ms, downtime %.1f ms, gap %.1f ms, lost %d/%d, latency %.2f -> %.2f ms%n",
                outcome.buildNs() / 1e6, m.switchingTimeNs() / 1e6, m.downtimeNs() / 1e6, m.clientGapNs() / 1e6, m.probesLost(), m.probesSent(),
                m.latencyBeforeNs() / 1e6, m.latencyAfterNs() / 1e6);
        assertEquals("live", outcome.result().runtime());
        assertTrue(m.reachableAfter(), "echoes come back from 172.16.10.2 after the move");
        assertNotNull(m.switchingTimeNs(), "the capture program saw the RARP and R3 switched");
        assertTrue(m.switchingTimeNs() > 0);
        // the client's gap covers at least the VM's own downtime: it cannot hear a stopped VM
        assertTrue(m.clientGapNs() >= m.downtimeNs(), "gap " + m.clientGapNs() + " >= downtime " + m.downtimeNs());
        // the phases are in order and add up to the migration
        long previousEnd = Long.MIN_VALUE;
        for (Phase phase : m.phases().subList(0, 4)) {
            assertTrue(phase.startNs() >= previousEnd, phase + " starts after the previous one ends");
            previousEnd = phase.endNs();
        }
        assertEquals(1, outcome.trace().ofType(TraceEvent.RuleSwitched.class).size(), "one rule switch, at R3");
        assertEquals("R3", outcome.trace().ofType(TraceEvent.RuleSwitched.class).get(0).router());
        assertFalse(outcome.trace().ofType(TraceEvent.AnnouncementSeen.class).isEmpty());
        assertHopsFollowTheVm(outcome);
        LiveCleanup cleanup = new LiveCleanup(new ProcessCommandRunner(), HostTools.fromEnvironment(), stateDir);
        assertEquals(List.of(), cleanup.namespaces(NamespaceNames.of(lab).labPrefix()), "nothing of the run is left");

        // the captures, judged by tshark: probes at the client, the RARP on ADC's LAN, the translated address on R3's WAN side
        Tools.require("tshark");
        assertTrue(tshark(pcaps.resolve("U-L3.pcap"), "udp.dstport == 7007 && ip.dst == 172.16.10.2") > 50, "the client's probes");
        assertTrue(tshark(pcaps.resolve("ADC-br_lan.pcap"), "arp.opcode == 3") >= 1, "QEMU-style RARP on ADC's LAN");
        assertTrue(tshark(pcaps.resolve("R3-W4.pcap"), "ip.dst == 172.15.10.2") > 10, "before the move the WAN carries S' (172.15.10.2)");
        assertTrue(tshark(pcaps.resolve("R3-W5.pcap"), "ip.dst == 172.16.10.2") > 10, "after it, the untranslated 172.16.10.2 via C2");
    }

    /**
     * The trace carries every probe and echo hop by hop: through PDC before the move, through ADC
     * after it, each hop leaving after the previous arrived, all within the probe's measured send
     * and its echo's measured return.
     */
    private static void assertHopsFollowTheVm(LiveRunner.Outcome outcome) {
        Map<Long, Long> sent = new HashMap<>();
        Map<Long, Long> echoed = new HashMap<>();
        for (AgentEvent e : outcome.agentEvents()) {
            if (e.agent().equals("probe P1") && e.is(AgentEvent.Kind.SENT)) {
                sent.put(e.number("seq"), e.timeNs());
            } else if (e.agent().equals("probe P1") && e.is(AgentEvent.Kind.ECHO)) {
                echoed.put(e.number("seq"), e.timeNs());
            }
        }
        Map<Long, List<TraceEvent.PacketSent>> bySequence = new TreeMap<>();
        // the flow's probes and echoes; the run's control packets (announcements, configuration messages) have their own checks
        for (TraceEvent.PacketSent p : outcome.trace().ofType(TraceEvent.PacketSent.class)) {
            if (p.flow().equals("P1")) {
                bySequence.computeIfAbsent(p.sequence(), k -> new ArrayList<>()).add(p);
            }
        }
        long paused = outcome.trace().ofType(TraceEvent.VmPaused.class).get(0).timeNs();
        long switched = outcome.trace().ofType(TraceEvent.RuleSwitched.class).get(0).timeNs();
        String before = "U R3 C1 R1 PDC vm1 PDC R1 C1 R3 U";
        String after = "U R3 C2 R2 ADC vm1 ADC R2 C2 R3 U";
        int checkedBefore = 0;
        int checkedAfter = 0;
        for (Map.Entry<Long, List<TraceEvent.PacketSent>> entry : bySequence.entrySet()) {
            Long sentAt = sent.get(entry.getKey());
            Long back = echoed.get(entry.getKey());
            if (sentAt == null || back == null) {
                continue;
            }
            List<TraceEvent.PacketSent> hops = entry.getValue().stream()
                    .sorted(Comparator.comparing((TraceEvent.PacketSent p) -> p.kind() != PacketKind.PROBE).thenComparingLong(TraceEvent.PacketSent::departNs))
                    .toList();
            StringBuilder path = new StringBuilder(hops.get(0).fromNode());
            long previous = sentAt;
            for (TraceEvent.PacketSent hop : hops) {
                assertTrue(hop.departNs() >= previous && hop.arriveNs() >= hop.departNs(), "probe " + entry.getKey() + ": in time order at " + hop);
                assertTrue(hop.arriveNs() <= back, "probe " + entry.getKey() + ": back at the client at " + back + ", after " + hop);
                previous = hop.arriveNs();
                path.append(' ').append(hop.toNode());
            }
            assertEquals(back.longValue(), previous, "the last hop ends when the client got the echo");
            if (sentAt + 100_000_000L < paused) {
                assertEquals(before, path.toString(), "probe " + entry.getKey());
                checkedBefore++;
            } else if (sentAt > switched + 100_000_000L) {
                assertEquals(after, path.toString(), "probe " + entry.getKey());
                checkedAfter++;
            }
        }
        assertTrue(checkedBefore > 20 && checkedAfter > 20, checkedBefore + " round trips before, " + checkedAfter + " after the move");
        // the WAN hops carry the relay's own times: never less than the link's 2 ms
        assertTrue(outcome.trace().ofType(TraceEvent.PacketSent.class).stream().filter(p -> p.flow().equals("P1") && p.link().startsWith("W"))
                .allMatch(p -> p.arriveNs() - p.departNs() >= 2_000_000L), "relayed hops last the link's delay at least");
        // the capture program's message to R3 is drawn from ADC to R3, between the watcher's send and R3's receipt
        List<TraceEvent.PacketSent> config = outcome.trace().ofType(TraceEvent.PacketSent.class).stream()
                .filter(p -> p.kind() == PacketKind.CONFIG).toList();
        assertFalse(config.isEmpty(), "the configuration message is in the trace");
        assertEquals("ADC", config.get(0).fromNode());
        assertEquals("R3", config.get(config.size() - 1).toNode());
        assertTrue(config.get(config.size() - 1).arriveNs() <= switched, "it arrives before R3 switches");
    }

    /** How many packets of {@code file} match the display filter, as tshark counts them. */
    static long tshark(Path file, String filter) throws Exception {
        // tshark warns on stderr when run as root; only the matching packets count
        Process p = new ProcessBuilder("tshark", "-r", file.toString(), "-Y", filter).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lines = new String(p.getInputStream().readAllBytes()).lines().filter(l -> !l.isBlank()).count();
        assertEquals(0, p.waitFor(), "tshark reads " + file);
        return lines;
    }

    @Test
    void threeDataCentersInEveryDirectionWithBothClientEdgesFollowing() throws Exception {
        LiveRunner.Outcome outcome = runner(new ArrayList<>()).run(Samples.lab("paging-three-dc"), SchemeKind.NETWORK_PAGING);
        assertEquals(List.of("DC2", "DC3", "DC1"), outcome.result().migrations().stream().map(MigrationMetrics::to).toList());
        for (MigrationMetrics m : outcome.result().migrations()) {
            assertTrue(m.reachableAfter(), m.migration() + " to " + m.to() + ": reachable after");
            assertEquals(2, m.flows().size(), "both client sites measured");
            m.flows().forEach(f -> assertTrue(f.latencyAfterNs() > 0, m.migration() + ": " + f.flow() + " gets echoes after the move"));
        }
        // every move switches both client edges, CE1 and CE2
        List<String> switched = outcome.trace().ofType(TraceEvent.RuleSwitched.class).stream().map(TraceEvent.RuleSwitched::router).sorted().toList();
        assertEquals(List.of("CE1", "CE1", "CE1", "CE2", "CE2", "CE2"), switched);
    }

    @Test
    void withNoSchemeNothingFollowsTheVmAndItsTrafficIsLost() throws Exception {
        Lab lab = Samples.lab("paging-paper");
        LiveRunner.Outcome outcome = runner(new ArrayList<>()).run(lab, SchemeKind.NONE);
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertFalse(m.reachableAfter(), "R3 still sends the client's packets towards PDC, where the VM is gone");
        assertTrue(m.switchingTimeNs() == null);
        assertTrue(m.probesLost() > m.probesSent() / 4, m.probesLost() + " of " + m.probesSent() + " lost");
    }
}
