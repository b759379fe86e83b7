package org.warplab.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a lab and returns every problem at once, errors and warnings. A lab with no error can be
 * emulated and configured, and runs live wherever live mode supports its scheme: this is the one
 * place that decides whether a lab can run.
 */
public final class LabValidator {

    /** Ids become device and namespace names, so they stay short and plain. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,15}");
    public static final int MIN_MTU = 576;
    public static final int MIN_IPV6_MTU = 1280;
    public static final int MAX_MTU = 9216;

    private final Lab lab;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Integer> nodeIndex = new HashMap<>();

    private LabValidator(Lab lab) {
        this.lab = lab;
    }

    public static List<Problem> validate(Lab lab) {
        LabValidator validator = new LabValidator(lab);
        validator.run();
        return List.copyOf(validator.problems);
    }

    public static boolean hasErrors(List<Problem> problems) {
        return problems.stream().anyMatch(Problem::isError);
    }

    private void run() {
        if (lab.name().isBlank()) {
            error("", "name", "the lab has no name", "give it a short name, e.g. \"Paging demo\"");
        }
        if (lab.durationNs() <= 0) {
            error("", "durationMs", "the run duration must be positive", "set the run duration to a few seconds, e.g. 5000 ms");
        }
        checkNodes();
        checkLinks();
        checkSchemes();
        checkMigrations();
        checkSameTimeMigrations();
        checkTraffic();
        problems.addAll(LabLimits.check(lab));
        checkRunPreconditions();
    }

    /** What a run needs beyond a well-formed lab (kept in its own class: see {@link RunPreconditions}). */
    private void checkRunPreconditions() {
        RunPreconditions.checkCompleteness(lab, problems);
        if (!hasErrors(problems)) {
            RunPreconditions.checkRuntimeNeeds(lab, problems);
        }
    }

    // ---- nodes -------------------------------------------------------------------------------

    private void checkNodes() {
        Set<String> linkIds = new HashSet<>();
        lab.links().forEach(l -> linkIds.add(l.id()));
        for (int i = 0; i < lab.nodes().size(); i++) {
            Node node = lab.nodes().get(i);
            String at = "nodes[" + i + "]";
            if (!ID_PATTERN.matcher(node.id()).matches()) {
                error(node.id(), at + ".id", "'" + node.id() + "' is not a usable id",
                        "start with a letter; use letters, digits, '-' and '_'; at most 16 characters");
            } else if (nodeIndex.putIfAbsent(node.id(), i) != null) {
                error(node.id(), at + ".id", "the id '" + node.id() + "' is used by another node too", "give each node its own id");
            } else if (linkIds.contains(node.id())) {
                error(node.id(), at + ".id", "the id '" + node.id() + "' is also a link's id", "ids are shared by nodes and links; rename one");
            }
            if (node.name().isBlank()) {
                error(node.id(), at + ".name", "node '" + node.id() + "' has no name", "give it the name to show on the canvas");
            }
        }
        List<DataCenter> dataCenters = new ArrayList<>();
        for (int i = 0; i < lab.nodes().size(); i++) {
            Node node = lab.nodes().get(i);
            String at = "nodes[" + i + "]";
            if (node instanceof DataCenter dc) {
                checkDataCenter(dc, at);
                dataCenters.add(dc);
            } else if (node instanceof Vm vm) {
                checkVm(vm, at);
            } else if (node instanceof Client client) {
                checkClient(client, at);
            }
        }
        checkGatewayMacs(dataCenters);
        checkDuplicateVmAddresses();
    }

