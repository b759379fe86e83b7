package org.warplab.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.warplab.emulation.network.EmulationException;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.PacketKind;
import org.warplab.run.ProbeSeries;
import org.warplab.run.TraceEvent;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipe;

/**
 * What every emulated run owes its reader, over the drawn and edited labs the validator accepts:
 * causality in the trace (a hop arrives when its sending said, never before it was sent), every
 * probe accounted for (echoed, dropped with a reason, or still in flight at the end), figures that
 * agree with each other, and the caps on events and trace honoured with a "stopped at the cap" result.
 */
class EmulatorTracePropertiesTest {

    /** The recipes of drawn and edited labs the validator accepts (a failure names its recipe). */
    @Provide
    Arbitrary<Recipe> validLabs() {
        return ValidatedLabsRunPropertiesTest.recipeArbitrary()
                .filter(recipe -> !LabValidator.hasErrors(LabValidator.validate(ValidatedLabsRunPropertiesTest.build(recipe))));
    }

    /** One traced run per lab, read twice: for causality and for every probe's fate (each run of a long sample lab costs a second). */
    @Property(tries = 4, seed = "17")
    void theTraceIsCausalAndAccountsForEveryProbe(@ForAll("validLabs") Recipe recipe, @ForAll @IntRange(min = 1, max = 1000) int seed)
            throws EmulationException {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        Emulator.Outcome outcome = Emulator.run(lab, new Emulator.Options(seed, true, false));
        noEventComesBeforeItsCause(outcome);
        everyProbeIsEchoedDroppedWithAReasonOrStillUnderWayAtTheEnd(outcome, recipe.toString());
    }

    /**
     * The same labs with every WAN link slower or faster, jittery and lossy: a run is still a function
     * of its seed (jitter and loss drawn from the seeded stream alone), causal, and accounts for every probe.
     */
    @Property(tries = 3, seed = "1707")
    void withRandomDelaysJitterAndLossARunIsAFunctionOfItsSeed(@ForAll("validLabs") Recipe recipe,
                                                               @ForAll @IntRange(min = 10, max = 400) int delayPercent,
                                                               @ForAll @IntRange(min = 0, max = 100) int jitterPercent,
                                                               @ForAll @IntRange(min = 0, max = 30) int lossPercent, @ForAll long seed)
            throws EmulationException {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        for (org.warplab.model.Link link : lab.links()) {
            if (link.kind() == org.warplab.model.LinkKind.WAN) {
                long delay = Math.max(1, link.delayNs() * delayPercent / 100);
                lab = lab.replacingLink(link.withDelayNs(delay).withJitterNs(delay * jitterPercent / 100).withLossPercent(lossPercent));
            }
        }
        Emulator.Outcome first = Emulator.run(lab, new Emulator.Options(seed, true, false));
        Emulator.Outcome again = Emulator.run(lab, new Emulator.Options(seed, true, false));
        assertEquals(first.result(), again.result(), "the same figures for the same seed");
        assertEquals(first.trace().events(), again.trace().events(), "the same trace for the same seed");
        noEventComesBeforeItsCause(first);
        everyProbeIsEchoedDroppedWithAReasonOrStillUnderWayAtTheEnd(first, recipe + " with WAN delays " + delayPercent + "%, jitter "
                + jitterPercent + "%, loss " + lossPercent + "%");
        if (lossPercent >= 5 && first.packetHops() > 1000) {
            assertTrue(first.trace().ofType(TraceEvent.Dropped.class).stream().anyMatch(d -> d.reason().startsWith("lost on ")),
                    "a WAN losing " + lossPercent + "% loses something over " + first.packetHops() + " hops");
        }
    }

