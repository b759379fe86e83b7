package org.warplab.ui.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.warplab.run.Trace;
import org.warplab.run.TraceEvent;

/**
 * A trace indexed by time once, for replay: the packets sorted by departure, so the packets in
 * flight at any instant are found by a binary search over a short window, not a scan of the
 * trace; the times of every event for "step to the next event"; per-packet translations and
 * tunnels for the inspector; the state changes (drops, switches, VM moves) the animation shows.
 * No JavaFX: the same index serves the canvas, the log and the tests.
 */
final class TraceIndex {

    /** Packets that take longer than this on one link are kept apart and checked every frame (there are few). */
    static final long SHORT_HOP_NS = 20_000_000L;

    /** Receives the packets in flight at an instant; {@code progress} runs from 0 (left) to 1 (arrived). */
    interface InFlight {
        void packet(TraceEvent.PacketSent packet, double progress);
    }

    private final Trace trace;
    private final TraceEvent.PacketSent[] shortHops;
    private final long[] shortDeparts;
    private final TraceEvent.PacketSent[] longHops;
    private final long[] eventTimes;
    /** Per event, the burst it belongs to (0: none, it is a step of its own), for "Next event". */
    private final byte[] burstKinds;
    private final Map<Long, List<TraceEvent>> byPacket = new HashMap<>();
    private final Map<Long, TraceEvent.PacketSent> firstHop = new HashMap<>();
    private final List<TraceEvent.Dropped> drops = new ArrayList<>();
    private final List<TraceEvent.RuleSwitched> switches = new ArrayList<>();
    private final List<TraceEvent> vmEvents = new ArrayList<>();
    private final long endNs;

    TraceIndex(Trace trace) {
        this(trace, 0);
    }

