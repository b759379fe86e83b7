package org.warplab.emulation.network;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** An interrupted thread (Stop in the designer) ends a run of the kernel within a few thousand events. */
class SimulatorStopTest {

    @Test
    void anInterruptStopsTheKernel() {
        Simulator sim = new Simulator(1);
        long[] handled = new long[1];
        EventHandler again = new EventHandler() {
            @Override
            public void handle(int code, Object payload) {
                handled[0]++;
                sim.scheduleIn(1_000, this, 0, null);
            }
        };
        sim.scheduleAt(0, again, 0, null);
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> sim.runUntil(Long.MAX_VALUE / 2));
        } finally {
            Thread.interrupted();
        }
        assertTrue(handled[0] <= 0x1000, "stopped after " + handled[0] + " events");
    }
}
