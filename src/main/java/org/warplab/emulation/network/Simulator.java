package org.warplab.emulation.network;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

/**
 * The discrete-event kernel: integer-nanosecond virtual time, events ordered by (time, sequence)
 * so that events at the same instant run in the order they were scheduled, cancellation, and
 * run-until. Events live in parallel primitive arrays (slots) and a binary heap of slot numbers,
 * so the hot path neither boxes nor allocates.
 */
public final class Simulator {
    private static final int INITIAL_CAPACITY = 1024;

    private long now;
    private long nextSequence;
    private long executed;
    private long eventLimit = Long.MAX_VALUE;

    // Slot arrays: one entry per scheduled event.
    private long[] slotTime = new long[INITIAL_CAPACITY];
    private long[] slotSequence = new long[INITIAL_CAPACITY];
    private EventHandler[] slotHandler = new EventHandler[INITIAL_CAPACITY];
    private int[] slotCode = new int[INITIAL_CAPACITY];
    private Object[] slotPayload = new Object[INITIAL_CAPACITY];
    private int[] slotHeapIndex = new int[INITIAL_CAPACITY];
    private int[] slotGeneration = new int[INITIAL_CAPACITY];
    private int[] freeSlots = new int[INITIAL_CAPACITY];
    private int freeCount;
    private int slotsUsed;

    // Binary min-heap of slot numbers.
    private int[] heap = new int[INITIAL_CAPACITY];
    private int size;
    private int peakSize;

    private final SeededRandom random;

    public Simulator(long seed) {
        this.random = new SeededRandom(seed);
    }

    public long now() {
        return now;
    }

    public SeededRandom random() {
        return random;
    }

    /** Events run so far. */
    public long executedEvents() {
        return executed;
    }

    /** Events waiting. */
    public int pendingEvents() {
        return size;
    }

    /** The most events that were waiting at once. */
    public int peakPendingEvents() {
        return peakSize;
    }

    /**
     * Schedules {@code handler.handle(code, payload)} at absolute time {@code timeNs} (not before
     * now). Returns a handle for {@link #cancel(long)}.
     */
    public long scheduleAt(long timeNs, EventHandler handler, int code, Object payload) {
        if (timeNs < now) {
            throw new IllegalArgumentException("cannot schedule at " + timeNs + " ns, before now (" + now + " ns)");
        }
        int slot = allocateSlot();
        slotTime[slot] = timeNs;
        slotSequence[slot] = nextSequence++;
        slotHandler[slot] = handler;
        slotCode[slot] = code;
        slotPayload[slot] = payload;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = slot;
        slotHeapIndex[slot] = size;
        size++;
        if (size > peakSize) {
            peakSize = size;
        }
        siftUp(size - 1);
        return ((long) slotGeneration[slot] << 32) | slot;
    }

    public long scheduleIn(long delayNs, EventHandler handler, int code, Object payload) {
        return scheduleAt(now + delayNs, handler, code, payload);
    }

    /** Cancels a pending event; returns false if it already ran or was cancelled. */
    public boolean cancel(long handle) {
        int slot = (int) handle;
        int generation = (int) (handle >>> 32);
        if (slot < 0 || slot >= slotsUsed || slotGeneration[slot] != generation || slotHeapIndex[slot] < 0) {
            return false;
        }
        removeAt(slotHeapIndex[slot]);
        releaseSlot(slot);
        return true;
    }

    /** Stops every later {@link #runUntil} once {@code max} events have run (a cap on a run's cost). */
    public void limitEvents(long max) {
        eventLimit = max;
    }

    /** Whether the event cap stopped the run. */
    public boolean reachedEventLimit() {
        return executed >= eventLimit;
    }

    /**
     * Runs every event with time ≤ {@code endNs}, then sets the clock to {@code endNs}; stops early,
     * with the clock where it stopped, when the event cap is reached.
     */
    public void runUntil(long endNs) {
        while (size > 0 && slotTime[heap[0]] <= endNs) {
            if (executed >= eventLimit) {
                return;
            }
            step();
            // a Stop in the designer interrupts the thread; checked now and then, it costs nothing
            if ((executed & 0xFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("the emulation was stopped at " + (now / 1_000_000) + " ms of virtual time");
            }
        }
        if (endNs > now) {
            now = endNs;
        }
    }

    /** Runs until no event is left. */
    public void runAll() {
        while (size > 0) {
            step();
        }
    }

    private void step() {
        int slot = heap[0];
        removeAt(0);
        now = slotTime[slot];
        EventHandler handler = slotHandler[slot];
        int code = slotCode[slot];
        Object payload = slotPayload[slot];
        releaseSlot(slot);
        executed++;
        handler.handle(code, payload);
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == slotTime.length) {
            int capacity = slotsUsed * 2;
            slotTime = Arrays.copyOf(slotTime, capacity);
            slotSequence = Arrays.copyOf(slotSequence, capacity);
            slotHandler = Arrays.copyOf(slotHandler, capacity);
            slotCode = Arrays.copyOf(slotCode, capacity);
            slotPayload = Arrays.copyOf(slotPayload, capacity);
            slotHeapIndex = Arrays.copyOf(slotHeapIndex, capacity);
            slotGeneration = Arrays.copyOf(slotGeneration, capacity);
            freeSlots = Arrays.copyOf(freeSlots, capacity);
        }
        return slotsUsed++;
    }

    private void releaseSlot(int slot) {
        slotHandler[slot] = null;
        slotPayload[slot] = null;
        slotHeapIndex[slot] = -1;
        slotGeneration[slot]++;
        freeSlots[freeCount++] = slot;
    }

    private void removeAt(int index) {
        size--;
        if (index == size) {
            return;
        }
        int moved = heap[size];
        heap[index] = moved;
        slotHeapIndex[moved] = index;
        if (index > 0 && less(moved, heap[(index - 1) >>> 1])) {
            siftUp(index);
        } else {
            siftDown(index);
        }
    }

    private boolean less(int a, int b) {
        long ta = slotTime[a];
        long tb = slotTime[b];
        return ta < tb || (ta == tb && slotSequence[a] < slotSequence[b]);
    }

    private void siftUp(int index) {
        int slot = heap[index];
        while (index > 0) {
            int parentIndex = (index - 1) >>> 1;
            int parent = heap[parentIndex];
            if (!less(slot, parent)) {
                break;
            }
            heap[index] = parent;
            slotHeapIndex[parent] = index;
            index = parentIndex;
        }
        heap[index] = slot;
        slotHeapIndex[slot] = index;
    }

    private void siftDown(int index) {
        int slot = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && less(heap[right], heap[child])) {
                child = right;
            }
            if (!less(heap[child], slot)) {
                break;
            }
            heap[index] = heap[child];
            slotHeapIndex[heap[index]] = index;
            index = child;
        }
        heap[index] = slot;
        slotHeapIndex[slot] = index;
    }

    /** Bytes the kernel holds per event slot (its primitive arrays and references), for the benchmark. */
    public static int bytesPerSlot() {
        // time + sequence (2 longs), handler + payload references, code, heap index, generation,
        // free-list entry and heap entry (5 ints); references counted at 4 bytes (compressed oops).
        return 2 * 8 + 2 * 4 + 5 * 4;
    }
}
