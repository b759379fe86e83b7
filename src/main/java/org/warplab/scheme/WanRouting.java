package org.warplab.scheme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Router;

/**
 * Shortest paths over the WAN (routers joined by WAN links, weighted by link {@code cost}) and the
 * static routes they imply. Each advertised prefix is reached at its nearest advertiser (an
 * anycast prefix announced by two edges goes to the closer one); ties go to the lower cost, then
 * the advertiser whose id sorts first, then the neighbour whose id sorts first, so the result is
 * the same on every run. Pure: the same lab and advertisements give the same routes.
 */
public final class WanRouting {

    private WanRouting() {
    }

    /** Path cost from {@code source} to every router it can reach, and the first link of one shortest path. */
    public record Paths(String source, Map<String, Long> cost, Map<String, Link> firstLink) {
    }

    public static Paths shortestPaths(Lab lab, String source) {
        Map<String, Long> cost = new HashMap<>();
        Map<String, Link> first = new HashMap<>();
        record Entry(long cost, String router, Link firstLink) { }
        PriorityQueue<Entry> queue = new PriorityQueue<>(Comparator.comparingLong(Entry::cost).thenComparing(Entry::router)
                .thenComparing(e -> e.firstLink() == null ? "" : e.firstLink().id()));
        queue.add(new Entry(0, source, null));
        while (!queue.isEmpty()) {
            Entry e = queue.poll();
            if (cost.containsKey(e.router())) {
                continue;
            }
            cost.put(e.router(), e.cost());
            if (e.firstLink() != null) {
                first.put(e.router(), e.firstLink());
            }
            for (Link link : wanLinks(lab, e.router())) {
                String next = link.other(e.router());
                if (!cost.containsKey(next)) {
                    queue.add(new Entry(e.cost() + Math.max(1, link.cost()), next, e.firstLink() == null ? link : e.firstLink()));
                }
            }
        }
        return new Paths(source, cost, first);
    }

    private static List<Link> wanLinks(Lab lab, String router) {
        return lab.links().stream()
                .filter(l -> l.kind() == LinkKind.WAN && l.touches(router))
                .filter(l -> lab.node(l.other(router), Router.class).isPresent())
                .sorted(Comparator.comparing(Link::id))
                .toList();
    }

    /** The subnets of every WAN link, advertised by both of its ends. */
    public static List<Advertisement> wanLinkSubnets(Lab lab) {
        List<Advertisement> ads = new ArrayList<>();
        for (Link link : lab.links()) {
            if (link.kind() != LinkKind.WAN) {
                continue;
            }
            for (String end : List.of(link.a(), link.b())) {
                for (InterfaceAddress address : link.addressesOf(end)) {
                    ads.add(new Advertisement(end, address.subnet(), "WAN link " + link.id()));
                }
            }
        }
        return ads;
    }

    /**
     * The static routes of every router: for each advertised prefix that the router does not hold
     * itself ({@code localPrefixes}), the first hop toward its nearest advertiser. A prefix whose
     * first link has no address of the prefix's family on the far end gets no route there.
     */
    public static Map<String, List<Route>> routes(Lab lab, List<Advertisement> advertisements, Map<String, Set<IpPrefix>> localPrefixes) {
        Map<IpPrefix, List<String>> originsByPrefix = new LinkedHashMap<>();
        for (Advertisement ad : advertisements) {
            List<String> origins = originsByPrefix.computeIfAbsent(ad.prefix(), p -> new ArrayList<>());
            if (!origins.contains(ad.router())) {
                origins.add(ad.router());
            }
        }
        Map<String, List<Route>> result = new TreeMap<>();
        for (Router router : lab.routers()) {
            Paths paths = shortestPaths(lab, router.id());
            Set<IpPrefix> local = localPrefixes.getOrDefault(router.id(), Set.of());
            List<Route> routes = new ArrayList<>();
            for (Map.Entry<IpPrefix, List<String>> entry : originsByPrefix.entrySet()) {
                IpPrefix prefix = entry.getKey();
                if (entry.getValue().contains(router.id()) || local.contains(prefix)) {
                    continue;
                }
                Optional<String> nearest = entry.getValue().stream().filter(paths.cost()::containsKey)
                        .min(Comparator.comparingLong((String o) -> paths.cost().get(o)).thenComparing(o -> o));
                if (nearest.isEmpty()) {
                    continue;
                }
                Link link = paths.firstLink().get(nearest.get());
                String neighbour = link.other(router.id());
                link.addressesOf(neighbour).stream().filter(a -> a.family() == prefix.family()).findFirst().ifPresent(hop ->
                        routes.add(new Route(prefix, hop.address(), InterfaceNames.linkEnd(link), link.id(), nearest.get(),
                                paths.cost().get(nearest.get()))));
            }
            routes.sort(Comparator.comparing((Route r) -> r.destination().family()).thenComparing(r -> r.destination().network())
                    .thenComparingInt(r -> r.destination().length()));
            result.put(router.id(), List.copyOf(routes));
        }
        return result;
    }
}
