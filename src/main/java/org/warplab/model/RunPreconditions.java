package org.warplab.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a run needs beyond a well-formed lab: something to move and something to measure it with,
 * a path from every client to every place its VM will be, and what the config generator, the
 * emulator and live mode would otherwise refuse (a segment endpoint at every site a segment
 * reaches, VXLAN's IPv4 underlay, Mobile IPv6's /64 and gateways). {@link LabValidator} runs these
 * checks, so the Problems tab, {@code validate}, Configs and Run say the same thing about a lab.
 */
final class RunPreconditions {

    private final Lab lab;
    private final List<Problem> problems;

    private RunPreconditions(Lab lab, List<Problem> problems) {
        this.lab = lab;
        this.problems = problems;
    }

    /** What is missing for a run at all; checked on every lab, even one with other errors. */
    static void checkCompleteness(Lab lab, List<Problem> problems) {
        new RunPreconditions(lab, problems).completeness();
    }

    /** What the runtimes need; only meaningful (and only checked) on a lab without structural errors. */
    static void checkRuntimeNeeds(Lab lab, List<Problem> problems) {
        RunPreconditions checks = new RunPreconditions(lab, problems);
        checks.switchesNotEmulated();
        checks.sitesAttached();
        checks.clientPaths();
        if (lab.scheme() == SchemeKind.SEGMENTATION) {
            lab.schemeConfig(Segmentation.class).ifPresent(checks::segmentation);
        } else if (lab.scheme() == SchemeKind.MOBILE_IPV6) {
            lab.schemeConfig(MobileIpv6.class).ifPresent(checks::mobileIpv6);
        } else if (lab.scheme() == SchemeKind.L2_EXTENSION) {
            for (DataCenter dc : lab.dataCenters()) {
                checks.edgeOf(dc.id()).ifPresent(r -> checks.requireUnderlay(r, "stretched-LAN endpoint"));
            }
        }
    }

    // ---- completeness ------------------------------------------------------------------------

    private void completeness() {
        if (lab.vms().isEmpty()) {
            error("", "nodes", "the lab has no VM, so nothing can migrate",
                    "drag a data center and a VM into it from the palette");
        } else if (lab.migrations().isEmpty()) {
            error("", "migrations", "the lab has no migration, so nothing moves and nothing can be measured",
                    "add a migration in the Plan tab (which VM moves, where to, when)");
        }
        if (lab.clients().isEmpty()) {
            error("", "nodes", "the lab has no client, so nobody sees the migration",
                    "drag a client from the palette and attach it to a client-edge router");
        } else if (lab.traffic().isEmpty()) {
            error("", "traffic", "the lab has no probe flow, so no gap, loss or latency can be measured",
                    "add a probe flow from a client to the moving VM in the Plan tab");
        }
        Set<String> probed = new HashSet<>();
        lab.traffic().forEach(f -> probed.add(f.vm()));
        for (int i = 0; i < lab.migrations().size(); i++) {
            Migration migration = lab.migrations().get(i);
            if (!lab.traffic().isEmpty() && lab.node(migration.vm(), Vm.class).isPresent() && !probed.contains(migration.vm())) {
                warning(migration.id(), "migrations[" + i + "].vm", "no probe flow goes to '" + migration.vm() + "', which migration '"
                        + migration.id() + "' moves: its gap, loss and latency cannot be measured", "add a probe flow to '" + migration.vm() + "'");
            }
        }
    }

    // ---- what the emulator models ------------------------------------------------------------

    private void switchesNotEmulated() {
        for (EthernetSwitch sw : lab.nodes(EthernetSwitch.class)) {
            error(sw.id(), nodePath(sw.id()), "switch '" + sw.id() + "' cannot run: the emulator and live mode model each data center's LAN as one switch",
                    "remove the switch and attach its data centers and clients to their routers directly");
        }
    }

