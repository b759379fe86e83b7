package org.warplab.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a reader thread receives from a process we started (an agent's events, QEMU's console
 * lines, QMP events), in arrival order, and the one wait for the first that matches: at every
 * arrival it checks for a failure the source reported, and it gives up when the source has gone
 * or the time is up, in the caller's own exception.
 */
public final class Arrivals<T> {

    /** How a wait reads its source: which arrivals are failures, when the source has gone, and what giving up says. */
    public interface Watch<T, X extends Exception> {
        /** Throws when {@code item}, arrived before the one waited for, says the source failed. */
        default void check(T item) throws X {
        }

        /** Whether the source can no longer send anything (its process ended, its connection closed). */
        boolean gone();

        /** The exception for a wait that ends without a match: at the deadline, or (timedOut false) because the source has gone. */
        X givingUp(boolean timedOut);

        X interrupted();
    }

    private final List<T> items = new ArrayList<>();
    private boolean ended;

    /**
     * Reads {@code stream} line by line on a daemon thread named {@code threadName}, turning each
     * line into an arrival with {@code parse} (called as the line comes, so a time it takes is the
     * arrival's), until the stream ends.
     */
    public static <T> Arrivals<T> readLines(InputStream stream, String threadName, Function<String, T> parse) {
        Arrivals<T> arrivals = new Arrivals<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    arrivals.add(parse.apply(line));
                }
            } catch (IOException e) {
                // the process ended: waiting callers see no further arrivals
            } finally {
                arrivals.end();
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
        return arrivals;
    }

    public void add(T item) {
        synchronized (items) {
            items.add(item);
            items.notifyAll();
        }
    }

    /** Nothing more will arrive: waits wake up and ask their {@link Watch#gone()}. */
    public void end() {
        synchronized (items) {
            ended = true;
            items.notifyAll();
        }
    }

    /** Whether the source has said it sends no more (the reader reached the stream's end). */
    public boolean ended() {
        synchronized (items) {
            return ended;
        }
    }

    /** Every arrival so far, in order. */
    public List<T> all() {
        synchronized (items) {
            return List.copyOf(items);
        }
    }

    /** The first arrival (already here or still to come) that {@code wanted} accepts; else {@code watch}'s exception. */
    public <X extends Exception> T await(Predicate<T> wanted, Duration timeout, Watch<T, X> watch) throws X {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (items) {
            while (true) {
                for (T item : items) {
                    if (wanted.test(item)) {
                        return item;
                    }
                    watch.check(item);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || watch.gone()) {
                    throw watch.givingUp(left <= 0);
                }
                try {
                    items.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw watch.interrupted();
                }
            }
        }
    }
}
