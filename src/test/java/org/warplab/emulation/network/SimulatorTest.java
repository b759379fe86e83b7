package org.warplab.emulation.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    @Test
    void eventsRunByTimeThenByInsertionOrder() {
        Simulator sim = new Simulator(1);
        List<String> order = new ArrayList<>();
        EventHandler record = (code, payload) -> order.add(payload + "@" + sim.now());
        sim.scheduleAt(30, record, 0, "c");
        sim.scheduleAt(10, record, 0, "a1");
        sim.scheduleAt(10, record, 0, "a2");
        sim.scheduleAt(20, record, 0, "b");
        sim.scheduleAt(10, record, 0, "a3");
        sim.runAll();
        assertEquals(List.of("a1@10", "a2@10", "a3@10", "b@20", "c@30"), order);
    }

    @Test
    void cancelledEventsDoNotRunAndHandlesGoStale() {
        Simulator sim = new Simulator(1);
        List<Object> ran = new ArrayList<>();
        EventHandler record = (code, payload) -> ran.add(payload);
        long keep = sim.scheduleAt(5, record, 0, "keep");
        long drop = sim.scheduleAt(3, record, 0, "drop");
        assertTrue(sim.cancel(drop));
        assertFalse(sim.cancel(drop));
        sim.runAll();
        assertEquals(List.of("keep"), ran);
        assertFalse(sim.cancel(keep), "an event that ran cannot be cancelled");
    }

    @Test
    void runUntilStopsAtTheLimitAndAdvancesTheClock() {
        Simulator sim = new Simulator(1);
        List<Object> ran = new ArrayList<>();
        sim.scheduleAt(100, (c, p) -> ran.add(p), 0, "early");
        sim.scheduleAt(200, (c, p) -> ran.add(p), 0, "late");
        sim.runUntil(150);
        assertEquals(List.of("early"), ran);
        assertEquals(150, sim.now());
        assertEquals(1, sim.pendingEvents());
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(149, (c, p) -> { }, 0, null));
    }

    @Test
    void manyRandomEventsComeOutSortedDespiteCancellations() {
        Simulator sim = new Simulator(7);
        SeededRandom random = new SeededRandom(42);
        long[] last = {-1};
        int[] count = {0};
        EventHandler check = (code, payload) -> {
            assertTrue(sim.now() >= last[0]);
            last[0] = sim.now();
            count[0]++;
        };
        List<Long> handles = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            handles.add(sim.scheduleAt(random.nextLongInclusive(1_000_000), check, 0, null));
        }
        int cancelled = 0;
        for (int i = 0; i < handles.size(); i += 3) {
            if (sim.cancel(handles.get(i))) {
                cancelled++;
            }
        }
        sim.runAll();
        assertEquals(10_000 - cancelled, count[0]);
    }

    @Test
    void theSameSeedGivesTheSameRandomSequence() {
        SeededRandom a = new SeededRandom(99);
        SeededRandom b = new SeededRandom(99);
        SeededRandom c = new SeededRandom(100);
        boolean differs = false;
        for (int i = 0; i < 100; i++) {
            long x = a.nextLong();
            assertEquals(x, b.nextLong());
            differs |= x != c.nextLong();
        }
        assertTrue(differs);
    }
}
