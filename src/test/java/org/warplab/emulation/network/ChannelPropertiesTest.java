package org.warplab.emulation.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/**
 * One direction of a link, alone in a simulator: frames sent at random instants with random sizes
 * over random delays, jitter, bandwidths and losses. Checked against the link's arithmetic: FIFO
 * serialization (rounded up), the delay within ± jitter, no frame overtaking an earlier one, every
 * frame either arriving once or dropped once with a reason, and the trace's times matching what happened.
 */
class ChannelPropertiesTest {

    /** A link's settings: delay, jitter (≤ delay, as the validator keeps it), bandwidth (0: unlimited), loss percent, MTU. */
    record LinkSettings(long delayNs, long jitterNs, long bandwidthBps, double lossPercent, int mtu) { }

    /** One frame to send: after {@code gapNs} from the previous send, with {@code ipBytes} of IP packet. */
    record Send(long gapNs, int ipBytes) { }

    @Provide
    Arbitrary<LinkSettings> links() {
        Arbitrary<Long> delay = Arbitraries.longs().between(0, 50_000_000);
        Arbitrary<Long> bandwidth = Arbitraries.of(0L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L);
        Arbitrary<Double> loss = Arbitraries.of(0.0, 0.0, 1.0, 30.0, 100.0);
        Arbitrary<Integer> mtu = Arbitraries.of(1500, 1450, 9000);
        return Combinators.combine(delay, Arbitraries.integers().between(0, 100), bandwidth, loss, mtu)
                .as((d, jitterPercent, bw, l, m) -> new LinkSettings(d, d * jitterPercent / 100, bw, l, m));
    }

    @Provide
    Arbitrary<List<Send>> sends() {
        return Combinators.combine(Arbitraries.longs().between(0, 2_000_000), Arbitraries.integers().between(28, 9100))
                .as(Send::new).list().ofMinSize(1).ofMaxSize(60);
    }

    /** What happened to each frame: its arrival time, or its drop reason. */
    private record Run(long[] sentNs, long[] departNs, long[] arrivedNs, String[] dropped, List<TraceEvent> trace) { }

    private static Run run(LinkSettings settings, List<Send> sends, long seed) {
        Simulator sim = new Simulator(seed);
        NetworkContext net = new NetworkContext(sim, true, false);
        Channel channel = new Channel(net, "L1", "A", "B", settings.delayNs(), settings.jitterNs(), settings.bandwidthBps(),
                settings.lossPercent(), settings.mtu());
        int n = sends.size();
        Run run = new Run(new long[n], new long[n], new long[n], new String[n], null);
        java.util.Arrays.fill(run.arrivedNs(), -1);
        channel.receiver = (frame, port) -> {
            assertEquals(-1, run.arrivedNs()[(int) frame.id - 1], "frame " + frame.id + " arrives once");
            run.arrivedNs()[(int) frame.id - 1] = sim.now();
        };
        net.dropListener = (frame, reason) -> {
            assertEquals(null, run.dropped()[(int) frame.id - 1], "frame " + frame.id + " is dropped once");
            run.dropped()[(int) frame.id - 1] = reason;
        };
        long at = 0;
        for (int i = 0; i < n; i++) {
            at += sends.get(i).gapNs();
            Frame frame = probe(i + 1, sends.get(i).ipBytes());
            run.sentNs()[i] = at;
            sim.scheduleAt(at, (code, payload) -> channel.send((Frame) payload), 0, frame);
        }
        sim.runAll();
        List<TraceEvent> trace = new ArrayList<>(net.tracer.events());
        for (TraceEvent e : trace) {
            if (e instanceof TraceEvent.PacketSent sent) {
                run.departNs()[(int) sent.packetId() - 1] = sent.departNs();
            }
        }
        return new Run(run.sentNs(), run.departNs(), run.arrivedNs(), run.dropped(), trace);
    }

    private static Frame probe(long id, int ipBytes) {
        Frame frame = new Frame();
        frame.id = id;
        frame.kind = PacketKind.PROBE;
        frame.etherType = Frame.ETHERTYPE_IPV4;
        frame.protocol = Frame.PROTOCOL_UDP;
        frame.ipBytes = ipBytes;
        return frame;
    }