    private void sitesAttached() {
        for (DataCenter dc : lab.dataCenters()) {
            if (edgeOf(dc.id()).isEmpty() && (!lab.vmsIn(dc.id()).isEmpty() || isDestination(dc.id()))) {
                error(dc.id(), nodePath(dc.id()), "data center '" + dc.id() + "' has no edge router, so its VMs cannot be reached",
                        "attach '" + dc.id() + "' to a server-edge router with a LAN link");
            }
        }
        for (Client client : lab.clients()) {
            if (lanLinkOf(client.id()).isEmpty()) {
                error(client.id(), nodePath(client.id()), "client '" + client.id() + "' is not attached to a router, so its probes go nowhere",
                        "attach it to a client-edge router with a LAN link");
            }
        }
    }

    /** Every client that probes a VM can reach, across WAN links, every data center that VM will be in. */
    private void clientPaths() {
        for (int i = 0; i < lab.traffic().size(); i++) {
            ProbeFlow flow = lab.traffic().get(i);
            Optional<Router> clientEdge = lanLinkOf(flow.client()).flatMap(l -> lab.node(l.other(flow.client()), Router.class));
            if (clientEdge.isEmpty()) {
                continue; // reported with the client
            }
            Set<String> reachable = wanReach(clientEdge.get().id());
            for (String dc : placesOf(flow.vm())) {
                Optional<Router> serverEdge = edgeOf(dc);
                if (serverEdge.isPresent() && !reachable.contains(serverEdge.get().id())) {
                    error(flow.id(), "traffic[" + i + "].client", "client '" + flow.client() + "' has no path to '" + dc + "', where VM '" + flow.vm()
                                    + "' runs during the lab: no chain of WAN links joins '" + clientEdge.get().id() + "' to '" + serverEdge.get().id() + "'",
                            "connect the two routers through the WAN with WAN links");
                }
            }
        }
    }

