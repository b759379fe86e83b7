package org.warplab.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.Client;
import org.warplab.model.IpAddress;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.ProbeFlow;
import org.warplab.model.ProbeKind;
import org.warplab.model.Router;
import org.warplab.model.RouterFunction;
import org.warplab.model.Vm;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.WanRouting;

/**
 * The packet events of a live run — every probe and echo hop by hop, where it was delivered or
 * lost — built from what the agents measured: the probe agent's send and echo times, the echo
 * agent's arrival and departure times at the VM, and the delay relay's capture and release of each
 * probe and echo on every relayed link (with the addresses as on the wire). A hop over a relayed
 * link carries the relay's own times; the hops between two measured points (undelayed links, a
 * router's forwarding) share the measured interval between those points evenly. The way between
 * measured points follows the lab's static routes ({@link WanRouting}, as the generated configs
 * route) to where the VM was at that instant. A translation is reported where the addresses
 * measured at two points differ, at the translator between them. Nothing is drawn where nothing
 * was measured: a probe whose fate is unknown keeps the hops it was seen on.
 */
public final class LivePacketTrace {

    /** Agent names, as {@link LiveRunner} starts them: "probe FLOW", "echo VM", "relay". */
    static final String PROBE_AGENT = "probe ";
    static final String ECHO_AGENT = "echo ";
    static final String RELAY_AGENT = "relay";
    /** An Ethernet header on top of the flow's IP packet size. */
    static final int ETHERNET_BYTES = 14;
    private static final long UNKNOWN = Long.MIN_VALUE;
    /** How long after a probe its echo is still waited for: as long as {@link LiveRunner} waits when it counts lost probes. */
    static final long ECHO_WAIT_NS = LiveRunner.SETTLE_NS / 2;

    private final Lab lab;
    /** Where the scheme aims a client's probes. */
    private final LiveScheme scheme;
    private final long originNs;
    private final LiveRoutes routes;
    private final List<TraceEvent> out = new ArrayList<>();

    private LivePacketTrace(Lab lab, long originNs, List<TraceEvent> stateEvents) {
        this.lab = lab;
        this.scheme = LiveScheme.of(lab);
        this.originNs = originNs;
        this.routes = new LiveRoutes(lab, originNs, stateEvents);
    }

    /**
     * The packet events of a run.
     *
     * @param agentEvents every agent's events, in host monotonic time as they reported them
     * @param originNs    the host time of the run's 0: the returned events are relative to it, and probes sent before it are left out
     * @param stateEvents the run's VM moves (relative times), which say where each VM was at each instant
     */
    public static List<TraceEvent> events(Lab lab, List<AgentEvent> agentEvents, long originNs, List<TraceEvent> stateEvents) {
        LivePacketTrace trace = new LivePacketTrace(lab, originNs, stateEvents);
        trace.build(agentEvents);
        trace.out.sort(Comparator.comparingLong(TraceEvent::timeNs));
        return trace.out;
    }

    /** A probe of a flow: its sequence number and its send stamp, which the echo and the relay report back. */
    private record Key(long sentNs, long sequence) { }

    /** What was seen of one probe and its echo (absolute host times). */
    private static final class Seen {
        final long sequence;
        final long sentNs;
        long echoArrivedNs = UNKNOWN;
        long roundTripNs;
        String echoSource;
        long atVmNs = UNKNOWN;
        long echoLeftNs = UNKNOWN;
        String vmSawSource;
        boolean discardedAtVm;
        final List<AgentEvent> probeHops = new ArrayList<>();
        final List<AgentEvent> echoHops = new ArrayList<>();
        AgentEvent relayLost;

        Seen(long sequence, long sentNs) {
            this.sequence = sequence;
            this.sentNs = sentNs;
        }
    }