    private void checkDataCenter(DataCenter dc, String at) {
        if (dc.lanPrefixes().isEmpty()) {
            error(dc.id(), at + ".lanPrefixes", "data center '" + dc.id() + "' has no LAN prefix",
                    "add its server subnet, e.g. 172.16.0.0/16");
        }
        Set<IpFamily> families = new HashSet<>();
        for (int p = 0; p < dc.lanPrefixes().size(); p++) {
            IpPrefix prefix = dc.lanPrefixes().get(p);
            if (!families.add(prefix.family())) {
                error(dc.id(), at + ".lanPrefixes[" + p + "]", "data center '" + dc.id() + "' has two " + prefix.family().label() + " LAN prefixes",
                        "keep one prefix per address family");
            }
        }
        for (int g = 0; g < dc.gatewayAddresses().size(); g++) {
            IpAddress gateway = dc.gatewayAddresses().get(g);
            if (dc.lanPrefix(gateway.family()).filter(p -> p.contains(gateway)).isEmpty()) {
                error(dc.id(), at + ".gateway.addresses[" + g + "]", "gateway " + gateway + " of '" + dc.id() + "' is not in its LAN prefix",
                        "use an address inside " + dc.lanPrefix(gateway.family()).map(IpPrefix::toString).orElse("a LAN prefix of the same family"));
            }
        }
        for (IpPrefix prefix : dc.lanPrefixes()) {
            if (dc.gatewayAddress(prefix.family()).isEmpty()) {
                error(dc.id(), at + ".gateway.addresses", "data center '" + dc.id() + "' has no " + prefix.family().label() + " gateway for " + prefix,
                        "add a gateway address, e.g. " + prefix.host(1));
            }
        }
        if (dc.gatewayMac().isMulticast()) {
            error(dc.id(), at + ".gateway.mac", "gateway MAC " + dc.gatewayMac() + " of '" + dc.id() + "' is a multicast address",
                    "use a unicast MAC (even first byte), e.g. 02:00:00:00:00:01");
        }
    }

    private void checkVm(Vm vm, String at) {
        Node host = lab.node(vm.dataCenter()).orElse(null);
        if (!(host instanceof DataCenter dc)) {
            error(vm.id(), at + ".dataCenter", host == null
                    ? "VM '" + vm.id() + "' is in data center '" + vm.dataCenter() + "', which does not exist"
                    : "VM '" + vm.id() + "' is placed in '" + vm.dataCenter() + "', which is a " + host.kind().label() + ", not a data center",
                    "place every VM inside a data center");
        } else {
            for (int a = 0; a < vm.addresses().size(); a++) {
                IpAddress address = vm.addresses().get(a);
                if (dc.lanPrefix(address.family()).filter(p -> p.contains(address)).isEmpty()) {
                    error(vm.id(), at + ".addresses[" + a + "]", "address " + address + " of VM '" + vm.id() + "' is not in the LAN of '" + dc.id() + "'",
                            "use an address inside " + dc.lanPrefix(address.family()).map(IpPrefix::toString).orElse("a LAN prefix of " + dc.id()));
                }
            }
        }
        if (vm.addresses().isEmpty()) {
            error(vm.id(), at + ".addresses", "VM '" + vm.id() + "' has no address", "give it an address in its data center's LAN");
        }
        if (vm.mac().isMulticast()) {
            error(vm.id(), at + ".mac", "MAC " + vm.mac() + " of VM '" + vm.id() + "' is a multicast address",
                    "use a unicast MAC (even first byte), e.g. 52:54:00:12:34:56");
        }
        if (vm.memoryMiB() < 16) {
            error(vm.id(), at + ".memoryMiB", "VM '" + vm.id() + "' has " + vm.memoryMiB() + " MiB of memory", "give it at least 16 MiB");
        }
        if (vm.diskGiB() < 0) {
            error(vm.id(), at + ".diskGiB", "VM '" + vm.id() + "' has a negative disk size", "use 0 or more GiB");
        }
        if (vm.dirtyPagesPerSecond() < 0) {
            error(vm.id(), at + ".dirtyPagesPerSecond", "VM '" + vm.id() + "' has a negative page-dirty rate", "use 0 or more pages per second");
        }
    }

