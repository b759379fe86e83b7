package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ArrivalsTest {

    /** A wait that fails on "failed", gives up when told the source has gone, and says which way it gave up. */
    private static Arrivals.Watch<String, IllegalStateException> watch(AtomicBoolean gone) {
        return new Arrivals.Watch<>() {
            @Override
            public void check(String item) {
                if (item.equals("failed")) {
                    throw new IllegalStateException("source failed");
                }
            }

            @Override
            public boolean gone() {
                return gone.get();
            }

            @Override
            public IllegalStateException givingUp(boolean timedOut) {
                return new IllegalStateException(timedOut ? "timed out" : "gone");
            }

            @Override
            public IllegalStateException interrupted() {
                return new IllegalStateException("interrupted");
            }
        };
    }

    @Test
    void anArrivalAlreadyThereIsFoundAtOnceAndTheFirstMatchWins() {
        Arrivals<String> arrivals = new Arrivals<>();
        arrivals.add("hello 1");
        arrivals.add("ready 2");
        arrivals.add("ready 3");
        assertEquals("ready 2", arrivals.await(s -> s.startsWith("ready"), Duration.ZERO, watch(new AtomicBoolean())));
    }

    @Test
    void aWaitWakesForALaterArrival() throws Exception {
        Arrivals<String> arrivals = new Arrivals<>();
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            arrivals.add("ready");
        });
        sender.start();
        assertEquals("ready", arrivals.await("ready"::equals, Duration.ofSeconds(30), watch(new AtomicBoolean())));
        sender.join();
    }

    @Test
    void aFailureBeforeTheMatchEndsTheWaitButOneAfterItDoesNot() {
        Arrivals<String> arrivals = new Arrivals<>();
        arrivals.add("ready");
        arrivals.add("failed");
        assertEquals("ready", arrivals.await("ready"::equals, Duration.ZERO, watch(new AtomicBoolean())));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> arrivals.await("done"::equals, Duration.ofSeconds(30), watch(new AtomicBoolean())));
        assertEquals("source failed", e.getMessage());
    }

    @Test
    void aWaitGivesUpAtTheDeadlineOrWhenTheSourceHasGone() {
        Arrivals<String> arrivals = new Arrivals<>();
        assertEquals("timed out", assertThrows(IllegalStateException.class,
                () -> arrivals.await("x"::equals, Duration.ofMillis(20), watch(new AtomicBoolean()))).getMessage());
        assertEquals("gone", assertThrows(IllegalStateException.class,
                () -> arrivals.await("x"::equals, Duration.ofSeconds(30), watch(new AtomicBoolean(true)))).getMessage());
    }

    @Test
    void linesAreReadInOrderAndTheEndIsSaid() {
        Arrivals<String> arrivals = Arrivals.readLines(new ByteArrayInputStream("one\ntwo\r\nthree".getBytes(StandardCharsets.UTF_8)),
                "arrivals-test", String::toUpperCase);
        AtomicBoolean never = new AtomicBoolean();
        assertEquals("THREE", arrivals.await("THREE"::equals, Duration.ofSeconds(30), watch(never)));
        assertEquals(List.of("ONE", "TWO", "THREE"), arrivals.all());
        // the reader thread ends the arrivals once the stream is over
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!arrivals.ended() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(arrivals.ended());
    }

    @Test
    void errorTextKeepsLinesUpToItsLimit() throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            input.append("error line ").append(i).append('\n');
        }
        ErrorText errors = ErrorText.read(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)), 40, "error-text-test");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!errors.toString().contains("line 3") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        // lines are kept while fewer than 40 characters are: 13 + 13 + 13 = 39, then one more
        assertEquals("error line 0\nerror line 1\nerror line 2\nerror line 3\n", errors.toString());
    }
}
