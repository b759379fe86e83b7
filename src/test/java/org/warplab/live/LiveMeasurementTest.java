package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.warplab.live.agent.AgentEvent;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;

/**
 * The live figures from recorded agent events (real runs of the sample labs, see
 * {@link RecordLiveRun}), without root: the same figures the live run printed, and each figure
 * checked against the raw events it comes from.
 */
class LiveMeasurementTest {

    @ParameterizedTest
    @ValueSource(strings = {"paging-paper", "segmentation-tenants", "baseline-no-scheme", "mipv6-paper", "paging-three-dc"})
    void aRecordedRunMeasuresAsItDidLive(String name) throws Exception {
        RecordedRun run = RecordedRun.load(name);
        LiveMeasurement.Measured measured = LiveMeasurement.of(run.lab(), run.recording());
        // The recordings predate the one definition of downtime (docs/metrics.md): everything else as measured live,
        // the downtime from the VM's stop to the first probe its echo agent answered after the resume.
        List<MigrationMetrics> expected = new java.util.ArrayList<>();
        for (int i = 0; i < run.result().migrations().size(); i++) {
            MigrationWindow w = run.recording().windows().get(i);
            long end = i + 1 < run.recording().windows().size() ? run.recording().windows().get(i + 1).startNs() : Long.MAX_VALUE;
            String vm = run.result().migrations().get(i).vm();
            long firstAnswered = events(run, a -> a.equals("echo " + vm), "echoed").stream().mapToLong(AgentEvent::timeNs)
                    .filter(t -> t >= w.resumedNs() && t < end).min().orElse(-1);
            MigrationMetrics recorded = run.result().migrations().get(i);
            boolean mobileIpv6 = name.startsWith("mipv6");
            expected.add(mobileIpv6 ? recorded : recorded.withDowntimeNs(firstAnswered < 0 ? -1 : firstAnswered - w.pausedNs()));
        }
        // ... and the recordings predate live runs reporting the other VMs' flows: those are checked below
        assertEquals(expected, measured.migrations().stream().map(m -> m.withBystanders(List.of())).toList());
        assertTrue(run.result().notes().containsAll(measured.notes()), "every measurement note was in the live result: " + measured.notes());
    }

    @Test
    void aLiveRunReportsTheFlowsOfTheVmsThatStayed() throws Exception {
        RecordedRun run = RecordedRun.load("segmentation-tenants");
        MigrationMetrics m = LiveMeasurement.of(run.lab(), run.recording()).migrations().get(0);
        assertEquals(List.of("P1"), m.flows().stream().map(org.warplab.run.FlowMetrics::flow).toList());
        assertEquals(List.of("P2"), m.bystanders().stream().map(org.warplab.run.FlowMetrics::flow).toList(), "the blue tenant's flow, measured live");
        org.warplab.run.FlowMetrics blue = m.bystanders().get(0);
        assertTrue(blue.probesSent() > 50, blue.toString());
        assertEquals(0, blue.probesLost(), "the blue tenant at the same address lost nothing live either");
    }

    @Test
    void pagingSwitchingRunsFromTheFirstAnnouncementSeenToTheLastRuleSwitched() throws Exception {
        RecordedRun run = RecordedRun.load("paging-paper");
        MigrationWindow w = run.recording().windows().get(0);
        MigrationMetrics m = LiveMeasurement.of(run.lab(), run.recording()).migrations().get(0);
        long seen = events(run, a -> a.startsWith("watcher "), "announcement-seen").stream().mapToLong(AgentEvent::timeNs)
                .filter(t -> t >= w.pausedNs()).min().orElseThrow();
        long switched = events(run, a -> a.startsWith("switcher "), "rule-switched").stream().mapToLong(AgentEvent::timeNs)
                .filter(t -> t >= seen).max().orElseThrow();
        assertEquals(switched - seen, m.switchingTimeNs());
        long firstAnswered = events(run, a -> a.equals("echo vm1"), "echoed").stream().mapToLong(AgentEvent::timeNs)
                .filter(t -> t >= w.resumedNs()).min().orElseThrow();
        assertEquals(firstAnswered - w.pausedNs(), m.downtimeNs(), "docs/metrics.md: stopped → the first probe reaching the VM after it resumed");
        assertTrue(m.downtimeNs() > w.resumedNs() - w.pausedNs(), "the network's switch is part of the downtime");
        assertEquals(w.resumedNs() - w.startNs(), m.migrationTimeNs());
        assertTrue(m.reachableAfter());
        List<String> names = m.phases().stream().map(Phase::name).toList();
        assertEquals(List.of("pre-copy (modelled)", "stop-and-copy (modelled hold)", "re-attach at ADC (measured)",
                "announce (until seen by the capture program)", "config message -> R3", "rule switch R3"), names);
        assertPhasesFollowEachOther(m.phases().subList(0, 3));
    }

