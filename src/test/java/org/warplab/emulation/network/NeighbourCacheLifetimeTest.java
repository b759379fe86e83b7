package org.warplab.emulation.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.warplab.run.PacketKind;

/**
 * The neighbour cache as IPv6 neighbour discovery uses it (a fixed lifetime, no unreachability
 * detection), and the reachable time ARP draws with it: a learned entry serves exactly until its
 * lifetime ends, then the next frame waits and asks again; the drawn time lies in [½, 1½) of the base.
 */
class NeighbourCacheLifetimeTest {

    @Property(tries = 100)
    void anEntryServesUntilItsLifetimeEndsThenTheNextFrameAsksAgain(@ForAll @LongRange(min = 1, max = 60_000_000_000L) long lifetimeNs,
                                                                   @ForAll @LongRange(min = 0, max = 120_000_000_000L) long sendAtNs) {
        Simulator sim = new Simulator(1);
        NetworkContext net = new NetworkContext(sim, false, false);
        NeighbourCache<Integer> cache = new NeighbourCache<>(net, "H", lifetimeNs, 3, 3, Ipv4::text,
                new NeighbourCache.Words("neighbour discovery", "an advertisement", "neighbour advertisement", "solicitations"));
        List<Long> sentTo = new ArrayList<>();
        FrameSink out = new FrameSink() {
            @Override public void send(Frame frame) { sentTo.add(frame.destinationMac); }

            @Override public String linkName() { return "L1"; }
        };
        cache.learn(7, 0x0200_0000_0007L, out);
        sim.runUntil(sendAtNs);
        Frame frame = new Frame();
        frame.kind = PacketKind.PROBE;
        boolean asks = cache.send(7, frame, out);
        boolean fresh = sendAtNs < lifetimeNs;
        assertEquals(!fresh, asks, "asks again only once the entry has expired (sent at " + sendAtNs + ", lifetime " + lifetimeNs + ")");
        assertEquals(fresh ? List.of(0x0200_0000_0007L) : List.of(), sentTo);
        assertEquals(!fresh, cache.awaits(7), "an expired entry's frame waits for the answer");
        cache.learn(7, 0x0200_0000_0008L, out);
        assertEquals(fresh ? List.of(0x0200_0000_0007L) : List.of(0x0200_0000_0008L), sentTo, "the answer sends what waited, to the new MAC");
    }

    @Property(tries = 100)
    void theReachableTimeIsDrawnWithinHalfToOneAndAHalfOfTheBaseTheSameForTheSameSeed(@ForAll long seed, @ForAll("owners") String owner) {
        long[] drawn = new long[2];
        for (int i = 0; i < 2; i++) {
            NetworkContext net = new NetworkContext(new Simulator(seed), false, false);
            net.seed = seed;
            drawn[i] = new NeighbourCache<Integer>(net, owner, 1, 3, 3, Ipv4::text, new NeighbourCache.Words("ARP", "a reply", "ARP reply", "requests"),
                    NeighbourCache.Nud.LINUX_DEFAULTS, (address, mac) -> { }).reachableNs();
        }
        assertEquals(drawn[0], drawn[1], "the same seed and owner draw the same time");
        assertTrue(drawn[0] >= 15_000_000_000L && drawn[0] < 45_000_000_000L, "drawn " + drawn[0] + " ns");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> owners() {
        return net.jqwik.api.Arbitraries.of("R1", "vm1", "DC-A-capture", "CE2/tenant-a");
    }
}