    private static void noEventComesBeforeItsCause(Emulator.Outcome outcome) {
        // per packet and link, the arrival times its sendings promised, in order
        Map<String, java.util.ArrayDeque<Long>> promised = new HashMap<>();
        Set<Long> sentPackets = new HashSet<>();
        long hops = 0;
        for (TraceEvent e : outcome.trace().events()) {
            if (e instanceof TraceEvent.PacketSent sent) {
                assertTrue(sent.timeNs() <= sent.departNs() && sent.departNs() <= sent.arriveNs(), "queued ≤ departs ≤ arrives: " + sent);
                promised.computeIfAbsent(sent.packetId() + " " + sent.link(), k -> new java.util.ArrayDeque<>()).add(sent.arriveNs());
                sentPackets.add(sent.packetId());
            } else if (e instanceof TraceEvent.HopArrived hop) {
                java.util.ArrayDeque<Long> due = promised.get(hop.packetId() + " " + hop.link());
                assertTrue(due != null && !due.isEmpty(), "packet " + hop.packetId() + " arrived over " + hop.link() + " without being sent on it");
                assertEquals(due.poll().longValue(), hop.timeNs(), "packet " + hop.packetId() + " arrives when its sending said");
                hops++;
            } else if (e instanceof TraceEvent.Delivered delivered) {
                assertTrue(sentPackets.contains(delivered.packetId()), "packet " + delivered.packetId() + " delivered before it was sent");
                assertTrue(delivered.latencyNs() >= 0 && delivered.latencyNs() <= delivered.timeNs(), "latency within the run: " + delivered);
            } else if (e instanceof TraceEvent.Dropped dropped && dropped.link() != null && dropped.reason().startsWith("lost on")) {
                java.util.ArrayDeque<Long> due = promised.get(dropped.packetId() + " " + dropped.link());
                assertTrue(due != null && !due.isEmpty(), "packet " + dropped.packetId() + " lost on " + dropped.link() + " it was not sent on");
                assertEquals(due.poll().longValue(), dropped.timeNs(), "a link loses a frame when it would have arrived");
            }
        }
        assertEquals(outcome.packetHops(), hops, "the hop count is the trace's arrivals");
        // what is still promised was in flight when the run ended
        promised.values().forEach(due -> due.forEach(t -> assertTrue(t > outcome.result().endNs(),
                "a frame due at " + t + " ns neither arrived nor was lost by the end (" + outcome.result().endNs() + " ns)")));
    }

    private static void everyProbeIsEchoedDroppedWithAReasonOrStillUnderWayAtTheEnd(Emulator.Outcome outcome, String lab) {
        long end = outcome.result().endNs();
        // where each probe (or its echo) was last seen, and when each node last asked for a neighbour's MAC
        Map<Long, String> probeOfPacket = new HashMap<>();
        Map<String, TraceEvent> lastSeen = new HashMap<>();
        Map<String, Long> lastAsked = new HashMap<>();
        for (TraceEvent e : outcome.trace().events()) {
            if (e instanceof TraceEvent.PacketSent sent) {
                if (sent.flow() != null) {
                    probeOfPacket.put(sent.packetId(), sent.flow() + "#" + sent.sequence());
                    lastSeen.put(sent.flow() + "#" + sent.sequence(), sent);
                }
                if (sent.kind() == PacketKind.ARP_REQUEST || sent.kind() == PacketKind.NEIGHBOR_SOLICITATION) {
                    lastAsked.put(sent.fromNode(), sent.timeNs());
                }
            } else if (e instanceof TraceEvent.HopArrived hop && probeOfPacket.containsKey(hop.packetId())) {
                lastSeen.put(probeOfPacket.get(hop.packetId()), hop);
            }
        }
        ProbeSeries series = ProbeSeries.of(outcome.trace());
        long echoed = 0;
        for (ProbeSeries.Probe probe : series.probes()) {
            switch (probe.status()) {
                case ECHOED -> {
                    echoed++;
                    assertTrue(probe.roundTripNs() >= 0 && probe.echoedNs() == probe.sentNs() + probe.roundTripNs(), probe.toString());
                }
                case LOST -> assertFalse(probe.reason().isBlank() || probe.where().isBlank(), "a drop says where and why: " + probe);
                case UNANSWERED -> {
                    TraceEvent last = lastSeen.get(probe.flow() + "#" + probe.sequence());
                    boolean onALink = last instanceof TraceEvent.PacketSent sent && sent.arriveNs() > end;
                    // held while its next hop's MAC is asked for: the node asked within a retry of the packet's arrival, or later
                    boolean resolving = last instanceof TraceEvent.HopArrived hop
                            && lastAsked.getOrDefault(hop.node(), -1L) >= hop.timeNs() - org.warplab.emulation.network.Ipv6.RETRANS_TIMER_NS;
                    assertTrue(probe.sentNs() >= end - MetricsBuilder.IN_FLIGHT_NS || onALink || resolving, "probe " + probe.flow() + "#"
                            + probe.sequence() + " sent at " + probe.sentNs() + " ns vanished without a drop after " + last + " (run ended at "
                            + end + " ns) in " + lab);
                }
                default -> throw new AssertionError(probe.status());
            }
        }
        long probeEchoes = outcome.trace().ofType(TraceEvent.Delivered.class).stream()
                .filter(d -> d.kind() == PacketKind.ECHO || d.kind() == PacketKind.PONG).count();
        assertEquals(probeEchoes, echoed, "one echo per echoed probe");
        assertEquals(outcome.echoesDelivered(), echoed, "the outcome counts the same echoes");
    }