    @Test
    void theGapIsTheLongestSilenceBetweenEchoesOfProbesSentAroundTheMove() throws Exception {
        RecordedRun run = RecordedRun.load("paging-paper");
        MigrationWindow w = run.recording().windows().get(0);
        MigrationMetrics m = LiveMeasurement.of(run.lab(), run.recording()).migrations().get(0);
        Map<Long, Long> sent = new LinkedHashMap<>();
        events(run, a -> a.equals("probe P1"), "sent").forEach(e -> sent.put(e.number("seq"), e.timeNs()));
        long counted = run.recording().endNs() - LiveMeasurement.SETTLE_NS / 2;
        List<Long> arrivals = new ArrayList<>();
        long lost = 0;
        long total = 0;
        Map<Long, Long> echoed = new LinkedHashMap<>();
        events(run, a -> a.equals("probe P1"), "echo").forEach(e -> echoed.put(e.number("seq"), e.timeNs()));
        for (Map.Entry<Long, Long> s : sent.entrySet()) {
            if (s.getValue() >= w.startNs() - LiveMeasurement.BEFORE_NS && s.getValue() < counted) {
                total++;
                if (echoed.containsKey(s.getKey())) {
                    arrivals.add(echoed.get(s.getKey()));
                } else {
                    lost++;
                }
            }
        }
        arrivals.sort(Long::compare);
        long gap = 0;
        for (int i = 1; i < arrivals.size(); i++) {
            gap = Math.max(gap, arrivals.get(i) - arrivals.get(i - 1));
        }
        assertEquals(gap, m.clientGapNs());
        assertEquals(total, m.probesSent());
        assertEquals(lost, m.probesLost());
        assertTrue(lost > 0 && gap > m.downtimeNs(), "the client saw the move: " + lost + " lost, gap " + gap);
    }

    /** The no-scheme baseline: nothing follows the VM, so no echo comes back after the move and the run ends in silence. */
    @Test
    void withNoEchoAfterTheMoveTheTrailingSilenceIsTheGap() throws Exception {
        RecordedRun run = RecordedRun.load("baseline-no-scheme");
        MigrationWindow w = run.recording().windows().get(0);
        MigrationMetrics m = LiveMeasurement.of(run.lab(), run.recording()).migrations().get(0);
        long lastEcho = events(run, a -> a.startsWith("probe "), "echo").stream().mapToLong(AgentEvent::timeNs).max().orElseThrow();
        long lastSent = events(run, a -> a.startsWith("probe "), "sent").stream().mapToLong(AgentEvent::timeNs).max().orElseThrow();
        long counted = Math.min(run.recording().endNs() - LiveMeasurement.SETTLE_NS / 2, lastSent);
        assertTrue(lastEcho < w.resumedNs(), "no echo after the VM ran again in its new place");
        assertEquals(counted - lastEcho, m.clientGapNs());
        assertFalse(m.reachableAfter());
        assertEquals(-1, m.latencyAfterNs());
        assertNull(m.switchingTimeNs(), "no scheme switches anything");
        assertTrue(m.probesLost() > 0 && m.probesLost() < m.probesSent());
    }

    @Test
    void mobileIpv6SwitchingRunsFromTheRouterAdvertisementToTheAcknowledgement() throws Exception {
        RecordedRun run = RecordedRun.load("mipv6-paper");
        MigrationWindow w = run.recording().windows().get(0);
        MigrationMetrics m = LiveMeasurement.of(run.lab(), run.recording()).migrations().get(0);
        long ra = events(run, a -> a.startsWith("mobile node "), "router-advertisement").stream().mapToLong(AgentEvent::timeNs)
                .filter(t -> t >= w.resumedNs()).min().orElseThrow();
        long ack = events(run, a -> a.startsWith("mobile node "), "binding-acknowledged").stream().mapToLong(AgentEvent::timeNs)
                .filter(t -> t >= ra).min().orElseThrow();
        long back = events(run, a -> a.startsWith("mobile node "), "first-packet-home-address").stream().mapToLong(AgentEvent::timeNs)
                .filter(t -> t >= ra).min().orElseThrow();
        assertEquals(ack - ra, m.switchingTimeNs());
        assertEquals(back - w.pausedNs(), m.downtimeNs(), "the VM is back in service when the first packet to its home address arrives");
        List<String> names = m.phases().stream().map(Phase::name).toList();
        assertTrue(names.containsAll(List.of("RA wait (movement detection)", "binding update → home agent", "home agent DAD of the home address",
                "IP mobility (total: RA wait → binding acknowledged)", "tunnel: first packet to the home address")), names.toString());
    }

