package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.EthernetSwitch;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Node;
import org.warplab.model.ProbeFlow;
import org.warplab.model.Router;
import org.warplab.model.Vm;

/**
 * A lab turned into emulated devices: a learning switch per data center, routers with their
 * ports and routes, clients, VMs, and the management links. IPv4 and IPv6 both run (an element
 * may have either or both); routes come from shortest paths over the WAN links' costs.
 */
public final class EmulatedNetwork {
    public record LanAttachment(RouterNode router, int port) { }

    public record ManagementLink(String id, String a, String b, int aPort, int bPort, Channel aToB, Channel bToA) {
        public boolean touches(String dc) {
            return a.equals(dc) || b.equals(dc);
        }

        public String other(String dc) {
            return a.equals(dc) ? b : a;
        }

        Channel from(String dc) {
            return a.equals(dc) ? aToB : bToA;
        }
    }

    public final Lab lab;
    public final NetworkContext net;
    public final PrefixTable prefixes = new PrefixTable();
    public final Map<String, LanSwitch> switches = new LinkedHashMap<>();
    public final Map<String, RouterNode> routers = new LinkedHashMap<>();
    public final List<RouterNode> routerList = new ArrayList<>();
    public final Map<String, ClientHost> clients = new LinkedHashMap<>();
    public final Map<String, VmHost> vms = new LinkedHashMap<>();
    public final Map<String, LanAttachment> lanAttachments = new LinkedHashMap<>();
    public final List<ManagementLink> managementLinks = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();
    public final ProbeRecorder recorder;
    public final List<ProbeFlow> flows;
    public final Map<String, MigrationRun> currentRun = new LinkedHashMap<>();
    public ShortestPaths paths;

    private record Owner(RouterNode router, int port) { }

    private final List<Owner> owners = new ArrayList<>();

    private record Owner6(Ipv6.Prefix prefix, RouterNode router, int port) { }

    private final List<Owner6> owners6 = new ArrayList<>();
    private final List<List<ShortestPaths.Edge>> adjacency = new ArrayList<>();

    private EmulatedNetwork(Lab lab, NetworkContext net) {
        this.lab = lab;
        this.net = net;
        this.flows = lab.traffic();
        this.recorder = new ProbeRecorder(flows.size());
        net.flowNames = flows.stream().map(ProbeFlow::id).toList();
    }

    public static EmulatedNetwork build(Lab lab, NetworkContext net, SchemeBehaviour behaviour) throws EmulationException {
        EmulatedNetwork network = new EmulatedNetwork(lab, net);
        network.buildNodes();
        network.buildLinks();
        network.buildVms();
        behaviour.prepare(network);
        network.buildRoutes(behaviour);
        network.buildFlows();
        behaviour.install(network);
        return network;
    }

    private void buildNodes() throws EmulationException {
        for (Node node : lab.nodes()) {
            if (node instanceof EthernetSwitch) {
                throw new EmulationException("switch '" + node.id() + "': the emulator models each data center's LAN as one switch; "
                        + "stand-alone Ethernet switches are not emulated yet (remove it or join its nodes directly)");
            } else if (node instanceof DataCenter dc) {
                LanSwitch lan = new LanSwitch(net, dc.id());
                lan.capture = net.capturePoint(dc.id() + "-lan", "every frame on " + dc.name() + "'s server LAN");
                switches.put(dc.id(), lan);
            } else if (node instanceof Router router) {
                RouterNode emulated = new RouterNode(net, router.id(), routerList.size(), prefixes);
                routers.put(router.id(), emulated);
                routerList.add(emulated);
                adjacency.add(new ArrayList<>());
            }
        }
    }

    private void buildLinks() throws EmulationException {
        for (Link link : lab.links()) {
            Node a = node(link.a());
            Node b = node(link.b());
            if (a instanceof Router ra && b instanceof Router rb) {
                wan(link, ra, rb);
            } else if (link.kind() == LinkKind.MANAGEMENT && a instanceof DataCenter && b instanceof DataCenter) {
                management(link);
            } else if (a instanceof DataCenter dc && b instanceof Router r) {
                dataCenterLan(link, dc, r);
            } else if (b instanceof DataCenter dc && a instanceof Router r) {
                dataCenterLan(link, dc, r);
            } else if (a instanceof Client c && b instanceof Router r) {
                clientLan(link, c, r);
            } else if (b instanceof Client c && a instanceof Router r) {
                clientLan(link, c, r);
            } else {
                throw new EmulationException("link '" + link.id() + "' joins " + a.kind().key() + " '" + a.id() + "' and "
                        + b.kind().key() + " '" + b.id() + "', which the emulator does not model (it models router–router WAN links, "
                        + "data center–router and client–router LAN links, and data center–data center management links)");
            }
        }
    }

