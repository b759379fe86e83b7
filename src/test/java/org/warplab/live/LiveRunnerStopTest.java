package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;

/** A Stop from the designer interrupts the live run's thread: its waits end at once, and the run's finally tears down. */
class LiveRunnerStopTest {

    @Test
    void anInterruptEndsTheWaitBetweenMigrationSteps() throws Exception {
        long start = System.nanoTime();
        Thread waiter = Thread.currentThread();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            waiter.interrupt();
        });
        stopper.start();
        assertThrows(InterruptedIOException.class, () -> LiveRunner.sleepUntil(System.nanoTime() + 30_000_000_000L));
        stopper.join();
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "the wait ended with the interrupt, not at its deadline");
    }

    @Test
    void withoutAnInterruptTheWaitLastsUntilItsDeadline() throws Exception {
        long deadline = System.nanoTime() + 20_000_000L;
        LiveRunner.sleepUntil(deadline);
        assertTrue(System.nanoTime() >= deadline);
    }
}