    private void build(List<AgentEvent> agentEvents) {
        Map<String, Map<Key, Seen>> byFlow = new LinkedHashMap<>();
        Map<Key, Seen> all = new HashMap<>();
        Map<String, List<AgentEvent>> failures = new LinkedHashMap<>();
        for (AgentEvent e : agentEvents) {
            if (e.agent().startsWith(PROBE_AGENT) && e.is(AgentEvent.Kind.SENT)) {
                Seen seen = new Seen(e.number("seq"), e.timeNs());
                byFlow.computeIfAbsent(e.agent().substring(PROBE_AGENT.length()), k -> new LinkedHashMap<>()).put(new Key(e.timeNs(), seen.sequence), seen);
                all.put(new Key(e.timeNs(), seen.sequence), seen);
            } else if (e.agent().startsWith(PROBE_AGENT) && e.is(AgentEvent.Kind.SEND_FAILED)) {
                failures.computeIfAbsent(e.agent().substring(PROBE_AGENT.length()), k -> new ArrayList<>()).add(e);
            }
        }
        for (Map<Key, Seen> flow : byFlow.values()) {
            Map<Long, Seen> bySequence = new HashMap<>();
            flow.values().forEach(s -> bySequence.put(s.sequence, s));
            for (AgentEvent e : agentEvents) {
                if (e.agent().startsWith(PROBE_AGENT) && e.is(AgentEvent.Kind.ECHO) && flow == byFlow.get(e.agent().substring(PROBE_AGENT.length()))) {
                    Seen seen = bySequence.get(e.number("seq"));
                    if (seen != null && seen.echoArrivedNs == UNKNOWN) {
                        seen.echoArrivedNs = e.timeNs();
                        seen.roundTripNs = e.number("rtt");
                        seen.echoSource = e.text("from");
                    }
                }
            }
        }
        for (AgentEvent e : agentEvents) {
            // the reports that name a probe by its send stamp and sequence number
            boolean namesAProbe = e.is(AgentEvent.Kind.ECHOED) || e.is(AgentEvent.Kind.DISCARDED) || e.is(AgentEvent.Kind.CARRIED)
                    || e.is(AgentEvent.Kind.RELAY_LOST);
            Seen seen = namesAProbe ? all.get(new Key(e.number("sent"), e.number("seq"))) : null;
            if (seen == null) {
                continue;
            }
            if (e.agent().startsWith(ECHO_AGENT) && seen.atVmNs == UNKNOWN && (e.is(AgentEvent.Kind.ECHOED) || e.is(AgentEvent.Kind.DISCARDED))) {
                seen.atVmNs = e.timeNs();
                seen.vmSawSource = e.text("from");
                seen.discardedAtVm = e.is(AgentEvent.Kind.DISCARDED);
                seen.echoLeftNs = seen.discardedAtVm ? UNKNOWN : e.number("left");
            } else if (e.agent().equals(RELAY_AGENT) && e.is(AgentEvent.Kind.CARRIED)) {
                (e.flag("echo") ? seen.echoHops : seen.probeHops).add(e);
            } else if (e.agent().equals(RELAY_AGENT) && e.is(AgentEvent.Kind.RELAY_LOST) && seen.relayLost == null) {
                seen.relayLost = e;
            }
        }
        // the relay's threads (one per direction) write their reports when they get to it: the order of capture is the packet's order
        for (Seen seen : all.values()) {
            seen.probeHops.sort(Comparator.comparingLong(e -> e.number("captured")));
            seen.echoHops.sort(Comparator.comparingLong(e -> e.number("captured")));
        }
        List<ProbeFlow> flows = lab.traffic();
        for (int i = 0; i < flows.size(); i++) {
            ProbeFlow flow = flows.get(i);
            Map<Key, Seen> seen = byFlow.get(flow.id());
            if (flow.kind() != ProbeKind.UDP_ECHO || seen == null) {
                continue;
            }
            Client client = lab.node(flow.client(), Client.class).orElse(null);
            Vm vm = lab.node(flow.vm(), Vm.class).orElse(null);
            if (client == null || vm == null) {
                continue;
            }
            Optional<IpAddress> target = scheme.probeTarget(client, vm);
            if (target.isEmpty()) {
                continue;
            }
            String clientAddress = client.address(target.get().family()).orElseThrow().address().toString();
            // a probe with no echo is lost once a later probe's echo has come back (the network does not reorder by that
            // much), or once the flow went on sending for as long as the run waits for echoes (LiveRunner counts the same way)
            long lastEchoed = seen.values().stream().filter(s -> s.echoArrivedNs != UNKNOWN).mapToLong(s -> s.sentNs).max().orElse(UNKNOWN);
            long lastSent = seen.values().stream().mapToLong(s -> s.sentNs).max().orElse(UNKNOWN);
            for (Seen s : seen.values()) {
                if (s.sentNs - originNs >= 0) {
                    boolean lost = s.sentNs < lastEchoed || lastSent - s.sentNs >= ECHO_WAIT_NS;
                    new Probe(i, flow, client, vm, clientAddress, target.get().toString(), s, lost).emit();
                }
            }
            for (AgentEvent failed : failures.getOrDefault(flow.id(), List.of())) {
                if (failed.timeNs() - originNs >= 0) {
                    long seq = failed.number("seq");
                    out.add(new TraceEvent.Dropped(rel(failed.timeNs()), probeId(i, seq), PacketKind.PROBE, flow.id(), seq, client.id(), null,
                            client.id() + " could not send it: " + failed.text("reason")));
                }
            }
        }
    }

