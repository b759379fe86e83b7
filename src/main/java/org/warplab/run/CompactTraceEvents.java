package org.warplab.run;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A run's trace events held as primitive columns instead of one object per event: each event's
 * time in a {@code long[]}, its other fields as variable-length integers in one byte array (names,
 * addresses and reasons as indexes into a table of distinct strings, times relative to the
 * event's). An event is rebuilt as its {@link TraceEvent} record when read, so readers keep using
 * the list as before. About 20-40 bytes an event instead of 150-250, and a cap: past
 * {@code maxEvents} nothing more is kept and {@link #truncatedAtNs()} says where the trace stops.
 *
 * <p>Appending is for the one thread that runs the emulation; once the run hands the list out it
 * is only read.
 */
public final class CompactTraceEvents extends AbstractList<TraceEvent> implements RandomAccess {

    private static final TraceEvent[] NO_EVENTS = new TraceEvent[0];

    private final int maxEvents;
    private long[] times = new long[1024];
    private int[] offsets = new int[1024];
    private byte[] bytes = new byte[16 * 1024];
    private int size;
    private int used;
    private long truncatedAtNs = -1;
    private final Map<String, Integer> stringIndex = new HashMap<>();
    private final List<String> strings = new ArrayList<>();

    public CompactTraceEvents(int maxEvents) {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("maxEvents must not be negative");
        }
        this.maxEvents = maxEvents;
    }

    /** Keeps {@code event} unless the cap is reached; events must come in time order. */
    public void append(TraceEvent event) {
        if (size >= maxEvents) {
            if (truncatedAtNs < 0) {
                truncatedAtNs = event.timeNs();
            }
            return;
        }
        if (size > 0 && event.timeNs() < times[size - 1]) {
            throw new IllegalArgumentException("trace events out of time order at index " + size);
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            offsets = Arrays.copyOf(offsets, size * 2);
        }
        times[size] = event.timeNs();
        offsets[size] = used;
        encode(event);
        size++;
    }

    /** Virtual time of the first event that was not kept, or -1 when the trace is whole. */
    public long truncatedAtNs() {
        return truncatedAtNs;
    }

    public int maxEvents() {
        return maxEvents;
    }

    /** Bytes the columns hold for the events kept (arrays as used, not as allocated; strings counted once). */
    public long bytesUsed() {
        long stringBytes = strings.stream().mapToLong(s -> 40 + 2L * s.length()).sum();
        return (long) size * (Long.BYTES + Integer.BYTES) + used + stringBytes;
    }

    /** The time of event {@code index} without rebuilding it (for searches by time). */
    public long timeNs(int index) {
        return times[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public TraceEvent get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return new Reader(offsets[index], times[index]).event();
    }

    @Override
    public Object[] toArray() {
        TraceEvent[] out = size == 0 ? NO_EVENTS : new TraceEvent[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return out;
    }

    // ---- encoding ----------------------------------------------------------------------------

    private void encode(TraceEvent event) {
        long t = event.timeNs();
        if (event instanceof TraceEvent.PacketSent e) {
            tag(0); number(e.packetId()); kind(e.kind()); text(e.flow()); number(e.sequence()); text(e.fromNode()); text(e.link());
            text(e.toNode()); number(e.departNs() - t); number(e.arriveNs() - e.departNs()); text(e.source()); text(e.destination());
            number(e.bytes());
        } else if (event instanceof TraceEvent.HopArrived e) {
            tag(1); number(e.packetId()); text(e.link()); text(e.fromNode()); text(e.node());
        } else if (event instanceof TraceEvent.Translated e) {
            tag(2); number(e.packetId()); text(e.node()); text(e.field()); text(e.from()); text(e.to());
        } else if (event instanceof TraceEvent.Dropped e) {
            tag(3); number(e.packetId()); kind(e.kind()); text(e.flow()); number(e.sequence()); text(e.node()); text(e.link()); text(e.reason());
        } else if (event instanceof TraceEvent.Delivered e) {
            tag(4); number(e.packetId()); kind(e.kind()); text(e.flow()); number(e.sequence()); text(e.node()); number(e.latencyNs());
        } else if (event instanceof TraceEvent.VmPaused e) {
            tag(5); text(e.vm()); text(e.dataCenter());
        } else if (event instanceof TraceEvent.VmResumed e) {
            tag(6); text(e.vm()); text(e.dataCenter());
        } else if (event instanceof TraceEvent.VmMoved e) {
            tag(7); text(e.vm()); text(e.fromDataCenter()); text(e.toDataCenter());
        } else if (event instanceof TraceEvent.AnnouncementSeen e) {
            tag(8); text(e.dataCenter()); text(e.vm()); kind(e.kind());
        } else if (event instanceof TraceEvent.RuleSwitched e) {
            tag(9); text(e.router()); text(e.vm()); text(e.rule());
        } else if (event instanceof TraceEvent.FdbUpdated e) {
            tag(10); text(e.lan()); text(e.mac()); text(e.port());
        } else if (event instanceof TraceEvent.ArpUpdated e) {
            tag(11); text(e.node()); text(e.address()); text(e.mac());
        } else if (event instanceof TraceEvent.RouteChanged e) {
            tag(12); text(e.router()); text(e.prefix()); text(e.nextHop()); text(e.link());
        } else if (event instanceof TraceEvent.MigrationRound e) {
            tag(13); text(e.migration()); number(e.round()); number(e.bytes()); number(e.durationNs()); number(e.stopAndCopy() ? 1 : 0);
        } else if (event instanceof TraceEvent.Encapsulated e) {
            tag(14); number(e.packetId()); text(e.node()); text(e.how()); text(e.outerSource()); text(e.outerDestination());
        } else if (event instanceof TraceEvent.Decapsulated e) {
            tag(15); number(e.packetId()); text(e.node()); text(e.how());
        } else {
            throw new IllegalArgumentException("unknown trace event " + event);
        }
    }

    private void tag(int tag) {
        ensure(1);
        bytes[used++] = (byte) tag;
    }

    private void kind(PacketKind kind) {
        number(kind == null ? 0 : kind.ordinal() + 1);
    }

    private void text(String text) {
        if (text == null) {
            number(0);
            return;
        }
        Integer index = stringIndex.get(text);
        if (index == null) {
            index = strings.size();
            strings.add(text);
            stringIndex.put(text, index);
        }
        number(index + 1L);
    }

    /** A signed number as a zig-zag varint: small magnitudes (the usual case) take one or two bytes. */
    private void number(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        ensure(10);
        while ((zigzag & ~0x7FL) != 0) {
            bytes[used++] = (byte) ((zigzag & 0x7F) | 0x80);
            zigzag >>>= 7;
        }
        bytes[used++] = (byte) zigzag;
    }

    private void ensure(int more) {
        if (used + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + more));
        }
    }

    // ---- decoding ----------------------------------------------------------------------------

    private final class Reader {
        private int at;
        private final long t;

        Reader(int at, long t) {
            this.at = at;
            this.t = t;
        }

        TraceEvent event() {
            int tag = bytes[at++];
            return switch (tag) {
                case 0 -> {
                    long id = number();
                    PacketKind kind = kind();
                    String flow = text();
                    long sequence = number();
                    String from = text();
                    String link = text();
                    String to = text();
                    long depart = t + number();
                    long arrive = depart + number();
                    yield new TraceEvent.PacketSent(t, id, kind, flow, sequence, from, link, to, depart, arrive, text(), text(), (int) number());
                }
                case 1 -> new TraceEvent.HopArrived(t, number(), text(), text(), text());
                case 2 -> new TraceEvent.Translated(t, number(), text(), text(), text(), text());
                case 3 -> new TraceEvent.Dropped(t, number(), kind(), text(), number(), text(), text(), text());
                case 4 -> new TraceEvent.Delivered(t, number(), kind(), text(), number(), text(), number());
                case 5 -> new TraceEvent.VmPaused(t, text(), text());
                case 6 -> new TraceEvent.VmResumed(t, text(), text());
                case 7 -> new TraceEvent.VmMoved(t, text(), text(), text());
                case 8 -> new TraceEvent.AnnouncementSeen(t, text(), text(), kind());
                case 9 -> new TraceEvent.RuleSwitched(t, text(), text(), text());
                case 10 -> new TraceEvent.FdbUpdated(t, text(), text(), text());
                case 11 -> new TraceEvent.ArpUpdated(t, text(), text(), text());
                case 12 -> new TraceEvent.RouteChanged(t, text(), text(), text(), text());
                case 13 -> new TraceEvent.MigrationRound(t, text(), (int) number(), number(), number(), number() != 0);
                case 14 -> new TraceEvent.Encapsulated(t, number(), text(), text(), text(), text());
                case 15 -> new TraceEvent.Decapsulated(t, number(), text(), text());
                default -> throw new IllegalStateException("unknown trace record tag " + tag);
            };
        }

        private long number() {
            long zigzag = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[at++];
                zigzag |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }

        private String text() {
            long index = number();
            return index == 0 ? null : strings.get((int) index - 1);
        }

        private PacketKind kind() {
            long ordinal = number();
            return ordinal == 0 ? null : PacketKind.values()[(int) ordinal - 1];
        }
    }
}
