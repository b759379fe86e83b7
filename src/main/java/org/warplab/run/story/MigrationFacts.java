package org.warplab.run.story;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.Trace;
import org.warplab.run.TraceEvent;

/**
 * What the story of one migration reads from its run: the migration's figures and phases, and
 * the trace between the migration's start and the next one's (or the run's end). Emulated and
 * live runs name their phases alike (the live runner uses the emulator's names), so the phases
 * are looked up by the start of their name.
 */
final class MigrationFacts {

    final MigrationMetrics metrics;
    final String scheme;
    final List<TraceEvent> events;
    final long startNs;
    final long endNs;
    /** When the VM stopped (for a cold migration: when saving began) and ran again; -1 when the trace does not say. */
    final long pausedNs;
    final long resumedNs;
    final List<String> notes;
    /** Every event of the run, for what happened before this migration (an earlier rule, translations). */
    private final Trace trace;

    MigrationFacts(MigrationMetrics metrics, String scheme, Trace trace, long startNs, long endNs, List<String> notes) {
        this.metrics = metrics;
        this.scheme = scheme;
        this.trace = trace;
        this.startNs = startNs;
        this.endNs = endNs;
        this.notes = notes;
        this.events = window(trace.events(), startNs, endNs);
        TraceEvent.VmPaused paused = first(TraceEvent.VmPaused.class, p -> p.vm().equals(metrics.vm()), startNs).orElse(null);
        this.pausedNs = paused == null ? -1 : paused.timeNs();
        this.resumedNs = first(TraceEvent.VmResumed.class, r -> r.vm().equals(metrics.vm()), Math.max(startNs, pausedNs))
                .map(TraceEvent::timeNs).orElse(-1L);
    }

    private static List<TraceEvent> window(List<TraceEvent> all, long from, long to) {
        // the first event at or after from (a run's times are never negative, so from - 1 does not wrap)
        int low = Trace.firstAfter(all, from - 1);
        int end = low;
        while (end < all.size() && all.get(end).timeNs() < to) {
            end++;
        }
        return all.subList(low, end);
    }

    String vm() {
        return metrics.vm();
    }

    String id() {
        return metrics.migration();
    }

    boolean cold() {
        return metrics.mode().startsWith("cold");
    }

    boolean moved() {
        return resumedNs >= 0;
    }

    Set<String> flows() {
        Set<String> flows = new LinkedHashSet<>();
        metrics.flows().forEach(f -> flows.add(f.flow()));
        return flows;
    }

    Optional<FlowMetrics> flow(String flow) {
        return metrics.flows().stream().filter(f -> f.flow().equals(flow)).findFirst();
    }

    /** The first phase whose name starts with {@code prefix} ("config message ->" and "→" are the same). */
    Optional<Phase> phase(String prefix) {
        return phases(prefix).stream().findFirst();
    }

    List<Phase> phases(String prefix) {
        String wanted = normalize(prefix);
        return metrics.phases().stream().filter(p -> normalize(p.name()).startsWith(wanted)).toList();
    }

    private static String normalize(String name) {
        return name.replace("->", "→");
    }

    <T extends TraceEvent> Optional<T> first(Class<T> type, Predicate<T> filter, long fromNs) {
        for (TraceEvent e : events) {
            if (e.timeNs() >= fromNs && type.isInstance(e) && filter.test(type.cast(e))) {
                return Optional.of(type.cast(e));
            }
        }
        return Optional.empty();
    }

    <T extends TraceEvent> List<T> all(Class<T> type, Predicate<T> filter, long fromNs, long untilNs) {
        List<T> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e.timeNs() >= fromNs && e.timeNs() <= untilNs && type.isInstance(e) && filter.test(type.cast(e))) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** The last event of {@code type} before {@code beforeNs} in the whole run (not only this migration's window). */
    <T extends TraceEvent> Optional<T> lastBefore(Class<T> type, Predicate<T> filter, long beforeNs) {
        List<TraceEvent> all = trace.events();
        for (int i = all.size() - 1; i >= 0; i--) {
            TraceEvent e = all.get(i);
            if (e.timeNs() < beforeNs && type.isInstance(e) && filter.test(type.cast(e))) {
                return Optional.of(type.cast(e));
            }
        }
        return Optional.empty();
    }

    /** The run's events before {@code beforeNs}, from the start of the run. */
    List<TraceEvent> eventsBefore(long beforeNs) {
        List<TraceEvent> all = trace.events();
        int end = 0;
        while (end < all.size() && all.get(end).timeNs() < beforeNs) {
            end++;
        }
        return all.subList(0, end);
    }

    /** The hops of one packet in this window, in the order it took them. */
    List<TraceEvent.PacketSent> hops(long packetId) {
        List<TraceEvent.PacketSent> hops = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.PacketSent p && p.packetId() == packetId) {
                hops.add(p);
            }
        }
        hops.sort((a, b) -> Long.compare(a.departNs(), b.departNs()));
        return hops;
    }

    /**
     * The way one packet took to {@code node}, walked back from its arrival there: a flooded frame
     * (an unknown MAC in a segment) has hops to several places, and only this chain reached the node.
     */
    List<TraceEvent.PacketSent> wayTo(long packetId, String node, long arrivedNs) {
        List<TraceEvent.PacketSent> hops = hops(packetId);
        List<TraceEvent.PacketSent> way = new ArrayList<>();
        String at = node;
        long before = arrivedNs;
        while (way.size() <= hops.size()) {
            TraceEvent.PacketSent into = null;
            for (TraceEvent.PacketSent hop : hops) {
                if (hop.toNode().equals(at) && hop.arriveNs() <= before && !way.contains(hop) && (into == null || hop.arriveNs() > into.arriveNs())) {
                    into = hop;
                }
            }
            if (into == null) {
                break;
            }
            way.add(0, into);
            at = into.fromNode();
            before = into.departNs();
        }
        return way;
    }

    /** The first packet of {@code kind} (and its flow and sequence, for an echo) in this window. */
    Optional<TraceEvent.PacketSent> firstPacket(PacketKind kind, Predicate<TraceEvent.PacketSent> filter, long fromNs) {
        return first(TraceEvent.PacketSent.class, p -> p.kind() == kind && filter.test(p), fromNs);
    }

    static List<String> nodesOf(List<TraceEvent.PacketSent> hops) {
        List<String> nodes = new ArrayList<>();
        for (TraceEvent.PacketSent hop : hops) {
            if (nodes.isEmpty()) {
                nodes.add(hop.fromNode());
            }
            if (!hop.toNode().equals(nodes.get(nodes.size() - 1))) {
                nodes.add(hop.toNode());
            }
        }
        return nodes;
    }

    static List<String> linksOf(List<TraceEvent.PacketSent> hops) {
        return hops.stream().map(TraceEvent.PacketSent::link).distinct().toList();
    }

    String stepId(StepKind kind) {
        return id() + "/" + kind.key();
    }

    String stepId(StepKind kind, String qualifier) {
        return id() + "/" + kind.key() + "/" + qualifier;
    }
}