    private Node node(String id) throws EmulationException {
        return lab.node(id).orElseThrow(() -> new EmulationException("a link names node '" + id + "', which the lab does not have"));
    }

    private Channel channel(Link link, String from, String to) {
        Channel channel = new Channel(net, link.id(), from, to, link.delayNs(), link.jitterNs(), link.bandwidthBps(), link.lossPercent(),
                link.mtu() > 0 ? link.mtu() : Link.DEFAULT_MTU);
        channel.capture = net.capturePoint(link.id(), link.kind().key() + " link " + link.a() + " – " + link.b());
        return channel;
    }

    private static Optional<InterfaceAddress> first(List<InterfaceAddress> addresses, IpFamily family) {
        return addresses.stream().filter(x -> x.family() == family).findFirst();
    }

    /** The IPv4 address as an int, 0 when there is none (the element takes part in IPv6 only). */
    private static int v4(Optional<IpAddress> address) {
        return address.filter(a -> a.family() == IpFamily.IPV4).map(Ipv4::of).orElse(0);
    }

    private void wan(Link link, Router ra, Router rb) throws EmulationException {
        RouterNode a = routers.get(ra.id());
        RouterNode b = routers.get(rb.id());
        Optional<InterfaceAddress> aAddress = first(link.aAddresses(), IpFamily.IPV4);
        Optional<InterfaceAddress> bAddress = first(link.bAddresses(), IpFamily.IPV4);
        Optional<InterfaceAddress> aAddress6 = first(link.aAddresses(), IpFamily.IPV6);
        Optional<InterfaceAddress> bAddress6 = first(link.bAddresses(), IpFamily.IPV6);
        if ((aAddress.isEmpty() || bAddress.isEmpty()) && (aAddress6.isEmpty() || bAddress6.isEmpty())) {
            throw new EmulationException("link '" + link.id() + "' needs an address of the same family (IPv4 or IPv6) on both ends");
        }
        RouterNode.Port pa = a.addPort(link.id(), rb.id(), aAddress.map(x -> Ipv4.of(x.address())).orElse(0),
                aAddress.map(InterfaceAddress::prefixLength).orElse(0), net.freshMac(), false);
        RouterNode.Port pb = b.addPort(link.id(), ra.id(), bAddress.map(x -> Ipv4.of(x.address())).orElse(0),
                bAddress.map(InterfaceAddress::prefixLength).orElse(0), net.freshMac(), false);
        pa.out = channel(link, ra.id(), rb.id());
        pa.out.receiver = b;
        pa.out.receiverPort = pb.index;
        pb.out = channel(link, rb.id(), ra.id());
        pb.out.receiver = a;
        pb.out.receiverPort = pa.index;
        pa.peerIp = pb.ip;
        pa.peerMac = pb.mac;
        pb.peerIp = pa.ip;
        pb.peerMac = pa.mac;
        adjacency.get(a.index).add(new ShortestPaths.Edge(b.index, link.cost(), pa.index));
        adjacency.get(b.index).add(new ShortestPaths.Edge(a.index, link.cost(), pb.index));
        if (aAddress.isPresent() && bAddress.isPresent()) {
            addOwned(Ipv4.Prefix.of(aAddress.get().subnet()), a, pa.index);
        }
        if (aAddress6.isPresent() && bAddress6.isPresent()) {
            pa.ip6 = Ipv6.of(aAddress6.get().address());
            pa.prefix6Length = aAddress6.get().prefixLength();
            pb.ip6 = Ipv6.of(bAddress6.get().address());
            pb.prefix6Length = bAddress6.get().prefixLength();
            pa.peerIp6 = pb.ip6;
            pb.peerIp6 = pa.ip6;
            addOwned6(Ipv6.Prefix.of(aAddress6.get().subnet()), a, pa.index);
        }
    }