    /**
     * On a busy host the mobile node (its own process) can resume and hear the new router's
     * advertisement before the echo agent stamps the VM's resume: the move is still measured from
     * that advertisement (a live run under load once reported no switching time for it).
     */
    @Test
    void aRouterAdvertisementHeardBeforeTheEchoAgentsResumeStillStartsTheSwitch() throws Exception {
        RecordedRun run = RecordedRun.load("mipv6-paper");
        MigrationWindow w = run.recording().windows().get(0);
        long ra = events(run, a -> a.startsWith("mobile node "), "router-advertisement").stream().mapToLong(AgentEvent::timeNs)
                .filter(t -> t >= w.resumedNs()).min().orElseThrow();
        long ack = events(run, a -> a.startsWith("mobile node "), "binding-acknowledged").stream().mapToLong(AgentEvent::timeNs)
                .filter(t -> t >= ra).min().orElseThrow();
        long lateResume = ra + 1_000_000;
        MigrationWindow late = new MigrationWindow(w.migration(), w.from(), w.startNs(), w.pausedNs(), w.holdEndNs(), lateResume,
                w.settledNs(), w.qemuPasses(), w.completion());
        LiveRecording recording = new LiveRecording(run.recording().originNs(), run.recording().endNs(), List.of(late),
                run.recording().agentEvents());
        MigrationMetrics m = LiveMeasurement.of(run.lab(), recording).migrations().get(0);
        assertEquals(ack - ra, m.switchingTimeNs());
        Phase raWait = m.phases().stream().filter(p -> p.name().equals("RA wait (movement detection)")).findFirst().orElseThrow();
        assertEquals(0, raWait.durationNs(), "heard before the window's resume: no wait, and never a negative one");
    }

    /** Two clients probe the same VM: each flow's latency is its own, not the mean of the flows measured before it. */
    @Test
    void eachFlowsLatencyIsItsOwn() throws Exception {
        RecordedRun run = RecordedRun.load("paging-three-dc");
        MigrationWindow w = run.recording().windows().get(0);
        MigrationMetrics m = LiveMeasurement.of(run.lab(), run.recording()).migrations().get(0);
        for (FlowMetrics flow : m.flows()) {
            Map<Long, Long> sent = new LinkedHashMap<>();
            events(run, a -> a.equals("probe " + flow.flow()), "sent").forEach(e -> sent.put(e.number("seq"), e.timeNs()));
            long sum = 0;
            long count = 0;
            for (AgentEvent echo : events(run, a -> a.equals("probe " + flow.flow()), "echo")) {
                Long at = sent.get(echo.number("seq"));
                if (at != null && at >= w.startNs() - LiveMeasurement.BEFORE_NS && at < w.startNs()) {
                    sum += echo.number("rtt");
                    count++;
                }
            }
            assertTrue(count > 0);
            assertEquals((long) (sum / (double) count), flow.latencyBeforeNs(), flow.flow());
        }
        assertEquals(2, m.flows().size());
    }

    @Test
    void aRecordingOfAnotherLabIsRefusedWithItsReason() throws Exception {
        RecordedRun paging = RecordedRun.load("paging-paper");
        RecordedRun baseline = RecordedRun.load("baseline-no-scheme");
        LiveRecording foreign = new LiveRecording(paging.recording().originNs(), paging.recording().endNs(),
                List.of(new MigrationWindow("MIG9", "PDC", 0, 0, 0, 0, 0, 0, new org.warplab.run.Completion(true, 1, 30, true, 300_000_000L))), paging.recording().agentEvents());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiveMeasurement.of(baseline.lab(), foreign));
        assertTrue(e.getMessage().contains("MIG9"), e.getMessage());
    }

    private static List<AgentEvent> events(RecordedRun run, Predicate<String> agent, String event) {
        return run.recording().agentEvents().entrySet().stream().filter(a -> agent.test(a.getKey())).flatMap(a -> a.getValue().stream())
                .filter(e -> e.event().equals(event)).toList();
    }

    private static void assertPhasesFollowEachOther(List<Phase> phases) {
        for (int i = 1; i < phases.size(); i++) {
            assertEquals(phases.get(i - 1).endNs(), phases.get(i).startNs(), phases.get(i).name());
        }
    }
}
