package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The trace as stored and as read back: any event of any kind, with any numbers (the extremes
 * included) and any names (null, empty, non-ASCII), comes back equal from the compact columns; the
 * cap keeps the first events and says where it stopped; and the probe series read off a trace
 * gives each probe exactly one fate, with a CSV a spreadsheet reads back.
 */
class TraceRecordsPropertiesTest {

    private static final List<String> NAMES = java.util.Arrays.asList(null, "", "R1", "vm1", "DC-A", "Ünïcödé → ß", "a,b \"quoted\"", "PDC");

    @Provide
    Arbitrary<TraceEvent> events() {
        Arbitrary<Long> n = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-3, 300), Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE));
        Arbitrary<String> s = Arbitraries.of(NAMES);
        Arbitrary<PacketKind> k = Arbitraries.of(PacketKind.class).injectNull(0.1);
        Arbitrary<Long> t = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Arbitraries.oneOf(
                Combinators.combine(t, n, k, s, n, s, s, n).as((time, id, kind, name, seq, node, link, dt) -> new TraceEvent.PacketSent(time, id,
                        kind, name, seq, node, link, name, time + dt, time + 2 * dt, node, link, (int) (long) seq)),
                Combinators.combine(t, n, s, s, s).as(TraceEvent.HopArrived::new),
                Combinators.combine(t, n, s, s, s, s).as(TraceEvent.Translated::new),
                Combinators.combine(t, n, k, s, n, s, s, s).as(TraceEvent.Dropped::new),
                Combinators.combine(t, n, k, s, n, s, n).as(TraceEvent.Delivered::new),
                Combinators.combine(t, s, s).as(TraceEvent.VmPaused::new),
                Combinators.combine(t, s, s).as(TraceEvent.VmResumed::new),
                Combinators.combine(t, s, s, s).as(TraceEvent.VmMoved::new),
                Combinators.combine(t, s, s, k).as(TraceEvent.AnnouncementSeen::new),
                Combinators.combine(t, s, s, s).as(TraceEvent.RuleSwitched::new),
                Combinators.combine(t, s, s, s).as(TraceEvent.FdbUpdated::new),
                Combinators.combine(t, s, s, s).as(TraceEvent.ArpUpdated::new),
                Combinators.combine(t, s, s, s, s).as(TraceEvent.RouteChanged::new),
                Combinators.combine(t, s, Arbitraries.integers(), n, n, Arbitraries.of(true, false)).as(TraceEvent.MigrationRound::new),
                Combinators.combine(t, n, s, s, s, s).as(TraceEvent.Encapsulated::new),
                Combinators.combine(t, n, s, s).as(TraceEvent.Decapsulated::new));
    }

    private static List<TraceEvent> inTimeOrder(List<TraceEvent> events) {
        List<TraceEvent> sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparingLong(TraceEvent::timeNs));
        return sorted;
    }

    @Property(tries = 300)
    void everyEventComesBackEqualFromTheColumns(@ForAll("eventLists") List<TraceEvent> events, @ForAll @IntRange(min = 0, max = 40) int cap) {
        List<TraceEvent> ordered = inTimeOrder(events);
        CompactTraceEvents compact = new CompactTraceEvents(cap);
        ordered.forEach(compact::append);
        int kept = Math.min(cap, ordered.size());
        assertEquals(ordered.subList(0, kept), compact, "the first events, equal field by field");
        assertEquals(kept < ordered.size() ? ordered.get(kept).timeNs() : -1, compact.truncatedAtNs(), "where the cap stopped the trace");
        for (int i = 0; i < kept; i++) {
            assertEquals(ordered.get(i).timeNs(), compact.timeNs(i));
        }
        Trace trace = new Trace(compact);
        assertEquals(compact.truncatedAtNs(), trace.truncatedAtNs());
        assertEquals(ordered.subList(0, kept).stream().filter(TraceEvent.Dropped.class::isInstance).count(), trace.ofType(TraceEvent.Dropped.class).size());
    }

    @Provide
    Arbitrary<List<TraceEvent>> eventLists() {
        return events().list().ofMaxSize(40);
    }

    @Property(tries = 100)
    void aTraceRefusesEventsOutOfTimeOrder(@ForAll("eventLists") List<TraceEvent> events) {
        List<TraceEvent> ordered = inTimeOrder(events);
        boolean outOfOrder = false;
        List<TraceEvent> reversed = new ArrayList<>(ordered);
        java.util.Collections.reverse(reversed);
        for (int i = 1; i < reversed.size(); i++) {
            outOfOrder |= reversed.get(i).timeNs() < reversed.get(i - 1).timeNs();
        }
        if (outOfOrder) {
            assertThrows(IllegalArgumentException.class, () -> new Trace(reversed));
            CompactTraceEvents compact = new CompactTraceEvents(100);
            assertThrows(IllegalArgumentException.class, () -> reversed.forEach(compact::append));
        } else {
            assertEquals(reversed, new Trace(reversed).events());
        }
    }

    /** One probe's fate in a synthetic trace: 0 echoed, 1 probe dropped, 2 echo dropped, 3 nothing (still under way). */
    @Property(tries = 200)
    void eachProbeHasExactlyOneFateAndTheCsvSaysIt(@ForAll("fates") List<Integer> fates) {
        List<TraceEvent> events = new ArrayList<>();
        long t = 0;
        for (int seq = 0; seq < fates.size(); t += 20_000_000, seq++) {
            String flow = seq % 2 == 0 ? "P1" : "P2";
            // the client sends at t; the first frame leaves 1 ms later (after ARP), so the send time is the echo's, not the frame's
            events.add(new TraceEvent.PacketSent(t + 1_000_000, seq, PacketKind.PROBE, flow, seq, "U", "L1", "R1", t + 1_000_000, t + 2_000_000,
                    "10.0.0.1", "10.0.0.2", 100));
            switch (fates.get(seq)) {
                case 0 -> events.add(new TraceEvent.Delivered(t + 9_000_000, 1000 + seq, PacketKind.ECHO, flow, seq, "U", 9_000_000));
                case 1 -> events.add(new TraceEvent.Dropped(t + 2_000_000, seq, PacketKind.PROBE, flow, seq, "R1", null, "no route, \"really\""));
                case 2 -> events.add(new TraceEvent.Dropped(t + 5_000_000, 1000 + seq, PacketKind.ECHO, flow, seq, "R1", "W1", "lost on W1"));
                default -> { }
            }
        }
        ProbeSeries series = ProbeSeries.of(new Trace(events));
        assertEquals(fates.size(), series.probes().size(), "one row per probe");
        List<String> lines = series.toCsv().lines().toList();
        for (ProbeSeries.Probe probe : series.probes()) {
            int fate = fates.get((int) probe.sequence());
            ProbeSeries.Status expected = fate == 0 ? ProbeSeries.Status.ECHOED : fate == 3 ? ProbeSeries.Status.UNANSWERED : ProbeSeries.Status.LOST;
            assertEquals(expected, probe.status(), "probe " + probe.sequence());
            assertEquals(probe.flow(), probe.sequence() % 2 == 0 ? "P1" : "P2");
            long clientSent = probe.sequence() * 20_000_000;
            if (fate == 0) {
                assertEquals(clientSent, probe.sentNs(), "sent when the client sent it");
                assertEquals(probe.sentNs() + probe.roundTripNs(), probe.echoedNs());
            }
            assertEquals(fate == 1 ? "R1" : fate == 2 ? "W1" : "", probe.where());
        }
        assertEquals(series.probes().size() + 1, lines.size());
        for (int i = 1; i < lines.size(); i++) {
            ProbeSeries.Probe probe = series.probes().get(i - 1);
            // eight columns: the reason is quoted, its quotes doubled, so its comma splits nothing
            String line = lines.get(i);
            String unquotedReason = line.substring(line.indexOf('"') + 1, line.length() - 1).replace("\"\"", "\"");
            assertEquals(probe.reason(), unquotedReason);
            assertEquals(7, line.substring(0, line.indexOf('"')).chars().filter(c -> c == ',').count(), line);
        }
        assertEquals(series.probes().stream().map(ProbeSeries.Probe::flow).distinct().toList(), series.flows());
        // 20 ms apart, so in the order they were sent whatever their fate
        assertEquals(java.util.stream.LongStream.range(0, fates.size()).boxed().toList(), series.probes().stream().map(ProbeSeries.Probe::sequence).toList());
    }

    @Provide
    Arbitrary<List<Integer>> fates() {
        return Arbitraries.integers().between(0, 3).list().ofMaxSize(30);
    }

    @Test
    void aSeriesOfNoTraceIsEmpty() {
        assertEquals(List.of(), ProbeSeries.of(Trace.empty()).probes());
        assertEquals("flow,sequence,sent_ms,round_trip_ms,echoed_ms,status,lost_at,reason\n", ProbeSeries.of(Trace.empty()).toCsv());
    }
}