    /** @param runEndNs the run's end (the result's), so the timeline reaches it even after the last event */
    TraceIndex(Trace trace, long runEndNs) {
        this.trace = trace;
        List<TraceEvent.PacketSent> shortList = new ArrayList<>();
        List<TraceEvent.PacketSent> longList = new ArrayList<>();
        List<TraceEvent> events = trace.events();
        eventTimes = new long[events.size()];
        long end = runEndNs;
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            eventTimes[i] = e.timeNs();
            end = Math.max(end, e.timeNs());
            if (e instanceof TraceEvent.PacketSent sent) {
                (sent.arriveNs() - sent.departNs() > SHORT_HOP_NS ? longList : shortList).add(sent);
                firstHop.putIfAbsent(sent.packetId(), sent);
                byPacket.computeIfAbsent(sent.packetId(), k -> new ArrayList<>()).add(sent);
                end = Math.max(end, sent.arriveNs());
            } else if (e instanceof TraceEvent.Translated t) {
                byPacket.computeIfAbsent(t.packetId(), k -> new ArrayList<>()).add(t);
            } else if (e instanceof TraceEvent.Encapsulated t) {
                byPacket.computeIfAbsent(t.packetId(), k -> new ArrayList<>()).add(t);
            } else if (e instanceof TraceEvent.Decapsulated t) {
                byPacket.computeIfAbsent(t.packetId(), k -> new ArrayList<>()).add(t);
            } else if (e instanceof TraceEvent.Dropped d) {
                drops.add(d);
                byPacket.computeIfAbsent(d.packetId(), k -> new ArrayList<>()).add(d);
            } else if (e instanceof TraceEvent.Delivered d) {
                byPacket.computeIfAbsent(d.packetId(), k -> new ArrayList<>()).add(d);
            } else if (e instanceof TraceEvent.RuleSwitched r) {
                switches.add(r);
            } else if (e instanceof TraceEvent.VmPaused || e instanceof TraceEvent.VmMoved || e instanceof TraceEvent.VmResumed) {
                vmEvents.add(e);
            }
        }
        // a packet is queued at timeNs but leaves at departNs: the events are in time order, departures need sorting
        shortList.sort(Comparator.comparingLong(TraceEvent.PacketSent::departNs));
        shortHops = shortList.toArray(new TraceEvent.PacketSent[0]);
        shortDeparts = new long[shortHops.length];
        for (int i = 0; i < shortHops.length; i++) {
            shortDeparts[i] = shortHops[i].departNs();
        }
        longHops = longList.toArray(new TraceEvent.PacketSent[0]);
        endNs = end;
        burstKinds = new byte[events.size()];
        for (int i = 0; i < events.size(); i++) {
            burstKinds[i] = burstKind(events.get(i));
        }
    }

    private static final byte MIGRATION_STREAM = 1;
    private static final byte PROBES = 2;

    /** The migration stream's bursts are one burst, the probes and echoes (pings) with their hops another; anything else stands alone. */
    private byte burstKind(TraceEvent e) {
        if (!TraceText.isPacketStep(e)) {
            return 0;
        }
        long packetId = e instanceof TraceEvent.PacketSent p ? p.packetId()
                : e instanceof TraceEvent.HopArrived h ? h.packetId()
                : e instanceof TraceEvent.Delivered d ? d.packetId()
                : e instanceof TraceEvent.Translated t ? t.packetId()
                : e instanceof TraceEvent.Encapsulated t ? t.packetId()
                : e instanceof TraceEvent.Decapsulated t ? t.packetId() : -1;
        TraceEvent.PacketSent first = firstHop.get(packetId);
        if (first == null) {
            return 0;
        }
        return switch (first.kind()) {
            case MIGRATION -> MIGRATION_STREAM;
            case PROBE, ECHO, PING, PONG -> PROBES;
            default -> 0;
        };
    }

    /**
     * Where "Next event" goes from {@code timeNs}: the next event, except that a run of events of one
     * burst (the migration stream, probes in flight) is one step: from inside such a run it goes to
     * the first event of another kind (or the end).
     */
    long nextStepAfter(long timeNs) {
        int i = lowerBound(eventTimes, timeNs + 1);
        if (i >= eventTimes.length) {
            return endNs;
        }
        byte kind = burstKinds[i];
        boolean inside = kind != 0 && i > 0 && burstKinds[i - 1] == kind;
        if (!inside) {
            return eventTimes[i];
        }
        while (i < eventTimes.length && (burstKinds[i] == kind || eventTimes[i] <= timeNs)) {
            i++;
        }
        return i < eventTimes.length ? eventTimes[i] : endNs;
    }

    Trace trace() {
        return trace;
    }

    long endNs() {
        return endNs;
    }

    int packetHops() {
        return shortHops.length + longHops.length;
    }

    /** Calls {@code out} for every packet on a link at {@code timeNs} (departed, not yet arrived); returns how many. */
    int inFlight(long timeNs, InFlight out) {
        int count = 0;
        int from = lowerBound(shortDeparts, timeNs - SHORT_HOP_NS);
        for (int i = from; i < shortHops.length && shortDeparts[i] <= timeNs; i++) {
            TraceEvent.PacketSent p = shortHops[i];
            if (p.arriveNs() > timeNs) {
                out.packet(p, progress(p, timeNs));
                count++;
            }
        }
        for (TraceEvent.PacketSent p : longHops) {
            if (p.departNs() <= timeNs && p.arriveNs() > timeNs) {
                out.packet(p, progress(p, timeNs));
                count++;
            }
        }
        return count;
    }

    private static double progress(TraceEvent.PacketSent p, long timeNs) {
        long span = p.arriveNs() - p.departNs();
        return span <= 0 ? 1 : (double) (timeNs - p.departNs()) / span;
    }

    /** First index whose value is ≥ {@code key}. */
    static int lowerBound(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The time of the first event after {@code timeNs}, or the end. */
    long nextEventAfter(long timeNs) {
        int i = lowerBound(eventTimes, timeNs + 1);
        return i < eventTimes.length ? eventTimes[i] : endNs;
    }

    /** The index of the last event at or before {@code timeNs} (-1 before the first). */
    int lastEventAtOrBefore(long timeNs) {
        return lowerBound(eventTimes, timeNs + 1) - 1;
    }

    /** Everything the trace says about one packet: its hops, translations, tunnels, drop or delivery, in time order. */
    List<TraceEvent> packetStory(long packetId) {
        return byPacket.getOrDefault(packetId, List.of());
    }

    TraceEvent.PacketSent firstHop(long packetId) {
        return firstHop.get(packetId);
    }

    /** Drops in the window ({@code fromNs}, {@code toNs}]. */
    List<TraceEvent.Dropped> dropsBetween(long fromNs, long toNs) {
        return between(drops, fromNs, toNs);
    }

    List<TraceEvent.RuleSwitched> switchesBetween(long fromNs, long toNs) {
        return between(switches, fromNs, toNs);
    }

    List<TraceEvent.RuleSwitched> switches() {
        return switches;
    }

    List<TraceEvent> vmEvents() {
        return vmEvents;
    }

    private static <T extends TraceEvent> List<T> between(List<T> sorted, long fromNs, long toNs) {
        List<T> out = new ArrayList<>();
        for (int i = Trace.firstAfter(sorted, fromNs); i < sorted.size() && sorted.get(i).timeNs() <= toNs; i++) {
            out.add(sorted.get(i));
        }
        return out;
    }

    /** Where each VM is at {@code timeNs}, as far as the trace says: its data center, and whether it is paused (in transit). */
    record VmState(String vm, String dataCenter, String from, String to, long pausedNs, long movedNs, boolean paused, boolean resumed) { }

    /** The VMs the trace moves, with their state at {@code timeNs}; VMs the trace never mentions are left out. */
    Map<String, VmState> vmStates(long timeNs) {
        Map<String, VmState> out = new HashMap<>();
        for (TraceEvent e : vmEvents) {
            if (e.timeNs() > timeNs) {
                break;
            }
            if (e instanceof TraceEvent.VmPaused p) {
                out.put(p.vm(), new VmState(p.vm(), p.dataCenter(), p.dataCenter(), null, p.timeNs(), -1, true, false));
            } else if (e instanceof TraceEvent.VmMoved m) {
                VmState was = out.get(m.vm());
                long paused = was == null ? m.timeNs() : was.pausedNs();
                out.put(m.vm(), new VmState(m.vm(), m.toDataCenter(), m.fromDataCenter(), m.toDataCenter(), paused, m.timeNs(), true, false));
            } else if (e instanceof TraceEvent.VmResumed r) {
                out.put(r.vm(), new VmState(r.vm(), r.dataCenter(), r.dataCenter(), null, -1, -1, false, true));
            }
        }
        return out;
    }

    /** The VMs of {@code lab} that are, at {@code timeNs}, in another data center than the lab puts them (each as it is then). */
    java.util.List<org.warplab.model.Vm> movedVms(org.warplab.model.Lab lab, long timeNs) {
        java.util.List<org.warplab.model.Vm> moved = new java.util.ArrayList<>();
        for (VmState state : vmStates(timeNs).values()) {
            var vm = lab.node(state.vm(), org.warplab.model.Vm.class);
            if (vm.isPresent() && !vm.get().dataCenter().equals(state.dataCenter()) && lab.node(state.dataCenter()).isPresent()) {
                moved.add(vm.get().inDataCenter(state.dataCenter()));
            }
        }
        moved.sort(java.util.Comparator.comparing(org.warplab.model.Vm::id));
        return moved;
    }

    /** The lab as it is at {@code timeNs}: each moved VM drawn in the data center the trace has it in (the document is not changed). */
    org.warplab.model.Lab labAt(org.warplab.model.Lab lab, long timeNs) {
        org.warplab.model.Lab shown = lab;
        for (org.warplab.model.Vm vm : movedVms(lab, timeNs)) {
            shown = shown.replacingNode(vm);
        }
        return shown;
    }

    /** The destination of a VM that is paused at {@code timeNs} and not yet moved: the next VmMoved after it, or null. */
    String destinationAfter(String vm, long timeNs) {
        for (TraceEvent e : vmEvents) {
            if (e.timeNs() > timeNs && e instanceof TraceEvent.VmMoved m && m.vm().equals(vm)) {
                return m.toDataCenter();
            }
        }
        return null;
    }

    /** When that VmMoved happens. */
    long movedAfter(String vm, long timeNs) {
        for (TraceEvent e : vmEvents) {
            if (e.timeNs() > timeNs && e instanceof TraceEvent.VmMoved m && m.vm().equals(vm)) {
                return m.timeNs();
            }
        }
        return -1;
    }

    long[] eventTimes() {
        return Arrays.copyOf(eventTimes, eventTimes.length);
    }
}