    @Property(tries = 100)
    void everyFrameArrivesOnceInOrderWithinItsDelayOrIsDroppedWithAReason(@ForAll("links") LinkSettings settings,
                                                                         @ForAll("sends") List<Send> sends, @ForAll long seed) {
        Run run = run(settings, sends, seed);
        Channel arithmetic = new Channel(null, "L1", "A", "B", 0, 0, settings.bandwidthBps(), 0, settings.mtu());
        long lastArrival = -1;
        long busyUntil = 0;
        for (int i = 0; i < sends.size(); i++) {
            boolean arrived = run.arrivedNs()[i] >= 0;
            String reason = run.dropped()[i];
            assertTrue(arrived != (reason != null), "frame " + (i + 1) + " arrived xor dropped (" + reason + ")");
            int ipBytes = sends.get(i).ipBytes();
            if (ipBytes > settings.mtu()) {
                assertEquals("packet of " + ipBytes + " bytes exceeds the MTU " + settings.mtu() + " of L1", reason);
                continue;
            }
            if (reason != null && reason.startsWith("transmit queue")) {
                assertTrue(busyUntil > run.sentNs()[i], "a full queue has a backlog");
                continue;
            }
            long depart = Math.max(run.sentNs()[i], busyUntil);
            assertEquals(depart, run.departNs()[i], "frame " + (i + 1) + " leaves when the ones before it have");
            busyUntil = depart + arithmetic.serializationNs(probe(0, ipBytes).wireBytes());
            if (reason != null) {
                assertTrue(settings.lossPercent() > 0 && reason.startsWith("lost on L1"), reason);
                continue;
            }
            long arrivedAt = run.arrivedNs()[i];
            assertTrue(arrivedAt >= busyUntil + settings.delayNs() - settings.jitterNs() || arrivedAt == lastArrival,
                    "frame " + (i + 1) + " arrives no earlier than its delay minus the jitter, or with the frame before it");
            assertTrue(arrivedAt <= Math.max(lastArrival, busyUntil + settings.delayNs() + settings.jitterNs()), "no later than delay plus jitter");
            assertTrue(arrivedAt >= lastArrival, "no frame overtakes an earlier one");
            lastArrival = arrivedAt;
        }
        if (settings.lossPercent() == 100.0) {
            assertTrue(java.util.Arrays.stream(run.arrivedNs()).allMatch(t -> t < 0), "a link losing everything delivers nothing");
        }
    }

    @Property(tries = 60)
    void theTraceTellsWhatHappenedInTimeOrder(@ForAll("links") LinkSettings settings, @ForAll("sends") List<Send> sends, @ForAll long seed) {
        Run run = run(settings, sends, seed);
        long previous = Long.MIN_VALUE;
        for (TraceEvent e : run.trace()) {
            assertTrue(e.timeNs() >= previous, "trace in time order");
            previous = e.timeNs();
            if (e instanceof TraceEvent.PacketSent sent) {
                int i = (int) sent.packetId() - 1;
                assertEquals(run.sentNs()[i], sent.timeNs());
                assertTrue(sent.departNs() >= sent.timeNs() && sent.arriveNs() >= sent.departNs(), "queued ≤ departs ≤ arrives");
                assertEquals("L1", sent.link());
            } else if (e instanceof TraceEvent.HopArrived hop) {
                assertEquals(run.arrivedNs()[(int) hop.packetId() - 1], hop.timeNs());
            } else if (e instanceof TraceEvent.Dropped drop) {
                assertEquals(run.dropped()[(int) drop.packetId() - 1], drop.reason());
            }
        }
        long hops = run.trace().stream().filter(TraceEvent.HopArrived.class::isInstance).count();
        assertEquals(java.util.Arrays.stream(run.arrivedNs()).filter(t -> t >= 0).count(), hops, "one hop event per arrival");
    }

    @Property(tries = 200)
    void serializationIsTheBitsOverTheRateRoundedUp(@ForAll @LongRange(min = 1, max = 100_000_000_000L) long bandwidthBps,
                                                    @ForAll @IntRange(min = 1, max = 10_000_000) int bytes) {
        Channel channel = new Channel(null, "L", "A", "B", 0, 0, bandwidthBps, 0, 1500);
        long ns = channel.serializationNs(bytes);
        long bitNs = bytes * 8L * 1_000_000_000L;
        assertTrue(ns * bandwidthBps >= bitNs && (ns - 1) * bandwidthBps < bitNs, bytes + " B at " + bandwidthBps + " b/s: " + ns + " ns");
    }

    @Test
    void aBurstOnASlowLinkFillsTheQueueAndDropsTheTailOnly() {
        // 1 Mb/s: a 1538-byte wire frame takes 12.3 ms, so 1100 frames at once overflow the 1000-frame queue
        List<Send> burst = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            burst.add(new Send(0, 1500));
        }
        Run run = run(new LinkSettings(1_000_000, 0, 1_000_000, 0, 1500), burst, 1);
        long accepted = java.util.Arrays.stream(run.dropped()).filter(r -> r == null).count();
        assertEquals(1000, accepted, "the queue holds 1000 full frames");
        for (int i = 0; i < 1100; i++) {
            assertEquals(i >= 1000 ? "transmit queue of L1 full" : null, run.dropped()[i], "frame " + (i + 1));
        }
        assertEquals(1_000_000 + 1000 * 12_304_000L, run.arrivedNs()[999], "the last accepted frame waits for 999 before it");
    }

    @Property(tries = 30)
    void theSameSeedDrawsTheSameJitterAndLosses(@ForAll("links") LinkSettings settings, @ForAll("sends") List<Send> sends,
                                                @ForAll long seed) {
        Run a = run(settings, sends, seed);
        Run b = run(settings, sends, seed);
        assertEquals(java.util.Arrays.toString(a.arrivedNs()), java.util.Arrays.toString(b.arrivedNs()));
        assertEquals(java.util.Arrays.toString(a.dropped()), java.util.Arrays.toString(b.dropped()));
    }
}
