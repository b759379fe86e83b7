package org.warplab.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Router;
import org.warplab.model.Vm;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.WanRouting;

/**
 * The way a packet takes through a live lab at a given instant: the lab's static routes
 * ({@link WanRouting}, as the generated configs route) to where each VM was then, from the run's
 * VM moves. {@link LivePacketTrace} and {@link LiveSignalTrace} fill the hops between two measured
 * points with it.
 */
final class LiveRoutes {
    private final Lab lab;
    private final long originNs;
    private final Map<String, List<TraceEvent.VmMoved>> moves = new HashMap<>();
    private final Map<String, WanRouting.Paths> paths = new HashMap<>();

    /**
     * @param originNs    the host time of the run's 0 (the times asked about are host times)
     * @param stateEvents the run's VM moves (relative times)
     */
    LiveRoutes(Lab lab, long originNs, List<TraceEvent> stateEvents) {
        this.lab = lab;
        this.originNs = originNs;
        for (TraceEvent e : stateEvents) {
            if (e instanceof TraceEvent.VmMoved m) {
                moves.computeIfAbsent(m.vm(), k -> new ArrayList<>()).add(m);
            }
        }
        moves.values().forEach(list -> list.sort(Comparator.comparingLong(TraceEvent::timeNs)));
    }

    /**
     * The way from node {@code a} to node {@code b} as (from, link, to) hops: a VM is reached
     * through the data center it was in at {@code atNs}; clients and data centers through the
     * router their LAN link joins; between routers, hop by hop along each router's own shortest
     * path, as the static routes go. Empty when there is no way.
     */
    Optional<List<String[]>> route(String a, String b, long atNs) {
        List<String[]> hops = new ArrayList<>();
        if (a.equals(b)) {
            return Optional.of(hops);
        }
        if (lab.node(a, Vm.class).isPresent()) {
            String dc = locationOf(a, atNs);
            hops.add(new String[] {a, dc + ":" + a, dc});
            Optional<List<String[]>> rest = route(dc, b, atNs);
            rest.ifPresent(hops::addAll);
            return rest.map(r -> hops);
        }
        if (lab.node(b, Vm.class).isPresent()) {
            String dc = locationOf(b, atNs);
            Optional<List<String[]>> to = route(a, dc, atNs);
            to.ifPresent(hops::addAll);
            hops.add(new String[] {dc, dc + ":" + b, b});
            return to.map(r -> hops);
        }
        List<Link> aLinks = isRouter(a) ? List.of() : attachments(a);
        List<Link> bLinks = isRouter(b) ? List.of() : attachments(b);
        if (!isRouter(a) && aLinks.stream().anyMatch(l -> l.other(a).equals(b))) {
            Link direct = aLinks.stream().filter(l -> l.other(a).equals(b)).findFirst().orElseThrow();
            hops.add(new String[] {a, direct.id(), b});
            return Optional.of(hops);
        }
        List<String> aRouters = isRouter(a) ? List.of(a) : aLinks.stream().map(l -> l.other(a)).toList();
        List<String> bRouters = isRouter(b) ? List.of(b) : bLinks.stream().map(l -> l.other(b)).toList();
        for (String ra : aRouters) {
            for (String rb : bRouters) {
                Optional<List<String[]>> middle = betweenRouters(ra, rb);
                if (middle.isPresent()) {
                    if (!ra.equals(a)) {
                        hops.add(new String[] {a, aLinks.get(aRouters.indexOf(ra)).id(), ra});
                    }
                    hops.addAll(middle.get());
                    if (!rb.equals(b)) {
                        hops.add(new String[] {rb, bLinks.get(bRouters.indexOf(rb)).id(), b});
                    }
                    return Optional.of(hops);
                }
            }
        }
        return Optional.empty();
    }

    private boolean isRouter(String node) {
        return lab.node(node, Router.class).isPresent();
    }

    /** The links joining a client or data center to a router (management links carry no probes). */
    private List<Link> attachments(String node) {
        return lab.linksOf(node).stream().filter(l -> l.kind() != LinkKind.MANAGEMENT && isRouter(l.other(node)))
                .sorted(Comparator.comparing(Link::id)).toList();
    }

    private Optional<List<String[]>> betweenRouters(String from, String to) {
        List<String[]> hops = new ArrayList<>();
        String at = from;
        while (!at.equals(to)) {
            Link next = paths.computeIfAbsent(at, r -> WanRouting.shortestPaths(lab, r)).firstLink().get(to);
            if (next == null || hops.size() > lab.nodes().size()) {
                return Optional.empty();
            }
            hops.add(new String[] {at, next.id(), next.other(at)});
            at = next.other(at);
        }
        return Optional.of(hops);
    }

    /** The data center {@code vm} was in at host time {@code atNs}, from the run's VM moves. */
    String locationOf(String vmId, long atNs) {
        String location = lab.node(vmId, Vm.class).map(Vm::dataCenter).orElseThrow();
        for (TraceEvent.VmMoved m : moves.getOrDefault(vmId, List.of())) {
            if (m.timeNs() <= rel(atNs)) {
                location = m.toDataCenter();
            }
        }
        return location;
    }

    private long rel(long hostNs) {
        return hostNs - originNs;
    }
}