    /** Probe and echo ids: distinct per flow, sequence and direction. */
    static long probeId(int flowIndex, long sequence) {
        return ((long) (flowIndex + 1) << 40) | (sequence << 1);
    }

    static long echoId(int flowIndex, long sequence) {
        return probeId(flowIndex, sequence) | 1;
    }

    /** A point the packet is known to have been at: a node, when (UNKNOWN: passed at a time not measured), its addresses there. */
    private record Point(String node, long timeNs, String source, String destination) { }

    /** A hop whose times were measured (the relay's capture and release). */
    private record Measured(String fromNode, String link, String toNode, long departNs, long arriveNs, String source, String destination) { }

    /** A hop as drawn; {@code afterTurn} once the packet has passed the VM (the probe became its echo). */
    private record Hop(String fromNode, String link, String toNode, long departNs, long arriveNs, String source, String destination,
                       boolean afterTurn) { }

    private record Translation(long timeNs, String node, String field, String from, String to, boolean afterTurn) { }

    /** Where a walk got: its hops, translations, and the last node and time it is known at. */
    private static final class Walk {
        final List<Hop> hops = new ArrayList<>();
        final List<Translation> translations = new ArrayList<>();
        String node;
        long timeNs;
        String source;
        String destination;
        boolean afterTurn;
        boolean complete = true;
    }

    /** One probe and its echo, turned into events. */
    private final class Probe {
        private final int flowIndex;
        private final ProbeFlow flow;
        private final Client client;
        private final Vm vm;
        private final String clientAddress;
        private final String vmAddress;
        private final Seen seen;
        private final boolean lost;

        Probe(int flowIndex, ProbeFlow flow, Client client, Vm vm, String clientAddress, String vmAddress, Seen seen, boolean lost) {
            this.flowIndex = flowIndex;
            this.flow = flow;
            this.client = client;
            this.vm = vm;
            this.clientAddress = clientAddress;
            this.vmAddress = vmAddress;
            this.seen = seen;
            this.lost = lost;
        }

        void emit() {
            List<Object> probe = new ArrayList<>();
            probe.add(new Point(client.id(), seen.sentNs, clientAddress, vmAddress));
            seen.probeHops.forEach(h -> probe.add(measured(h)));
            boolean echoedBack = seen.echoArrivedNs != UNKNOWN;
            if (seen.atVmNs != UNKNOWN) {
                probe.add(new Point(vm.id(), seen.atVmNs, normal(seen.vmSawSource), vmAddress));
                Walk in = walk(probe, false);
                hops(in, false);
                if (!in.complete) {
                    return;
                }
                out.add(new TraceEvent.Delivered(rel(seen.atVmNs), probeId(flowIndex, seen.sequence), PacketKind.PROBE, flow.id(), seen.sequence, vm.id(),
                        seen.atVmNs - seen.sentNs));
                if (seen.discardedAtVm) {
                    out.add(new TraceEvent.Dropped(rel(seen.atVmNs), probeId(flowIndex, seen.sequence), PacketKind.PROBE, flow.id(), seen.sequence, vm.id(),
                            null, vm.id() + " is paused (stop-and-copy): the probe reached it and got no echo"));
                    return;
                }
                List<Object> echo = new ArrayList<>();
                echo.add(new Point(vm.id(), seen.echoLeftNs, vmAddress, normal(seen.vmSawSource)));
                seen.echoHops.forEach(h -> echo.add(measured(h)));
                if (echoedBack) {
                    echo.add(new Point(client.id(), seen.echoArrivedNs, normal(seen.echoSource), clientAddress));
                }
                Walk back = walk(echo, true);
                hops(back, true);
                end(back, echoedBack, true);
            } else if (echoedBack) {
                // no report from the VM's side (a QEMU guest answers by itself): the VM is passed at a time not measured
                probe.add(new Point(vm.id(), UNKNOWN, null, null));
                seen.echoHops.forEach(h -> probe.add(measured(h)));
                probe.add(new Point(client.id(), seen.echoArrivedNs, normal(seen.echoSource), clientAddress));
                Walk round = walk(probe, false);
                hops(round, false);
                end(round, true, true);
            } else {
                Walk in = walk(probe, false);
                hops(in, false);
                end(in, false, false);
            }
        }