    private Set<String> wanReach(String from) {
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        seen.add(from);
        queue.add(from);
        while (!queue.isEmpty()) {
            for (String next : lab.neighbours(queue.poll(), LinkKind.WAN)) {
                if (lab.node(next, Router.class).isPresent() && seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }

    /** The data centers a VM is in over the lab: where it starts, then where each migration takes it. */
    private List<String> placesOf(String vmId) {
        List<String> places = new ArrayList<>();
        lab.node(vmId, Vm.class).ifPresent(vm -> places.add(vm.dataCenter()));
        lab.migrations().stream().filter(m -> m.vm().equals(vmId)).map(Migration::to).filter(dc -> !places.contains(dc)).forEach(places::add);
        return places;
    }

    // ---- what the config generator and live mode need per scheme -----------------------------

    private void segmentation(Segmentation s) {
        Set<String> reported = new HashSet<>();
        for (Map.Entry<String, List<String>> placement : placementsByState().entrySet()) {
            for (Vm vm : lab.vms()) {
                if (s.segments().stream().noneMatch(seg -> seg.members().contains(vm.id()))) {
                    continue;
                }
                String dc = placement.getValue().get(lab.vms().indexOf(vm));
                Router edge = edgeOf(dc).orElse(null);
                if (edge != null && !s.endpoints().contains(edge.id()) && reported.add(edge.id())) {
                    error(edge.id(), "schemes.segmentation.endpoints", "'" + edge.id() + "', the edge of '" + dc + "' where '" + vm.id() + "' is "
                            + placement.getKey() + ", is not a segment endpoint", "add '" + edge.id() + "' to the segment endpoints");
                }
            }
        }
        for (Segmentation.Segment segment : s.segments()) {
            for (String member : segment.members()) {
                if (lab.node(member, Client.class).isEmpty()) {
                    continue;
                }
                Router edge = lanLinkOf(member).flatMap(l -> lab.node(l.other(member), Router.class)).orElse(null);
                if (edge != null && !s.endpoints().contains(edge.id()) && reported.add(edge.id())) {
                    error(member, "schemes.segmentation.endpoints", "client '" + member + "' of segment '" + segment.name()
                            + "' is behind '" + edge.id() + "', which is not a segment endpoint", "add '" + edge.id() + "' to the segment endpoints");
                }
            }
        }
        for (String endpoint : s.endpoints()) {
            lab.node(endpoint, Router.class).ifPresent(r -> requireUnderlay(r, "segment endpoint"));
        }
    }

    /** The VMs' data centers (in lab VM order) before any migration, then after each one in time order. */
    private Map<String, List<String>> placementsByState() {
        Map<String, List<String>> states = new LinkedHashMap<>();
        List<String> placement = new ArrayList<>(lab.vms().stream().map(Vm::dataCenter).toList());
        states.put("at the start", List.copyOf(placement));
        List<String> vmIds = lab.vms().stream().map(Vm::id).toList();
        for (Migration migration : lab.migrations().stream().sorted(Comparator.comparingLong(Migration::atNs)).toList()) {
            int index = vmIds.indexOf(migration.vm());
            if (index >= 0) {
                placement.set(index, migration.to());
                states.put("after " + migration.id(), List.copyOf(placement));
            }
        }
        return states;
    }

    private void requireUnderlay(Router router, String what) {
        boolean has = lab.linksOf(router.id()).stream().filter(l -> l.kind() == LinkKind.WAN)
                .anyMatch(l -> l.addressesOf(router.id()).stream().anyMatch(a -> a.family() == IpFamily.IPV4));
        if (!has) {
            error(router.id(), nodePath(router.id()), what + " '" + router.id() + "' has no IPv4 address on a WAN link",
                    "VXLAN runs over the WAN's IPv4: give one of its WAN links IPv4 addresses");
        }
    }

    private void mobileIpv6(MobileIpv6 m) {
        lab.node(m.homeNetwork(), DataCenter.class).ifPresent(home -> {
            if (home.gatewayAddress(IpFamily.IPV6).isEmpty()) {
                error(home.id(), "schemes.mobile-ipv6.homeNetwork", "home network '" + home.id() + "' has no IPv6 gateway address",
                        "the home agent's address is the home network's IPv6 gateway: add one, e.g. the prefix's ::1");
            }
        });
        for (DataCenter dc : lab.dataCenters()) {
            IpPrefix prefix = dc.lanPrefix(IpFamily.IPV6).orElse(null);
            if (dc.id().equals(m.homeNetwork()) || !isDestination(dc.id()) || prefix == null) {
                continue;
            }
            if (prefix.length() != 64) {
                error(dc.id(), nodePath(dc.id()) + ".lanPrefixes", "'" + dc.id() + "' has IPv6 prefix " + prefix + "; SLAAC forms a care-of address only on a /64",
                        "use a /64 for the foreign network");
            }
            if (dc.gatewayAddress(IpFamily.IPV6).isEmpty()) {
                error(dc.id(), nodePath(dc.id()) + ".lanPrefixes", "foreign network '" + dc.id() + "' has no IPv6 gateway address",
                        "a mobile node away from home needs a router: add the gateway's IPv6 address");
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private boolean isDestination(String dataCenterId) {
        return lab.migrations().stream().anyMatch(m -> m.to().equals(dataCenterId));
    }

    /** The LAN link between a data center or client and its router. */
    private Optional<Link> lanLinkOf(String siteId) {
        return lab.links().stream().filter(l -> l.kind() == LinkKind.LAN && l.touches(siteId))
                .filter(l -> lab.node(l.other(siteId), Router.class).isPresent()).findFirst();
    }

    private Optional<Router> edgeOf(String dataCenterId) {
        return lanLinkOf(dataCenterId).flatMap(l -> lab.node(l.other(dataCenterId), Router.class));
    }

    private String nodePath(String id) {
        for (int i = 0; i < lab.nodes().size(); i++) {
            if (lab.nodes().get(i).id().equals(id)) {
                return "nodes[" + i + "]";
            }
        }
        return "nodes";
    }

    private void error(String element, String path, String message, String hint) {
        problems.add(Problem.error(element, path, message, hint));
    }

    private void warning(String element, String path, String message, String hint) {
        problems.add(Problem.warning(element, path, message, hint));
    }
}