    private void checkClient(Client client, String at) {
        if (client.addresses().isEmpty()) {
            error(client.id(), at + ".addresses", "client '" + client.id() + "' has no address", "give it an address with its site prefix, e.g. 10.1.0.10/24");
        }
        for (int g = 0; g < client.gateways().size(); g++) {
            IpAddress gateway = client.gateways().get(g);
            if (client.address(gateway.family()).filter(a -> a.subnet().contains(gateway)).isEmpty()) {
                error(client.id(), at + ".gateways[" + g + "]", "gateway " + gateway + " of client '" + client.id() + "' is not on its site",
                        "use the client-edge router's address in " + client.address(gateway.family()).map(a -> a.subnet().toString()).orElse("the client's site prefix"));
            }
        }
        for (InterfaceAddress address : client.addresses()) {
            if (client.gateway(address.family()).isEmpty()) {
                error(client.id(), at + ".gateways", "client '" + client.id() + "' has no " + address.family().label() + " gateway",
                        "add the client-edge router's address on " + address.subnet() + ", e.g. " + address.subnet().host(1));
            }
        }
    }

    private void checkGatewayMacs(List<DataCenter> dataCenters) {
        if (lab.scheme() == SchemeKind.SEGMENTATION || lab.migrations().isEmpty()) {
            return;
        }
        for (int i = 1; i < dataCenters.size(); i++) {
            DataCenter first = dataCenters.get(0);
            DataCenter other = dataCenters.get(i);
            boolean shareLan = first.lanPrefixes().stream().anyMatch(other.lanPrefixes()::contains);
            if (shareLan && !first.gatewayMac().equals(other.gatewayMac())) {
                warning(other.id(), "nodes[" + nodeIndex.getOrDefault(other.id(), 0) + "].gateway.mac",
                        "gateway MAC of '" + other.id() + "' (" + other.gatewayMac() + ") differs from '" + first.id() + "' (" + first.gatewayMac() + ")",
                        "paper 000: the moved VM \"will probably try to use the old gateway first and will fail to communicate through it\" (§V.G: about 30 s"
                                + " to recover with VMware; §VI: several seconds). In a run the VM keeps the old gateway's MAC, which this gateway refuses, until it"
                                + " resolves the gateway again: within milliseconds when this gateway asks for the VM's MAC, seconds when it already knows the VM"
                                + " (the VM coming back): then Linux's unreachability detection gives up on the old MAC only after 5 s and 3 probes 1 s apart, longer"
                                + " if the entry was confirmed in the last 15-45 s. Give both gateways the same IP and MAC");
            }
        }
    }

    private void checkDuplicateVmAddresses() {
        if (lab.scheme() == SchemeKind.SEGMENTATION) {
            return; // identical addresses in different segments are the point; checked per segment below
        }
        Map<IpAddress, Vm> seen = new HashMap<>();
        for (Vm vm : lab.vms()) {
            for (int a = 0; a < vm.addresses().size(); a++) {
                Vm previous = seen.putIfAbsent(vm.addresses().get(a), vm);
                if (previous != null) {
                    error(vm.id(), nodePath(vm.id()) + ".addresses[" + a + "]",
                            "VMs '" + previous.id() + "' and '" + vm.id() + "' share the address " + vm.addresses().get(a),
                            "give each VM its own address, or use segmentation to keep tenants apart");
                }
            }
        }
    }

    // ---- links -------------------------------------------------------------------------------