    private void management(Link link) {
        LanSwitch a = switches.get(link.a());
        LanSwitch b = switches.get(link.b());
        Channel aToB = channel(link, link.a(), link.b());
        Channel bToA = channel(link, link.b(), link.a());
        int aPort = a.attach(aToB, link.id(), false);
        int bPort = b.attach(bToA, link.id(), false);
        aToB.receiver = b;
        aToB.receiverPort = bPort;
        bToA.receiver = a;
        bToA.receiverPort = aPort;
        managementLinks.add(new ManagementLink(link.id(), link.a(), link.b(), aPort, bPort, aToB, bToA));
    }

    private void dataCenterLan(Link link, DataCenter dc, Router r) throws EmulationException {
        RouterNode router = routers.get(r.id());
        LanSwitch lan = switches.get(dc.id());
        Optional<IpPrefix> prefix = dc.lanPrefix(IpFamily.IPV4);
        int gateway = prefix.isPresent() ? v4(dc.gatewayAddress(IpFamily.IPV4)) : 0;
        RouterNode.Port port = router.addPort(link.id(), dc.id(), gateway, prefix.map(IpPrefix::length).orElse(0), dc.gatewayMac().bits(), true);
        port.out = channel(link, r.id(), dc.id());
        port.out.receiver = lan;
        Channel toRouter = channel(link, dc.id(), r.id());
        port.out.receiverPort = lan.attach(toRouter, r.id(), true);
        toRouter.receiver = router;
        toRouter.receiverPort = port.index;
        port.arp = new ArpResolver(net, r.id(), port.mac, gateway, port.out);
        Optional<IpPrefix> prefix6 = dc.lanPrefix(IpFamily.IPV6);
        Optional<IpAddress> gateway6 = dc.gatewayAddress(IpFamily.IPV6);
        if (prefix6.isPresent() && gateway6.isPresent()) {
            port.ip6 = Ipv6.of(gateway6.get());
            port.prefix6Length = prefix6.get().length();
            port.nd = new NeighborDiscovery(net, r.id(), port.mac, true, port.out);
            port.nd.addresses.add(port.ip6);
        }
        if (prefix.isEmpty() && prefix6.isEmpty()) {
            throw new EmulationException("data center '" + dc.id() + "' has no LAN prefix; give it an IPv4 or IPv6 prefix");
        }
        lanAttachments.put(dc.id(), new LanAttachment(router, port.index));
    }

    private void clientLan(Link link, Client c, Router r) throws EmulationException {
        RouterNode router = routers.get(r.id());
        Optional<InterfaceAddress> address = first(c.addresses(), IpFamily.IPV4);
        Optional<InterfaceAddress> address6 = first(c.addresses(), IpFamily.IPV6);
        if (address.isEmpty() && address6.isEmpty()) {
            throw new EmulationException("client '" + c.id() + "' has no address; give it an IPv4 or IPv6 address on its site");
        }
        int gateway = address.isPresent() ? v4(c.gateway(IpFamily.IPV4)) : 0;
        int ip = address.map(x -> Ipv4.of(x.address())).orElse(0);
        int length = address.map(InterfaceAddress::prefixLength).orElse(0);
        ClientHost client = new ClientHost(net, c.id(), ip, length, net.freshMac(), gateway, recorder);
        RouterNode.Port port = router.addPort(link.id(), c.id(), gateway, length, net.freshMac(), true);
        port.out = channel(link, r.id(), c.id());
        port.out.receiver = client;
        Channel up = channel(link, c.id(), r.id());
        up.receiver = router;
        up.receiverPort = port.index;
        Optional<IpAddress> gateway6 = c.gateway(IpFamily.IPV6);
        if (address6.isPresent() && gateway6.isPresent()) {
            Ipv6.Prefix site = Ipv6.Prefix.of(address6.get().subnet());
            client.enableIpv6(Ipv6.of(address6.get().address()), site, Ipv6.of(gateway6.get()));
            port.ip6 = Ipv6.of(gateway6.get());
            port.prefix6Length = site.length();
            port.nd = new NeighborDiscovery(net, r.id(), port.mac, true, port.out);
            port.nd.addresses.add(port.ip6);
            addOwned6(site, router, port.index);
        }
        client.setUplink(up);
        port.arp = new ArpResolver(net, r.id(), port.mac, gateway, port.out);
        clients.put(c.id(), client);
        if (address.isPresent()) {
            addOwned(new Ipv4.Prefix(client.ip, 32), router, port.index);
            addOwned(Ipv4.Prefix.of(address.get().subnet()), router, port.index);
        }
    }