    @Property(tries = 25, seed = "171717")
    void theFiguresAgreeWithEachOther(@ForAll("validLabs") Recipe recipe) throws EmulationException {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        Emulator.Outcome outcome = Emulator.run(lab, Emulator.Options.metrics(5));
        for (MigrationMetrics m : outcome.result().migrations()) {
            String who = m.migration() + " in " + recipe;
            assertEquals(m.flows().stream().mapToLong(FlowMetrics::probesSent).sum(), m.probesSent(), who);
            assertEquals(m.flows().stream().mapToLong(FlowMetrics::probesLost).sum(), m.probesLost(), who);
            assertTrue(m.probesLost() <= m.probesSent(), who);
            assertEquals(m.completion().finished(), m.migrationTimeNs() >= 0, who);
            if (m.completion().finished()) {
                // the downtime lasts until the first probe reaches the VM again: at least from its stop to its resume
                long stopped = m.phases().stream().filter(p -> p.name().equals("stop-and-copy") || p.name().equals("save"))
                        .mapToLong(org.warplab.run.Phase::startNs).min().orElse(Long.MAX_VALUE);
                long resumed = m.phases().stream().filter(p -> p.name().equals("resume")).mapToLong(org.warplab.run.Phase::endNs).max().orElse(-1);
                assertTrue(m.downtimeNs() < 0 || resumed < stopped || m.downtimeNs() >= resumed - stopped,
                        "downtime " + m.downtimeNs() + " shorter than the stop " + stopped + " → resume " + resumed + ": " + who);
                assertTrue(m.completion().preCopyRounds() <= Math.max(1, m.completion().maxRounds()) || m.completion().maxRounds() == 0, who);
            }
            for (org.warplab.run.Phase phase : m.phases()) {
                assertTrue(phase.startNs() >= 0 && phase.endNs() >= phase.startNs() && phase.endNs() <= outcome.result().endNs(),
                        "phase " + phase + " within the run: " + who);
            }
            if (m.gapMeasured() && m.flows().stream().allMatch(f -> f.probesLost() > 0)) {
                // every flow lost probes to the stop: the VM answered nothing while stopped, so the client waited at least that long
                assertTrue(m.clientGapNs() >= m.downtimeNs() - m.latencyBeforeNs(), "gap " + m.clientGapNs() + " vs downtime " + m.downtimeNs()
                        + ": " + who);
            }
        }
    }

    @Property(tries = 15, seed = "17171717")
    void theEventCapStopsTheRunAndSaysSo(@ForAll("validLabs") Recipe recipe, @ForAll @IntRange(min = 1, max = 90) int percent) throws EmulationException {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        if (lab.migrations().isEmpty()) {
            return;
        }
        Emulator.Outcome whole = Emulator.run(lab, Emulator.Options.metrics(2));
        long cap = Math.max(1, whole.events() * percent / 100);
        Emulator.Outcome capped = Emulator.run(lab, Emulator.Options.metrics(2).withMaxEvents(cap));
        assertEquals(cap, capped.events(), "the run stops at the cap, not before or after");
        assertTrue(capped.stoppedAtCap());
        assertTrue(capped.result().notes().stream().anyMatch(n -> n.startsWith("stopped at the cap: " + String.format(java.util.Locale.ROOT, "%,d",
                cap) + " events")), capped.result().notes().toString());
        assertTrue(capped.result().endNs() <= whole.result().endNs(), "a capped run covers no more virtual time");
        assertFalse(whole.stoppedAtCap());
    }

    @Property(tries = 15, seed = "1700")
    void aCappedTraceKeepsItsFirstEventsAndEveryFigure(@ForAll("validLabs") Recipe recipe, @ForAll @IntRange(min = 1, max = 500) int max)
            throws EmulationException {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        Emulator.Outcome whole = Emulator.run(lab, new Emulator.Options(4, true, false));
        Emulator.Outcome capped = Emulator.run(lab, new Emulator.Options(4, true, false).withMaxTraceEvents(max));
        List<TraceEvent> all = whole.trace().events();
        List<TraceEvent> kept = capped.trace().events();
        assertEquals(Math.min(max, all.size()), kept.size(), "the trace keeps up to its cap");
        assertEquals(all.subList(0, kept.size()), kept, "the kept events are the first ones");
        assertEquals(whole.result().migrations(), capped.result().migrations(), "the figures cover the whole run");
        boolean truncated = all.size() > max;
        assertEquals(truncated, capped.result().notes().stream().anyMatch(n -> n.startsWith("trace truncated at ")), "a note when truncated");
    }
}