    private void checkLinks() {
        Set<String> ids = new HashSet<>();
        List<IpPrefix> wanSubnets = new ArrayList<>();
        List<String> wanSubnetPaths = new ArrayList<>();
        List<String> wanSubnetLinks = new ArrayList<>();
        boolean usesIpv6 = lab.nodes().stream().anyMatch(n -> n instanceof DataCenter dc && dc.lanPrefix(IpFamily.IPV6).isPresent());
        for (int i = 0; i < lab.links().size(); i++) {
            Link link = lab.links().get(i);
            String at = "links[" + i + "]";
            if (!ID_PATTERN.matcher(link.id()).matches()) {
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
        int minMtu = usesIpv6 ? MIN_IPV6_MTU : MIN_MTU;
        if (link.mtu() < minMtu || link.mtu() > MAX_MTU) {
            error(link.id(), at + ".mtu", "link '" + link.id() + "' has MTU " + link.mtu(),
                    "use " + minMtu + " to " + MAX_MTU + (usesIpv6 ? " (IPv6 needs at least 1280)" : ""));
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

    // ---- schemes -----------------------------------------------------------------------------

    private void checkSchemes() {
        Set<SchemeKind> kinds = new HashSet<>();
        for (SchemeConfig config : lab.schemes()) {
            if (!kinds.add(config.kind())) {
                error("", "schemes." + config.kind().key(), "the lab has two settings for " + config.kind().label(), "keep one");
            }
        }
        if (lab.activeScheme().isEmpty()) {
            error("", "scheme", "the lab uses '" + lab.scheme().key() + "' but has no settings for it",
                    "add a \"" + lab.scheme().key() + "\" entry under schemes, or choose another scheme");
        }
        for (SchemeConfig config : lab.schemes()) {
            String at = "schemes." + config.kind().key();
            if (config instanceof NetworkPaging paging) {
                checkPaging(paging, at);
            } else if (config instanceof Segmentation segmentation) {
                checkSegmentation(segmentation, at);
            } else if (config instanceof MobileIpv6 mip) {
                checkMobileIpv6(mip, at);
            } else if (config instanceof RoutingMove move) {
                if (move.advertisementDelayNs() < 0 || move.floodPerHopNs() < 0 || move.spfDelayNs() < 0) {
                    error("", at, "routing convergence times must not be negative", "use 0 or more milliseconds");
                }
            }
        }
    }

    private void checkPaging(NetworkPaging paging, String at) {
        if (paging.serverEdges().isEmpty()) {
            error("", at + ".serverEdges", "network paging has no server-edge translator",
                    "add at least one server-edge router with its LAN prefix S and WAN prefix S'");
        }
        for (int i = 0; i < paging.serverEdges().size(); i++) {
            NetworkPaging.Translation t = paging.serverEdges().get(i);
            String tAt = at + ".serverEdges[" + i + "]";
            Router router = requireRouter(t.router(), tAt + ".router", RouterRole.SERVER_EDGE, "server-edge translator");
            if (t.lanPrefix().family() != t.wanPrefix().family() || t.lanPrefix().length() != t.wanPrefix().length()) {
                error(t.router(), tAt + ".wanPrefix", "translation " + t.lanPrefix() + " -> " + t.wanPrefix() + " changes the prefix length or family",
                        "translation keeps host bits, so S and S' need the same length, e.g. 172.16.0.0/16 -> 172.15.0.0/16");
            } else if (t.lanPrefix().equals(t.wanPrefix())) {
                error(t.router(), tAt + ".wanPrefix", "translation at '" + t.router() + "' maps " + t.lanPrefix() + " onto itself", "choose a WAN prefix S' different from S");
            }
            if (router != null) {
                List<DataCenter> attached = lab.neighbours(router.id(), LinkKind.LAN).stream()
                        .flatMap(id -> lab.node(id, DataCenter.class).stream()).toList();
                if (attached.stream().noneMatch(dc -> dc.lanPrefixes().contains(t.lanPrefix()))) {
                    error(t.router(), tAt + ".lanPrefix", "'" + t.router() + "' translates " + t.lanPrefix() + " but no data center with that LAN prefix is attached to it",
                            "attach the data center to '" + t.router() + "' with a LAN link, or use its LAN prefix here");
                }
            }
        }
        if (paging.clientEdges().isEmpty()) {
            error("", at + ".clientEdges", "network paging has no client-edge translator",
                    "add the client-edge router(s) that translate S' back to S for the clients");
        }
        for (int i = 0; i < paging.clientEdges().size(); i++) {
            requireRouter(paging.clientEdges().get(i), at + ".clientEdges[" + i + "]", RouterRole.CLIENT_EDGE, "client-edge translator");
        }
        if (paging.captureProcessingNs() < 0 || paging.switchProcessingNs() < 0) {
            error("", at, "processing times must not be negative", "use 0 or more milliseconds");
        }
        for (Migration migration : lab.migrations()) {
            lab.node(migration.to(), DataCenter.class).filter(dc -> !dc.capturesAnnouncements()).ifPresent(dc ->
                    error(dc.id(), nodePath(dc.id()) + ".capturesAnnouncements",
                            "nobody watches for announcements on '" + dc.id() + "', where migration '" + migration.id() + "' arrives",
                            "turn on 'Captures announcements' for '" + dc.id() + "' so the client-edge translators learn that the VM moved"));
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

    private void checkSegmentation(Segmentation segmentation, String at) {
        if (segmentation.segments().isEmpty()) {
            error("", at + ".segments", "segmentation has no segment", "add a segment per tenant with its VMs and clients");
        }
        Map<Long, String> ids = new HashMap<>();
        Map<String, String> memberOf = new HashMap<>();
        Map<String, Set<IpAddress>> addressesBySegment = new HashMap<>();
        String idName = segmentation.idKind() == SegmentIdKind.VLAN ? "VLAN id" : "VNI";
        for (int i = 0; i < segmentation.segments().size(); i++) {
            Segmentation.Segment segment = segmentation.segments().get(i);
            String sAt = at + ".segments[" + i + "]";
            if (segment.id() < 1 || segment.id() > segmentation.maxId()) {
                error("", sAt + ".id", "segment '" + segment.name() + "' has " + idName + " " + segment.id() + ", outside 1.." + segmentation.maxId(),
                        segmentation.idKind() == SegmentIdKind.VLAN ? "VLAN ids are 1 to 4094; choose VNIs as the segment id kind for more segments" : "VNIs are 1 to 16777215");
            } else if (ids.putIfAbsent(segment.id(), segment.name()) != null) {
                error("", sAt + ".id", "segments '" + ids.get(segment.id()) + "' and '" + segment.name() + "' share " + idName + " " + segment.id(),
                        "give each segment its own id");
            }
            for (int m = 0; m < segment.members().size(); m++) {
                String member = segment.members().get(m);
                String mAt = sAt + ".members[" + m + "]";
                Node node = lab.node(member).orElse(null);
                if (node == null) {
                    error("", mAt, "segment '" + segment.name() + "' lists '" + member + "', which does not exist", "list VMs and clients of this lab");
                    continue;
                }
                if (!(node instanceof Vm) && !(node instanceof Client)) {
                    error(member, mAt, "segment '" + segment.name() + "' lists " + node.kind().label() + " '" + member + "'", "segments hold VMs and clients");
                    continue;
                }
                String previous = memberOf.putIfAbsent(member, segment.name());
                if (previous != null) {
                    error(member, mAt, "'" + member + "' is in segments '" + previous + "' and '" + segment.name() + "'", "put each VM and client in one segment");
                }
                if (node instanceof Vm vm) {
                    for (IpAddress address : vm.addresses()) {
                        if (!addressesBySegment.computeIfAbsent(segment.name(), k -> new HashSet<>()).add(address)) {
                            error(member, mAt, "two VMs of segment '" + segment.name() + "' share the address " + address,
                                    "addresses must be unique within a segment (identical ones are fine in different segments)");
                        }
                    }
                }
            }
        }
        for (Migration migration : lab.migrations()) {
            if (lab.node(migration.vm(), Vm.class).isPresent() && !memberOf.containsKey(migration.vm())) {
                error(migration.vm(), at + ".segments", "VM '" + migration.vm() + "' migrates but is in no segment", "add it to its tenant's segment");
            }
        }
        if (segmentation.endpoints().isEmpty()) {
            error("", at + ".endpoints", "segmentation has no endpoint router", "list the routers that carry the segments across the WAN (one per site)");
        }
        for (int i = 0; i < segmentation.endpoints().size(); i++) {
            requireRouter(segmentation.endpoints().get(i), at + ".endpoints[" + i + "]", null, "segment endpoint");
        }
    }

    private void checkMobileIpv6(MobileIpv6 mip, String at) {
        Node home = lab.node(mip.homeNetwork()).orElse(null);
        if (!(home instanceof DataCenter homeDc)) {
            error("", at + ".homeNetwork", home == null ? "home network '" + mip.homeNetwork() + "' does not exist"
                    : "home network '" + mip.homeNetwork() + "' is a " + home.kind().label(), "name the data center whose IPv6 LAN is the home network");
        } else if (homeDc.lanPrefix(IpFamily.IPV6).isEmpty()) {
            error(homeDc.id(), at + ".homeNetwork", "home network '" + homeDc.id() + "' has no IPv6 prefix",
                    "Mobile IPv6 needs IPv6: give '" + homeDc.id() + "' an IPv6 LAN prefix, e.g. 2001:db8:1::/64");
        }
        Router homeAgent = requireRouter(mip.homeAgent(), at + ".homeAgent", null, "home agent");
        if (homeAgent != null && home instanceof DataCenter && !lab.neighbours(homeAgent.id(), LinkKind.LAN).contains(home.id())) {
            error(homeAgent.id(), at + ".homeAgent", "home agent '" + homeAgent.id() + "' is not attached to home network '" + home.id() + "'",
                    "the home agent is a router on the home link; attach it with a LAN link");
        }
        if (mip.raMinIntervalNs() <= 0 || mip.raMaxIntervalNs() < mip.raMinIntervalNs()) {
            error("", at + ".raMinIntervalMs", "router advertisement interval " + millis(mip.raMinIntervalNs()) + "-" + millis(mip.raMaxIntervalNs()) + " ms is not a range",
                    "use min > 0 and max >= min; MIPv6 allows 30-70 ms");
        }
        if (mip.bindingLifetimeNs() <= 0) {
            error("", at + ".bindingLifetimeS", "the binding lifetime must be positive", "use e.g. 420 s");
        }
        for (int i = 0; i < mip.correspondents().size(); i++) {
            String id = mip.correspondents().get(i);
            Client client = lab.node(id, Client.class).orElse(null);
            if (client == null) {
                error("", at + ".correspondents[" + i + "]", "correspondent '" + id + "' is not a client of this lab", "list clients that speak Mobile IPv6");
            } else if (client.address(IpFamily.IPV6).isEmpty()) {
                error(id, at + ".correspondents[" + i + "]", "correspondent '" + id + "' has no IPv6 address", "give it an IPv6 address");
            }
        }
        for (Migration migration : lab.migrations()) {
            lab.node(migration.to(), DataCenter.class).filter(dc -> dc.lanPrefix(IpFamily.IPV6).isEmpty()).ifPresent(dc ->
                    error(dc.id(), nodePath(dc.id()) + ".lanPrefixes", "'" + dc.id() + "', where migration '" + migration.id() + "' arrives, has no IPv6 prefix",
                            "Mobile IPv6 forms a care-of address from the foreign network's IPv6 prefix; add one"));
            lab.node(migration.vm(), Vm.class).filter(vm -> vm.address(IpFamily.IPV6).isEmpty()).ifPresent(vm ->
                    error(vm.id(), nodePath(vm.id()) + ".addresses", "VM '" + vm.id() + "' has no IPv6 home address",
                            "give it an address in the home network's IPv6 prefix"));
        }
    }

    private Router requireRouter(String id, String path, RouterRole role, String what) {
        Node node = lab.node(id).orElse(null);
        if (node == null) {
            error("", path, what + " '" + id + "' does not exist", "name a router of this lab");
            return null;
        }
        if (!(node instanceof Router router)) {
            error(id, path, what + " '" + id + "' is a " + node.kind().label() + ", not a router", "name a router of this lab");
            return null;
        }
        if (role != null && router.role() != role) {
            error(id, path, what + " '" + id + "' is a " + router.role().key() + " router", "use a " + role.key() + " router, or change its role");
        }
        return router;
    }

    // ---- migrations and traffic --------------------------------------------------------------

    private void checkMigrations() {
        Map<String, String> location = new HashMap<>();
        lab.vms().forEach(vm -> location.put(vm.id(), vm.dataCenter()));
        Set<String> ids = new HashSet<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lab.migrations().size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Long.compare(lab.migrations().get(x).atNs(), lab.migrations().get(y).atNs()));
        for (int i : order) {
            Migration migration = lab.migrations().get(i);
            String at = "migrations[" + i + "]";
            if (!ID_PATTERN.matcher(migration.id()).matches() || !ids.add(migration.id())) {
                error(migration.id(), at + ".id", "migration id '" + migration.id() + "' is not usable or not unique", "give each migration its own short id, e.g. M1");
            }
            Vm vm = lab.node(migration.vm(), Vm.class).orElse(null);
            if (vm == null) {
                error(migration.id(), at + ".vm", "migration '" + migration.id() + "' moves '" + migration.vm() + "', which is not a VM of this lab", "name a VM");
            }
            DataCenter to = lab.node(migration.to(), DataCenter.class).orElse(null);
            if (to == null) {
                error(migration.id(), at + ".to", "migration '" + migration.id() + "' goes to '" + migration.to() + "', which is not a data center", "name a data center");
            }
            if (vm != null && to != null) {
                String from = location.get(vm.id());
                if (lab.node(from, DataCenter.class).isEmpty()) {
                    location.put(vm.id(), to.id()); // the VM's own placement is reported with the VM
                } else if (from.equals(to.id())) {
                    error(migration.id(), at + ".to", "migration '" + migration.id() + "' moves '" + vm.id() + "' to '" + to.id() + "', where it already is", "choose another data center");
                } else {
                    if (lab.links().stream().noneMatch(l -> l.kind() == LinkKind.MANAGEMENT && l.touches(from) && l.touches(to.id()))) {
                        error(migration.id(), at + ".to", "no management link joins '" + from + "' and '" + to.id() + "' for migration '" + migration.id() + "'",
                                "add a management link between the two data centers; it carries the VM's memory and disk");
                    }
                    lab.node(from, DataCenter.class).ifPresent(source -> {
                        for (IpAddress address : vm.addresses()) {
                            if (to.lanPrefix(address.family()).filter(p -> p.contains(address)).isEmpty()
                                    && lab.scheme() != SchemeKind.MOBILE_IPV6 && lab.scheme() != SchemeKind.ROUTING_MOVE
                                    && lab.scheme() != SchemeKind.L2_EXTENSION) { // those three carry the address to wherever the VM is
                                warning(migration.id(), at + ".to", "'" + to.id() + "' has no LAN prefix holding " + address + " of '" + vm.id() + "'",
                                        "the VM keeps its address, which nothing routes to '" + to.id() + "': it will be unreachable after the move;"
                                                + " give '" + to.id() + "' the same LAN prefix as '" + source.id() + "'");
                            }
                        }
                    });
                    location.put(vm.id(), to.id());
                }
            }
            if (migration.atNs() < 0 || migration.atNs() >= lab.durationNs()) {
                error(migration.id(), at + ".atMs", "migration '" + migration.id() + "' starts at " + millis(migration.atNs()) + " ms, outside the run (0-" + millis(lab.durationNs()) + " ms)",
                        "start it within the run, or lengthen the run duration");
            }
            if (migration.downtimeLimitNs() <= 0) {
                error(migration.id(), at + ".downtimeLimitMs", "the downtime limit must be positive", "use e.g. 300 ms");
            }
            if (migration.bandwidthCapBps() < 0) {
                error(migration.id(), at + ".bandwidthCapMbps", "the bandwidth cap must not be negative", "use 0 for no cap");
            }
            if (migration.maxRounds() < 1) {
                error(migration.id(), at + ".maxRounds", "a live migration needs at least one round", "use e.g. 30");
            }
        }
    }

    /**
     * Two migrations of one VM at the same instant run one after the other, in file order (the
     * emulator and live mode both queue them); said here so the plan is not a surprise.
     */
    private void checkSameTimeMigrations() {
        Map<String, Migration> first = new HashMap<>();
        for (int i = 0; i < lab.migrations().size(); i++) {
            Migration migration = lab.migrations().get(i);
            Migration earlier = first.putIfAbsent(migration.vm() + "@" + migration.atNs(), migration);
            if (earlier != null) {
                warning(migration.id(), "migrations[" + i + "].atMs", "migrations '" + earlier.id() + "' and '" + migration.id() + "' both move '"
                        + migration.vm() + "' at " + millis(migration.atNs()) + " ms; '" + migration.id() + "' starts when '" + earlier.id() + "' has finished",
                        "give '" + migration.id() + "' a later start (ms) to say when it should start");
            }
        }
    }

    private void checkTraffic() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lab.traffic().size(); i++) {
            ProbeFlow flow = lab.traffic().get(i);
            String at = "traffic[" + i + "]";
            if (!ID_PATTERN.matcher(flow.id()).matches() || !ids.add(flow.id())) {
                error(flow.id(), at + ".id", "flow id '" + flow.id() + "' is not usable or not unique", "give each flow its own short id, e.g. P1");
            }
            Client client = lab.node(flow.client(), Client.class).orElse(null);
            if (client == null) {
                error(flow.id(), at + ".client", "flow '" + flow.id() + "' starts at '" + flow.client() + "', which is not a client", "name a client");
            }
            Vm vm = lab.node(flow.vm(), Vm.class).orElse(null);
            if (vm == null) {
                error(flow.id(), at + ".vm", "flow '" + flow.id() + "' goes to '" + flow.vm() + "', which is not a VM", "name a VM");
            }
            if (client != null && vm != null && vm.addresses().stream().noneMatch(a -> client.address(a.family()).isPresent())) {
                error(flow.id(), at + ".client", "client '" + client.id() + "' and VM '" + vm.id() + "' share no address family", "give both an IPv4 or both an IPv6 address");
            }
            int minBytes = flow.kind() == ProbeKind.PING ? 28 : 28 + 8;
            if (flow.packetBytes() < minBytes || flow.packetBytes() > MAX_MTU) {
                error(flow.id(), at + ".packetBytes", "flow '" + flow.id() + "' sends " + flow.packetBytes() + "-byte packets",
                        "use " + minBytes + " to " + MAX_MTU + " bytes (headers included; the G.711 probe is 210)");
            }
            if (flow.intervalNs() <= 0) {
                error(flow.id(), at + ".intervalMs", "flow '" + flow.id() + "' has no sending interval", "use a positive interval, e.g. 20 ms");
            }
            if (flow.startNs() < 0 || (flow.stopNs() != 0 && flow.stopNs() <= flow.startNs())) {
                error(flow.id(), at + ".startMs", "flow '" + flow.id() + "' starts at " + millis(flow.startNs()) + " ms and stops at " + millis(flow.stopNs()) + " ms",
                        "start at 0 or later and stop after the start (0 = at the end of the run)");
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private String nodePath(String id) {
        Integer index = nodeIndex.get(id);
        if (index == null) {
            for (int i = 0; i < lab.nodes().size(); i++) {
                if (lab.nodes().get(i).id().equals(id)) {
                    return "nodes[" + i + "]";
                }
            }
        }
        return "nodes[" + index + "]";
    }

    static String millis(long ns) {
        return Units.msExact(ns);
    }

    private void error(String element, String path, String message, String hint) {
        problems.add(Problem.error(element, path, message, hint));
    }

    private void warning(String element, String path, String message, String hint) {
        problems.add(Problem.warning(element, path, message, hint));
    }
}