    private void buildVms() throws EmulationException {
        for (Vm vm : lab.vms()) {
            DataCenter dc = lab.node(vm.dataCenter(), DataCenter.class).orElseThrow(
                    () -> new EmulationException("VM '" + vm.id() + "' starts in '" + vm.dataCenter() + "', which is not a data center"));
            Optional<IpPrefix> prefix = dc.lanPrefix(IpFamily.IPV4);
            int ip = prefix.isPresent() ? v4(vm.address(IpFamily.IPV4)) : 0;
            int gateway = prefix.isPresent() ? v4(dc.gatewayAddress(IpFamily.IPV4)) : 0;
            VmHost host = new VmHost(net, vm, ip, prefix.map(IpPrefix::length).orElse(0), gateway);
            Optional<IpAddress> address6 = vm.address(IpFamily.IPV6);
            Optional<IpPrefix> prefix6 = dc.lanPrefix(IpFamily.IPV6);
            if (address6.isPresent() && prefix6.isPresent()) {
                host.enableIpv6(Ipv6.of(address6.get()), Ipv6.Prefix.of(prefix6.get()),
                        dc.gatewayAddress(IpFamily.IPV6).map(Ipv6::of).orElse(null));
            }
            if (ip == 0 && host.nd == null) {
                throw new EmulationException("VM '" + vm.id() + "' has no address in data center '" + dc.id()
                        + "''s LAN prefixes; give it an IPv4 or IPv6 address there");
            }
            host.attach(switches.get(dc.id()));
            vms.put(vm.id(), host);
        }
    }

    private void addOwned6(Ipv6.Prefix prefix, RouterNode router, int port) {
        for (Owner6 owner : owners6) {
            if (owner.prefix().equals(prefix)) {
                return;
            }
        }
        owners6.add(new Owner6(prefix, router, port));
    }

    private void addOwned(Ipv4.Prefix prefix, RouterNode router, int port) {
        int index = prefixes.add(prefix);
        while (owners.size() <= index) {
            owners.add(null);
        }
        if (owners.get(index) == null) {
            owners.set(index, new Owner(router, port));
        }
    }

    private void buildRoutes(SchemeBehaviour behaviour) {
        // A LAN prefix that several data centers share (the point of address warping) is routed to
        // one of them: the one the first VM in it starts in, else the first listed.
        Map<Ipv4.Prefix, String> claimedBy = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (VmHost vm : vms.values()) {
            order.add(vm.dataCenter);
        }
        order.addAll(switches.keySet());
        for (String dcId : order) {
            LanAttachment attachment = lanAttachments.get(dcId);
            DataCenter dc = lab.node(dcId, DataCenter.class).orElseThrow();
            Optional<IpPrefix> lanPrefix = dc.lanPrefix(IpFamily.IPV4);
            if (attachment == null || lanPrefix.isEmpty() || !behaviour.routesDataCenterPrefixes()) {
                continue;
            }
            Ipv4.Prefix lan = Ipv4.Prefix.of(lanPrefix.get());
            Optional<Ipv4.Prefix> wan = behaviour.wanPrefixOf(dcId, lan);
            Ipv4.Prefix advertised = wan.orElse(lan);
            if (wan.isEmpty() && claimedBy.containsKey(lan)) {
                if (!claimedBy.get(lan).equals(dcId)) {
                    String note = lan + " is on the LANs of " + claimedBy.get(lan) + " and " + dcId + "; the WAN routes it to "
                            + claimedBy.get(lan);
                    if (!notes.contains(note)) {
                        notes.add(note);
                    }
                }
                continue;
            }
            if (wan.isEmpty()) {
                claimedBy.put(lan, dcId);
            }
            addOwned(advertised, attachment.router(), attachment.port());
        }
        if (behaviour.routesDataCenterPrefixes()) {
            for (String dcId : order) {
                LanAttachment attachment = lanAttachments.get(dcId);
                Optional<IpPrefix> prefix6 = lab.node(dcId, DataCenter.class).orElseThrow().lanPrefix(IpFamily.IPV6);
                if (attachment != null && prefix6.isPresent() && attachment.router().ports.get(attachment.port()).ip6 != null) {
                    addOwned6(Ipv6.Prefix.of(prefix6.get()), attachment.router(), attachment.port());
                }
            }
        }
        paths = ShortestPaths.compute(adjacency);
        for (RouterNode router : routerList) {
            for (Owner6 owner : owners6) {
                if (owner.router() == router) {
                    router.routes6.add(new RouterNode.Route6(owner.prefix(), RouterNode.encode(owner.port(), true)));
                } else {
                    int port = paths.firstPort(router.index, owner.router().index);
                    if (port >= 0 && router.ports.get(port).peerIp6 != null) {
                        router.routes6.add(new RouterNode.Route6(owner.prefix(), RouterNode.encode(port, false)));
                    }
                }
            }
        }
        for (RouterNode router : routerList) {
            router.initRoutes(prefixes.size());
            for (int p = 0; p < prefixes.size(); p++) {
                Owner owner = owners.get(p);
                if (owner.router() == router) {
                    router.route[p] = RouterNode.encode(owner.port(), true);
                } else {
                    int port = paths.firstPort(router.index, owner.router().index);
                    router.route[p] = port < 0 ? RouterNode.NO_ROUTE : RouterNode.encode(port, false);
                }
            }
        }
    }