        /** The packet's end: delivered to the client, dropped where the data says, or left open when nothing says. */
        private void end(Walk walk, boolean delivered, boolean echo) {
            long id = echo ? echoId(flowIndex, seen.sequence) : probeId(flowIndex, seen.sequence);
            PacketKind kind = echo ? PacketKind.ECHO : PacketKind.PROBE;
            if (delivered) {
                if (walk.complete) {
                    out.add(new TraceEvent.Delivered(rel(seen.echoArrivedNs), echoId(flowIndex, seen.sequence), PacketKind.ECHO, flow.id(), seen.sequence,
                            client.id(), seen.roundTripNs));
                }
                return;
            }
            if (seen.relayLost != null && seen.relayLost.flag("echo") == echo) {
                Link link = lab.link(seen.relayLost.text("link")).orElse(null);
                String from = link == null ? null : seen.relayLost.text("side").equals("a") ? link.a() : link.b();
                out.add(new TraceEvent.Dropped(rel(seen.relayLost.timeNs()), id, kind, flow.id(), seen.sequence, from, seen.relayLost.text("link"),
                        "lost on " + seen.relayLost.text("link") + (link == null ? "" : " (loss " + link.lossPercent() + "%)")));
            } else if (lost) {
                String last = walk.hops.isEmpty() ? null : walk.hops.get(walk.hops.size() - 1).link();
                String reason = last == null ? "no echo came back; the probe was not seen past " + walk.node
                        : "last seen reaching " + walk.node + " over " + last + "; " + (echo ? "the echo never reached " + client.id()
                        : vm.id() + " never received it");
                out.add(new TraceEvent.Dropped(rel(walk.timeNs), id, kind, flow.id(), seen.sequence, walk.node, null, reason));
            }
        }

        private void hops(Walk walk, boolean echo) {
            long size = flow.packetBytes() + ETHERNET_BYTES;
            for (Hop h : walk.hops) {
                boolean isEcho = echo || h.afterTurn();
                long id = isEcho ? echoId(flowIndex, seen.sequence) : probeId(flowIndex, seen.sequence);
                out.add(new TraceEvent.PacketSent(rel(h.departNs()), id, isEcho ? PacketKind.ECHO : PacketKind.PROBE, flow.id(), seen.sequence,
                        h.fromNode(), h.link(), h.toNode(), rel(h.departNs()), rel(h.arriveNs()), h.source(), h.destination(), (int) size));
            }
            for (Translation t : walk.translations) {
                long id = echo || t.afterTurn() ? echoId(flowIndex, seen.sequence) : probeId(flowIndex, seen.sequence);
                out.add(new TraceEvent.Translated(rel(t.timeNs()), id, t.node(), t.field(), t.from(), t.to()));
            }
        }
    }

    private Measured measured(AgentEvent carried) {
        Link link = lab.link(carried.text("link")).orElseThrow(() -> new IllegalStateException("the relay reported a link the lab has not: "
                + carried.text("link")));
        boolean fromA = carried.text("side").equals("a");
        return new Measured(fromA ? link.a() : link.b(), link.id(), fromA ? link.b() : link.a(), carried.number("captured"), carried.timeNs(),
                normal(carried.text("src")), normal(carried.text("dst")));
    }

