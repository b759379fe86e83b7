package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.Lab;
import org.warplab.run.PacketKind;
import org.warplab.run.Trace;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Samples;

/**
 * The hops of a live run from agent events recorded in a real live run of the paper's paging lab
 * (probes 69..79 of flow P1 around the move of vm1 from PDC to ADC, host monotonic times as the
 * agents wrote them): the relay's captures on the WAN links, the echo agent's arrivals and
 * departures, the probe agent's sends and echoes.
 */
class LivePacketTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The run's VM events as the live run recorded them (relative to its start). */
    private static final List<TraceEvent> VM_EVENTS = List.of(
            new TraceEvent.VmPaused(1_431_609_738L, "vm1", "PDC"),
            new TraceEvent.VmMoved(1_472_602_737L, "vm1", "PDC", "ADC"),
            new TraceEvent.VmResumed(1_472_915_738L, "vm1", "ADC"));

    /** The recorded run's 0 on that host's monotonic clock (its agent-events file had times relative to it). */
    private static final long ORIGIN = 8_284_981_001_951L;

    private static Lab lab;
    private static List<AgentEvent> recorded;

    @BeforeAll
    static void load() throws IOException {
        lab = Samples.lab("paging-paper");
        recorded = new ArrayList<>();
        try (InputStream in = LivePacketTraceTest.class.getResourceAsStream("paging-agent-events.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    recorded.add(AgentEvent.parse(JSON.readTree(line).get("agent").asText(), line, 0));
                }
            }
        }
    }

    private static List<TraceEvent> build(List<AgentEvent> events) {
        List<TraceEvent> out = LivePacketTrace.events(lab, events, ORIGIN, VM_EVENTS);
        new Trace(out); // in time order, or this throws
        return out;
    }

    private static List<TraceEvent.PacketSent> hops(List<TraceEvent> events, long sequence, PacketKind kind) {
        return events.stream().filter(e -> e instanceof TraceEvent.PacketSent).map(e -> (TraceEvent.PacketSent) e)
                .filter(p -> p.sequence() == sequence && p.kind() == kind).toList();
    }

    private static List<String> path(List<TraceEvent.PacketSent> hops) {
        List<String> path = new ArrayList<>();
        for (TraceEvent.PacketSent p : hops) {
            if (path.isEmpty()) {
                path.add(p.fromNode());
            }
            assertEquals(path.get(path.size() - 1), p.fromNode(), "each hop starts where the previous ended: " + hops);
            path.add(p.toNode());
        }
        return path;
    }

    private static AgentEvent agent(String agent, String event, long sequence) {
        return recorded.stream().filter(e -> e.agent().equals(agent) && e.event().equals(event) && e.number("seq") == sequence).findFirst().orElseThrow();
    }

    private static AgentEvent carried(String link, long sequence, boolean echo) {
        return recorded.stream().filter(e -> e.is(AgentEvent.Kind.CARRIED) && e.text("link").equals(link) && e.number("seq") == sequence
                && e.fields().get("echo").asBoolean() == echo).findFirst().orElseThrow();
    }

    /** Each hop leaves no earlier than the one before arrived and takes no negative time. */
    private static void assertMonotonic(List<TraceEvent.PacketSent> hops) {
        long previous = Long.MIN_VALUE;
        for (TraceEvent.PacketSent p : hops) {
            assertTrue(p.departNs() >= previous, "departs after the previous hop arrived: " + p);
            assertTrue(p.arriveNs() >= p.departNs(), "arrives after it departs: " + p);
            previous = p.arriveNs();
        }
    }

    @Test
    void beforeTheMoveProbeAndEchoGoThroughPdcWithMeasuredTimesAtEveryMeasuredPoint() {
        List<TraceEvent> events = build(recorded);
        List<TraceEvent.PacketSent> probe = hops(events, 70, PacketKind.PROBE);
        List<TraceEvent.PacketSent> echo = hops(events, 70, PacketKind.ECHO);
        assertEquals(List.of("U", "R3", "C1", "R1", "PDC", "vm1"), path(probe));
        assertEquals(List.of("L3", "W4", "W1", "L1", "PDC:vm1"), probe.stream().map(TraceEvent.PacketSent::link).toList());
        assertEquals(List.of("vm1", "PDC", "R1", "C1", "R3", "U"), path(echo));
        assertMonotonic(probe);
        assertMonotonic(echo);

        // measured: the send, the relay's capture and release on W4 and W1, the arrival at the VM, the echo's departure and return
        assertEquals(agent("probe P1", "sent", 70).timeNs() - ORIGIN, probe.get(0).departNs());
        AgentEvent w4 = carried("W4", 70, false);
        assertEquals(w4.number("captured") - ORIGIN, probe.get(1).departNs());
        assertEquals(w4.timeNs() - ORIGIN, probe.get(1).arriveNs());
        assertEquals(carried("W1", 70, false).timeNs() - ORIGIN, probe.get(2).arriveNs());
        AgentEvent atVm = agent("echo vm1", "echoed", 70);
        assertEquals(atVm.timeNs() - ORIGIN, probe.get(4).arriveNs());
        assertEquals(atVm.number("left") - ORIGIN, echo.get(0).departNs());
        assertEquals(agent("probe P1", "echo", 70).timeNs() - ORIGIN, echo.get(echo.size() - 1).arriveNs());
        // interpolated: R1 -> PDC -> vm1 share the time from W1's release to the VM's arrival evenly
        long l1 = probe.get(3).arriveNs() - probe.get(3).departNs();
        long lan = probe.get(4).arriveNs() - probe.get(4).departNs();
        assertTrue(Math.abs(l1 - lan) <= 1, l1 + " vs " + lan);
        assertEquals(probe.get(2).arriveNs(), probe.get(3).departNs());

        // the translators, seen in the addresses the relay read off the wire: R3 to S' on the way in, R1 back
        List<TraceEvent.Translated> translated = events.stream().filter(e -> e instanceof TraceEvent.Translated).map(e -> (TraceEvent.Translated) e)
                .filter(t -> t.packetId() == probe.get(0).packetId() || t.packetId() == echo.get(0).packetId()).toList();
        assertEquals(List.of("R3 destination 172.16.10.2->172.15.10.2", "R1 destination 172.15.10.2->172.16.10.2",
                "R1 source 172.16.10.2->172.15.10.2", "R3 source 172.15.10.2->172.16.10.2"),
                translated.stream().map(t -> t.node() + " " + t.field() + " " + t.from() + "->" + t.to()).toList());
        assertEquals("172.15.10.2", probe.get(1).destination(), "W4 carries S'");
        assertEquals("172.16.10.2", probe.get(4).destination(), "the VM sees its own address");

        TraceEvent.Delivered delivered = events.stream().filter(e -> e instanceof TraceEvent.Delivered d && d.sequence() == 70
                && d.kind() == PacketKind.ECHO).map(e -> (TraceEvent.Delivered) e).findFirst().orElseThrow();
        assertEquals(agent("probe P1", "echo", 70).number("rtt"), delivered.latencyNs());
        assertEquals(echo.get(0).packetId(), delivered.packetId());
    }

    @Test
    void theRelaysReportsCountInTheOrderItCapturedTheFramesNotTheOrderItWroteThem() {
        // under load a relay thread can write its report for W4 after the other thread's for W1 (seen in a real run)
        List<AgentEvent> reordered = new ArrayList<>(recorded);
        AgentEvent w4 = carried("W4", 70, false);
        reordered.remove(w4);
        reordered.add(reordered.indexOf(carried("W1", 70, false)) + 1, w4);
        List<TraceEvent.PacketSent> probe = hops(build(reordered), 70, PacketKind.PROBE);
        assertEquals(List.of("U", "R3", "C1", "R1", "PDC", "vm1"), path(probe));
        assertMonotonic(probe);
    }

    @Test
    void afterTheMoveTheyGoThroughAdcUntranslated() {
        List<TraceEvent> events = build(recorded);
        List<TraceEvent.PacketSent> probe = hops(events, 78, PacketKind.PROBE);
        List<TraceEvent.PacketSent> echo = hops(events, 78, PacketKind.ECHO);
        assertEquals(List.of("U", "R3", "C2", "R2", "ADC", "vm1"), path(probe));
        assertEquals(List.of("vm1", "ADC", "R2", "C2", "R3", "U"), path(echo));
        assertMonotonic(probe);
        assertMonotonic(echo);
        assertTrue(probe.stream().allMatch(p -> p.destination().equals("172.16.10.2")));
        assertTrue(events.stream().noneMatch(e -> e instanceof TraceEvent.Translated t
                && (t.packetId() == probe.get(0).packetId() || t.packetId() == echo.get(0).packetId())));
    }

    @Test
    void lostProbesAreDroppedWhereTheDataSays() {
        List<TraceEvent> events = build(recorded);
        List<TraceEvent.Dropped> drops = events.stream().filter(e -> e instanceof TraceEvent.Dropped).map(e -> (TraceEvent.Dropped) e).toList();
        assertEquals(List.of(72L, 73L, 74L, 75L, 76L), drops.stream().map(TraceEvent.Dropped::sequence).toList());
        assertEquals("vm1", drops.get(0).node(), "72 reached the paused VM");
        assertTrue(drops.get(0).reason().contains("paused"));
        assertEquals(List.of("U", "R3", "C1", "R1", "PDC", "vm1"), path(hops(events, 72, PacketKind.PROBE)));
        // 73..76 left for PDC while the VM's port there was going: the relay saw them to R1, nothing after
        assertEquals("R1", drops.get(1).node());
        assertEquals(List.of("U", "R3", "C1", "R1"), path(hops(events, 73, PacketKind.PROBE)));
        assertEquals(carried("W1", 73, false).timeNs() - ORIGIN, drops.get(1).timeNs());
    }

    @Test
    void aProbeWhoseFateIsUnknownKeepsTheHopsItWasSeenOnAndNoDropIsClaimed() {
        // as if the run had ended before 79's echo reached the client: no later echo says it was lost
        List<TraceEvent> events = build(recorded.stream().filter(e -> !(e.is(AgentEvent.Kind.ECHO) && e.number("seq") == 79)).toList());
        assertTrue(events.stream().noneMatch(e -> e instanceof TraceEvent.Dropped d && d.sequence() == 79));
        assertTrue(events.stream().noneMatch(e -> e instanceof TraceEvent.Delivered d && d.sequence() == 79 && d.kind() == PacketKind.ECHO));
        assertEquals(List.of("vm1", "ADC", "R2", "C2", "R3"), path(hops(events, 79, PacketKind.ECHO)), "seen by the relay up to R3");
    }

    @Test
    void aProbeNeverEchoedWhileTheFlowWentOnForLongerThanTheRunWaitsIsLostWhereLastSeen() {
        // as with no scheme: nothing comes back after the move, the probes keep going to PDC
        long cut = agent("probe P1", "sent", 73).timeNs();
        List<AgentEvent> events = new ArrayList<>(recorded.stream().filter(e -> !(e.agent().equals("probe P1") && e.is(AgentEvent.Kind.ECHO)
                && e.timeNs() > cut) && !(e.agent().startsWith("echo ") && e.timeNs() > cut)).toList());
        long last = agent("probe P1", "sent", 79).timeNs();
        assertTrue(build(events).stream().noneMatch(e -> e instanceof TraceEvent.Dropped d && d.sequence() >= 77), "79 is within the wait, 77 and 78 too");
        // the flow went on sending for longer than the run waits for an echo
        events.add(AgentEvent.parse("probe P1", "{\"t\":" + (last + LivePacketTrace.ECHO_WAIT_NS) + ",\"event\":\"sent\",\"seq\":200}", 0));
        List<TraceEvent.Dropped> drops = build(events).stream().filter(e -> e instanceof TraceEvent.Dropped).map(e -> (TraceEvent.Dropped) e).toList();
        TraceEvent.Dropped at78 = drops.stream().filter(d -> d.sequence() == 78).findFirst().orElseThrow();
        assertEquals(List.of("U", "R3", "C2", "R2"), path(hops(build(events), 78, PacketKind.PROBE)));
        assertEquals("R2", at78.node(), "seen by the relay up to R2, not at the VM");
        assertEquals(PacketKind.PROBE, at78.kind());
    }

    @Test
    void withoutTheVmsReportTheTurnAtTheVmIsInterpolatedAndTheEchoStillComesBack() {
        // a QEMU guest answers probes by itself: no echo agent, so the VM is passed at a time not measured
        List<AgentEvent> withoutVm = recorded.stream().filter(e -> !e.agent().startsWith("echo ")).toList();
        List<TraceEvent> events = build(withoutVm);
        List<TraceEvent.PacketSent> probe = hops(events, 70, PacketKind.PROBE);
        List<TraceEvent.PacketSent> echo = hops(events, 70, PacketKind.ECHO);
        assertEquals(List.of("U", "R3", "C1", "R1", "PDC", "vm1"), path(probe));
        assertEquals(List.of("vm1", "PDC", "R1", "C1", "R3", "U"), path(echo));
        List<TraceEvent.PacketSent> round = new ArrayList<>(probe);
        round.addAll(echo);
        assertMonotonic(round);
        // from W1's release (probe) to W1's capture (echo): R1 -> PDC -> vm1 -> PDC -> R1, four equal shares
        long from = carried("W1", 70, false).timeNs() - ORIGIN;
        long to = carried("W1", 70, true).number("captured") - ORIGIN;
        assertEquals(from, probe.get(3).departNs());
        assertEquals(to, echo.get(1).arriveNs());
        assertTrue(Math.abs((probe.get(4).arriveNs() - from) - (to - from) / 2) <= 1, "the VM is passed half way");
        assertTrue(echo.get(1).source().equals("172.16.10.2") && echo.get(2).source().equals("172.15.10.2"), "R1 rewrites the echo's source");
    }
}