    private void buildFlows() throws EmulationException {
        for (int i = 0; i < flows.size(); i++) {
            ProbeFlow flow = flows.get(i);
            ClientHost client = clients.get(flow.client());
            VmHost vm = vms.get(flow.vm());
            if (client == null || vm == null) {
                throw new EmulationException("probe flow '" + flow.id() + "' needs client '" + flow.client() + "' joined to a router and VM '"
                        + flow.vm() + "'");
            }
            if (flow.intervalNs() <= 0) {
                throw new EmulationException("probe flow '" + flow.id() + "' has no positive interval");
            }
            if (usesIpv6(client, vm)) {
                client.addFlow(i, flow, 0, vm.vmAddress6());
            } else if (client.ip != 0 && vm.ip != 0) {
                client.addFlow(i, flow, vm.ip, null);
            } else {
                throw new EmulationException("probe flow '" + flow.id() + "': client '" + flow.client() + "' and VM '" + flow.vm()
                        + "' share no address family (both need IPv4, or both IPv6)");
            }
        }
    }

    /**
     * Whether a flow runs over IPv6: when the lab has Mobile IPv6 settings and the VM is a mobile node
     * (its IPv6 address is in the home network), as in the paper, whatever scheme runs; otherwise
     * when IPv4 is missing on either end.
     */
    boolean usesIpv6(ClientHost client, VmHost vm) {
        if (client.nd == null || vm.nd == null) {
            return false;
        }
        Optional<org.warplab.model.MobileIpv6> mip = lab.schemeConfig(org.warplab.model.MobileIpv6.class);
        if (mip.isPresent()) {
            Optional<IpPrefix> home = lab.node(mip.get().homeNetwork(), DataCenter.class).flatMap(dc -> dc.lanPrefix(IpFamily.IPV6));
            if (home.isPresent() && vm.vm.address(IpFamily.IPV6).filter(home.get()::contains).isPresent()) {
                return true;
            }
        }
        return client.ip == 0 || vm.ip == 0;
    }

    /** The address clients reach {@code vm} at in this run. */
    public String addressText(VmHost vm) {
        for (ProbeFlow flow : flows) {
            ClientHost client = clients.get(flow.client());
            if (flow.vm().equals(vm.vm.id()) && client != null && usesIpv6(client, vm)) {
                return vm.vmAddress6().toString();
            }
        }
        return vm.ip != 0 ? Ipv4.text(vm.ip) : vm.vmAddress6().toString();
    }

    /** The management link's direction from {@code from} to {@code to}, if the two data centers are joined. */
    public Optional<Channel> managementChannel(String from, String to) {
        for (ManagementLink link : managementLinks) {
            if (link.touches(from) && link.other(from).equals(to)) {
                return Optional.of(link.from(from));
            }
        }
        return Optional.empty();
    }
}
