package org.warplab.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validator's checks of the links: ids, ends, kinds and quality, and the WAN's address space (link subnets, client
 * sites, data-center prefixes and network paging's translation targets must not overlap).
 */
final class LinkRules extends ValidationRules {

    LinkRules(Lab lab, List<Problem> problems, Map<String, Integer> nodeIndex) {
        super(lab, problems, nodeIndex);
    }

    @Override
    void check() {
        Set<String> ids = new HashSet<>();
        List<IpPrefix> wanSubnets = new ArrayList<>();
        List<String> wanSubnetPaths = new ArrayList<>();
        List<String> wanSubnetLinks = new ArrayList<>();
        boolean usesIpv6 = lab.nodes().stream().anyMatch(n -> n instanceof DataCenter dc && dc.lanPrefix(IpFamily.IPV6).isPresent());
        for (int i = 0; i < lab.links().size(); i++) {
            Link link = lab.links().get(i);
            String at = "links[" + i + "]";
            if (!LabValidator.ID_PATTERN.matcher(link.id()).matches()) {
                error(link.id(), at + ".id", "'" + link.id() + "' is not a usable id",
                        "start with a letter; use letters, digits, '-' and '_'; at most 16 characters");
            } else if (!ids.add(link.id())) {
                error(link.id(), at + ".id", "the id '" + link.id() + "' is used by another link too", "give each link its own id");
            }
            Node a = endpoint(link, link.a(), at + ".a");
            Node b = endpoint(link, link.b(), at + ".b");
            if (link.a().equals(link.b())) {
                error(link.id(), at + ".b", "link '" + link.id() + "' joins '" + link.a() + "' to itself", "connect two different nodes");
            }
            if (a != null && b != null && !link.a().equals(link.b())) {
                checkLinkKind(link, a, b, at);
            }
            checkLinkQuality(link, at, usesIpv6);
            if (link.kind() != LinkKind.LAN) {
                checkLinkAddresses(link, at, wanSubnets, wanSubnetPaths, wanSubnetLinks);
            }
        }
        checkWanPrefixes(wanSubnets, wanSubnetPaths, wanSubnetLinks);
    }

    private Node endpoint(Link link, String nodeId, String path) {
        Node node = lab.node(nodeId).orElse(null);
        if (node == null) {
            error(link.id(), path, "node '" + nodeId + "' does not exist", "connect the link to a node of this lab");
        }
        return node;
    }

    private void checkLinkKind(Link link, Node a, Node b, String at) {
        String ends = a.kind().label() + " '" + a.id() + "' and " + b.kind().label() + " '" + b.id() + "'";
        switch (link.kind()) {
            case WAN -> {
                if (!(a instanceof Router) || !(b instanceof Router)) {
                    error(link.id(), at + ".kind", "WAN link '" + link.id() + "' joins " + ends, "a WAN link joins two routers; use a LAN link to attach a site");
                }
            }
            case MANAGEMENT -> {
                if (!(a instanceof DataCenter) || !(b instanceof DataCenter)) {
                    error(link.id(), at + ".kind", "management link '" + link.id() + "' joins " + ends, "a management link joins two data centers");
                }
            }
            case LAN -> {
                if (a instanceof Vm || b instanceof Vm) {
                    error(link.id(), at + ".kind", "LAN link '" + link.id() + "' attaches VM directly",
                            "a VM sits inside its data center; link the data center to its edge router instead");
                } else if (a instanceof Router && b instanceof Router) {
                    error(link.id(), at + ".kind", "LAN link '" + link.id() + "' joins two routers", "use a WAN link between routers");
                } else if (!(a instanceof Router) && !(b instanceof Router) && !(a instanceof EthernetSwitch) && !(b instanceof EthernetSwitch)) {
                    error(link.id(), at + ".kind", "LAN link '" + link.id() + "' joins " + ends,
                            "a LAN link attaches a site (data center or client) to its router or to a switch");
                }
            }
        }
    }

    private void checkLinkQuality(Link link, String at, boolean usesIpv6) {
        if (link.delayNs() < 0) {
            error(link.id(), at + ".delayMs", "link '" + link.id() + "' has a negative delay", "use 0 or more milliseconds");
        }
        if (link.jitterNs() < 0) {
            error(link.id(), at + ".jitterMs", "link '" + link.id() + "' has a negative jitter", "use 0 or more milliseconds");
        } else if (link.delayNs() >= 0 && link.jitterNs() > link.delayNs()) {
            error(link.id(), at + ".jitterMs", "link '" + link.id() + "' has more jitter than delay", "keep jitter at most the delay, so no packet arrives before it was sent");
        }
        if (link.bandwidthBps() <= 0) {
            error(link.id(), at + ".bandwidthMbps", "link '" + link.id() + "' has no bandwidth", "set a positive bandwidth, e.g. 1000 Mbit/s");
        }
        if (link.lossPercent() < 0 || link.lossPercent() > 100 || Double.isNaN(link.lossPercent())) {
            error(link.id(), at + ".lossPercent", "link '" + link.id() + "' has loss " + link.lossPercent() + " %", "use a percentage from 0 to 100");
        }
        int minMtu = usesIpv6 ? LabValidator.MIN_IPV6_MTU : LabValidator.MIN_MTU;
        if (link.mtu() < minMtu || link.mtu() > LabValidator.MAX_MTU) {
            error(link.id(), at + ".mtu", "link '" + link.id() + "' has MTU " + link.mtu(),
                    "use " + minMtu + " to " + LabValidator.MAX_MTU + (usesIpv6 ? " (IPv6 needs at least 1280)" : ""));
        }
        if (link.cost() < 1) {
            error(link.id(), at + ".cost", "link '" + link.id() + "' has cost " + link.cost(), "routing costs are 1 or more");
        }
    }

    private void checkLinkAddresses(Link link, String at, List<IpPrefix> wanSubnets, List<String> paths, List<String> owners) {
        if (link.aAddresses().isEmpty() || link.bAddresses().isEmpty()) {
            error(link.id(), at + (link.aAddresses().isEmpty() ? ".aAddresses" : ".bAddresses"),
                    link.kind().key().toUpperCase(java.util.Locale.ROOT).replace("MANAGEMENT", "management") + " link '" + link.id() + "' has no address at its "
                            + (link.aAddresses().isEmpty() ? "'" + link.a() + "'" : "'" + link.b() + "'") + " end",
                    "give both ends an address in one subnet, e.g. 10.0.12.1/30 and 10.0.12.2/30");
            return;
        }
        for (int i = 0; i < link.aAddresses().size(); i++) {
            InterfaceAddress a = link.aAddresses().get(i);
            InterfaceAddress b = link.bAddresses().stream().filter(x -> x.family() == a.family()).findFirst().orElse(null);
            if (b == null) {
                error(link.id(), at + ".bAddresses", "link '" + link.id() + "' has an " + a.family().label() + " address at '" + link.a() + "' only",
                        "give '" + link.b() + "' an " + a.family().label() + " address in " + a.subnet());
            } else if (!a.subnet().equals(b.subnet())) {
                error(link.id(), at + ".bAddresses", "the ends of link '" + link.id() + "' are in different subnets (" + a.subnet() + " and " + b.subnet() + ")",
                        "put both ends in one subnet");
            } else if (a.address().equals(b.address())) {
                error(link.id(), at + ".bAddresses", "both ends of link '" + link.id() + "' have the address " + a.address(), "give each end its own address");
            } else if (link.kind() == LinkKind.WAN) {
                wanSubnets.add(a.subnet());
                paths.add(at + ".aAddresses[" + i + "]");
                owners.add(link.id());
            }
        }
        for (InterfaceAddress b : link.bAddresses()) {
            if (link.aAddresses().stream().noneMatch(x -> x.family() == b.family())) {
                error(link.id(), at + ".aAddresses", "link '" + link.id() + "' has an " + b.family().label() + " address at '" + link.b() + "' only",
                        "give '" + link.a() + "' an " + b.family().label() + " address in " + b.subnet());
            }
        }
    }

    /** The WAN's address space: link subnets, client sites, and the data-center prefixes as the WAN sees them. */
    private void checkWanPrefixes(List<IpPrefix> subnets, List<String> paths, List<String> owners) {
        for (Client client : lab.clients()) {
            for (int a = 0; a < client.addresses().size(); a++) {
                subnets.add(client.addresses().get(a).subnet());
                paths.add(nodePath(client.id()) + ".addresses[" + a + "]");
                owners.add(client.id());
            }
        }
        NetworkPaging paging = lab.scheme() == SchemeKind.NETWORK_PAGING ? lab.schemeConfig(NetworkPaging.class).orElse(null) : null;
        if (lab.scheme() != SchemeKind.SEGMENTATION) {
            for (DataCenter dc : lab.dataCenters()) {
                for (int p = 0; p < dc.lanPrefixes().size(); p++) {
                    subnets.add(dc.lanPrefixes().get(p));
                    paths.add(nodePath(dc.id()) + ".lanPrefixes[" + p + "]");
                    owners.add(dc.id());
                }
            }
        }
        for (int i = 0; i < subnets.size(); i++) {
            for (int j = i + 1; j < subnets.size(); j++) {
                if (owners.get(i).equals(owners.get(j)) || !subnets.get(i).overlaps(subnets.get(j))) {
                    continue;
                }
                boolean bothDataCenters = lab.node(owners.get(i), DataCenter.class).isPresent()
                        && lab.node(owners.get(j), DataCenter.class).isPresent();
                if (bothDataCenters) {
                    // identical server subnets are the "address warping" setting; paging checks its translations below
                    continue;
                }
                error(owners.get(j), paths.get(j), "WAN prefix " + subnets.get(j) + " of '" + owners.get(j) + "' overlaps " + subnets.get(i) + " of '" + owners.get(i) + "'",
                        "every subnet reachable across the WAN needs its own address range");
            }
        }
        if (paging != null) {
            checkTranslationTargets(paging, subnets, owners);
        }
    }

    private void checkTranslationTargets(NetworkPaging paging, List<IpPrefix> subnets, List<String> owners) {
        for (int i = 0; i < paging.serverEdges().size(); i++) {
            NetworkPaging.Translation t = paging.serverEdges().get(i);
            String path = "schemes.network-paging.serverEdges[" + i + "].wanPrefix";
            for (int s = 0; s < subnets.size(); s++) {
                if (subnets.get(s).overlaps(t.wanPrefix())) {
                    error(t.router(), path, "translation target " + t.wanPrefix() + " overlaps " + subnets.get(s) + " used by '" + owners.get(s) + "'",
                            "choose an S' that nothing else in the lab uses");
                }
            }
            for (int j = 0; j < i; j++) {
                if (paging.serverEdges().get(j).wanPrefix().overlaps(t.wanPrefix())) {
                    error(t.router(), path, "translation target " + t.wanPrefix() + " is also used at '" + paging.serverEdges().get(j).router() + "'",
                            "each server edge needs its own WAN prefix (S', S'', ...)");
                }
            }
        }
    }
}