    /**
     * Walks a packet through its measured points: from each to the next along the routes, the
     * measured hops with their own times, the hops between sharing the interval between evenly.
     * Stops (incomplete) where no route leads to the next point.
     */
    private Walk walk(List<Object> chain, boolean startsAfterTurn) {
        Walk w = new Walk();
        Point first = (Point) chain.get(0);
        w.node = first.node();
        w.timeNs = first.timeNs();
        w.source = first.source();
        w.destination = first.destination();
        w.afterTurn = startsAfterTurn;
        List<String> waypoints = new ArrayList<>();
        for (Object step : chain.subList(1, chain.size())) {
            if (step instanceof Point p && p.timeNs() == UNKNOWN) {
                waypoints.add(p.node());
                continue;
            }
            String target = step instanceof Point p ? p.node() : ((Measured) step).fromNode();
            long at = step instanceof Point p ? p.timeNs() : ((Measured) step).departNs();
            String source = step instanceof Point p ? p.source() : ((Measured) step).source();
            String destination = step instanceof Point p ? p.destination() : ((Measured) step).destination();
            List<String> stops = new ArrayList<>(waypoints);
            stops.add(target);
            waypoints.clear();
            List<List<String[]>> legs = new ArrayList<>();
            String from = w.node;
            int total = 0;
            for (int j = 0; j < stops.size(); j++) {
                String stop = stops.get(j);
                // a VM reached at a measured time is where it was then; otherwise where it was when the packet was last measured
                Optional<List<String[]>> leg = routes.route(from, stop, j == stops.size() - 1 ? Math.max(at, w.timeNs) : w.timeNs);
                if (leg.isEmpty()) {
                    w.complete = false;
                    return w;
                }
                legs.add(leg.get());
                total += leg.get().size();
                from = stop;
            }
            // the waypoints were passed at times not measured: each hop of the way gets the same share
            long start = w.timeNs;
            long until = Math.max(at, start);
            int done = 0;
            for (int j = 0; j < legs.size(); j++) {
                done += legs.get(j).size();
                boolean last = j == legs.size() - 1;
                long legEnd = last || total == 0 ? until : start + (until - start) * done / total;
                fill(w, legs.get(j), legEnd, last && source != null ? source : w.source, last && destination != null ? destination : w.destination);
                Optional<Vm> turned = last ? Optional.empty() : lab.node(stops.get(j), Vm.class);
                if (turned.isPresent()) {
                    // the VM answers: its echo goes back to whoever the probe came from
                    String sender = w.source;
                    w.source = turned.get().addresses().stream().map(IpAddress::toString)
                            .filter(a -> sender == null || a.contains(":") == sender.contains(":")).findFirst().orElse(null);
                    w.destination = sender;
                    w.afterTurn = true;
                }
            }
            if (step instanceof Measured m) {
                long arrive = Math.max(m.arriveNs(), m.departNs());
                w.hops.add(new Hop(m.fromNode(), m.link(), m.toNode(), Math.max(m.departNs(), w.timeNs), Math.max(arrive, w.timeNs),
                        w.source, w.destination, w.afterTurn));
                w.node = m.toNode();
                w.timeNs = Math.max(arrive, w.timeNs);
            }
        }
        return w;
    }

    /** Adds the unmeasured hops of {@code route}, each an equal share of the time until {@code untilNs}, translating where the addresses changed. */
    private void fill(Walk w, List<String[]> route, long untilNs, String source, String destination) {
        boolean sourceChanged = source != null && !source.equals(w.source);
        boolean destinationChanged = destination != null && !destination.equals(w.destination);
        int translateAt = -1; // the index of the node (0: where the walk is) that rewrote the addresses
        if (sourceChanged || destinationChanged) {
            for (int i = 0; i <= route.size() && translateAt < 0; i++) {
                String node = i == 0 ? w.node : route.get(i - 1)[2];
                if (lab.node(node, Router.class).isPresent() && lab.functionsOf(node).contains(RouterFunction.TRANSLATOR)) {
                    translateAt = i;
                }
            }
        }
        long start = w.timeNs;
        long span = untilNs - start;
        int n = route.size();
        for (int i = 0; i <= n; i++) {
            long at = n == 0 ? untilNs : start + span * i / n;
            if (i == translateAt || (translateAt < 0 && i == n)) {
                if (translateAt >= 0 && sourceChanged) {
                    w.translations.add(new Translation(at, i == 0 ? w.node : route.get(i - 1)[2], "source", w.source, source, w.afterTurn));
                }
                if (translateAt >= 0 && destinationChanged) {
                    w.translations.add(new Translation(at, i == 0 ? w.node : route.get(i - 1)[2], "destination", w.destination, destination, w.afterTurn));
                }
                w.source = source;
                w.destination = destination;
            }
            if (i == n) {
                break;
            }
            String[] hop = route.get(i);
            w.hops.add(new Hop(hop[0], hop[1], hop[2], at, start + span * (i + 1) / n, w.source, w.destination, w.afterTurn));
        }
        w.node = n == 0 ? w.node : route.get(n - 1)[2];
        w.timeNs = untilNs;
    }

    private long rel(long hostNs) {
        return hostNs - originNs;
    }

    /** An address in the model's own spelling (IPv6 compressed), so addresses from agents and the lab compare; null stays null. */
    private static String normal(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            return IpAddress.parse(address.replaceFirst("%.*$", "")).toString();
        } catch (RuntimeException e) {
            return address; // not an address after all: compared as the agent wrote it
        }
    }
}
