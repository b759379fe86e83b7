package org.warplab.emulation.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A link's jitter is netem's default: delay ± jitter, uniform; frames keep their order. */
class NetemJitterTest {

    private static List<Long> oneWayDelays(long delayNs, long jitterNs, long spacingNs, int frames) {
        Simulator sim = new Simulator(7);
        NetworkContext net = new NetworkContext(sim, false, false);
        Channel channel = new Channel(net, "W", "a", "b", delayNs, jitterNs, 0, 0, 1500);
        List<Long> sentAt = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        channel.receiver = (frame, port) -> delays.add(net.now() - sentAt.get((int) frame.sequence));
        for (int i = 0; i < frames; i++) {
            long at = i * spacingNs;
            int seq = i;
            sim.scheduleAt(at, (code, payload) -> {
                Frame frame = new Frame();
                frame.sequence = seq;
                sentAt.add(net.now());
                channel.send(frame);
            }, 0, null);
        }
        sim.runUntil(frames * spacingNs + 2 * delayNs + 1);
        return delays;
    }

    @Test
    void delaysSpreadEvenlyAroundTheDelayNotAboveIt() {
        long delay = 10_000_000L;
        long jitter = 3_000_000L;
        List<Long> delays = oneWayDelays(delay, jitter, 100_000_000L, 4000);
        assertEquals(4000, delays.size());
        long min = delays.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = delays.stream().mapToLong(Long::longValue).max().orElseThrow();
        double mean = delays.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertTrue(min >= delay - jitter && max <= delay + jitter, min + " .. " + max);
        assertTrue(min < delay - 0.95 * jitter && max > delay + 0.95 * jitter, "both ends are reached: " + min + " .. " + max);
        assertEquals(delay, mean, 0.05 * jitter, "centred on the delay (the old model's mean was delay + jitter / 2)");
        long below = delays.stream().filter(d -> d < delay).count();
        assertEquals(0.5, below / 4000.0, 0.03, "half below the delay, half above");
        // uniform: each third of [delay − jitter, delay + jitter] holds a third of the frames
        for (int third = 0; third < 3; third++) {
            long lo = delay - jitter + third * 2 * jitter / 3;
            long hi = lo + 2 * jitter / 3;
            long inside = delays.stream().filter(d -> d >= lo && d < hi).count();
            assertEquals(1 / 3.0, inside / 4000.0, 0.03, "third " + third);
        }
    }

    @Test
    void framesCloserThanTheJitterKeepTheirOrder() {
        Simulator sim = new Simulator(3);
        NetworkContext net = new NetworkContext(sim, false, false);
        Channel channel = new Channel(net, "W", "a", "b", 10_000_000L, 5_000_000L, 0, 0, 1500);
        List<Long> order = new ArrayList<>();
        channel.receiver = (frame, port) -> order.add(frame.sequence);
        for (int i = 0; i < 500; i++) {
            int seq = i;
            sim.scheduleAt(i * 1_000_000L, (code, payload) -> {
                Frame frame = new Frame();
                frame.sequence = seq;
                channel.send(frame);
            }, 0, null);
        }
        sim.runUntil(1_000_000_000L);
        for (int i = 1; i < order.size(); i++) {
            assertTrue(order.get(i) > order.get(i - 1), "frame " + order.get(i) + " overtook " + order.get(i - 1));
        }
    }
}
