package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.warplab.emulation.Emulator;
import org.warplab.run.Trace;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Samples;

/** The index finds exactly the packets a scan of the whole trace finds, at any instant. */
class TraceIndexTest {

    @Test
    void packetsInFlightMatchAFullScan() throws Exception {
        for (String sample : List.of("paging-paper", "mipv6-paper")) {
            Trace trace = Emulator.run(Samples.lab(sample), Emulator.Options.defaults(1)).trace();
            TraceIndex index = new TraceIndex(trace);
            List<TraceEvent.PacketSent> sent = trace.ofType(TraceEvent.PacketSent.class);
            Random random = new Random(7);
            for (int i = 0; i < 300; i++) {
                long t = i < 100 ? sent.get(random.nextInt(sent.size())).departNs() + random.nextInt(3_000_000) : (long) (random.nextDouble() * index.endNs());
                List<Long> expected = new ArrayList<>();
                for (TraceEvent.PacketSent p : sent) {
                    if (p.departNs() <= t && p.arriveNs() > t) {
                        expected.add(p.packetId() * 1_000_003L + p.departNs());
                    }
                }
                List<Long> found = new ArrayList<>();
                index.inFlight(t, (p, progress) -> found.add(p.packetId() * 1_000_003L + p.departNs()));
                expected.sort(null);
                found.sort(null);
                assertEquals(expected, found, sample + " at " + t);
            }
        }
    }

    @Test
    void nextEventAndVmStates() throws Exception {
        Trace trace = Emulator.run(Samples.lab("paging-paper"), Emulator.Options.defaults(1)).trace();
        TraceIndex index = new TraceIndex(trace);
        TraceEvent.VmMoved moved = trace.ofType(TraceEvent.VmMoved.class).get(0);
        assertEquals("PDC", index.vmStates(moved.timeNs() - 1).get("vm1").dataCenter());
        assertEquals("ADC", index.vmStates(moved.timeNs()).get("vm1").dataCenter());
        long t = trace.events().get(10).timeNs();
        long next = index.nextEventAfter(t);
        assertEquals(trace.events().stream().mapToLong(TraceEvent::timeNs).filter(x -> x > t).min().orElseThrow(), next);
    }

    @Test
    void nextStepTakesABurstOfOneKindAsOneStep() throws Exception {
        Trace trace = Emulator.run(Samples.lab("paging-paper"), Emulator.Options.defaults(1)).trace();
        TraceIndex index = new TraceIndex(trace);
        long paused = trace.ofType(TraceEvent.VmPaused.class).get(0).timeNs();
        int events = 0;
        int steps = 0;
        for (long t = 0; t < paused; t = index.nextEventAfter(t)) {
            events++;
        }
        for (long t = 0; t < paused; t = index.nextStepAfter(t)) {
            steps++;
            long next = index.nextStepAfter(t);
            long first = index.nextEventAfter(t);
            // every event skipped on the way is of the burst the step started in (the migration stream or probe traffic)
            List<TraceEvent> skipped = trace.events().stream().filter(e -> e.timeNs() > first && e.timeNs() < next).toList();
            for (TraceEvent e : skipped) {
                assertTrue(TraceText.isPacketStep(e), "only packet steps are skipped, not " + e);
            }
        }
        // the stop-and-copy is reached, not stepped over
        assertTrue(java.util.stream.LongStream.iterate(0, t -> t < paused, index::nextStepAfter).noneMatch(t -> t > paused));
        assertTrue(steps * 4 < events, steps + " steps against " + events + " events before the pause");
        assertTrue(steps >= 3, "the bursts are steps: " + steps);
    }
}
