package org.warplab.emulation;

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
 * ports and routes, clients, VMs, and the management links. The IPv4 side of the lab is
 * emulated; routes come from shortest paths over the WAN links' costs.
 */
final class EmulatedNetwork {
    record LanAttachment(RouterNode router, int port) { }

    record ManagementLink(String id, String a, String b, int aPort, int bPort, Channel aToB, Channel bToA) {
        boolean touches(String dc) {
            return a.equals(dc) || b.equals(dc);
        }

        String other(String dc) {
            return a.equals(dc) ? b : a;
        }

        Channel from(String dc) {
            return a.equals(dc) ? aToB : bToA;
        }
    }

    final Lab lab;
    final NetworkContext net;
    final PrefixTable prefixes = new PrefixTable();
    final Map<String, LanSwitch> switches = new LinkedHashMap<>();
    final Map<String, RouterNode> routers = new LinkedHashMap<>();
    final List<RouterNode> routerList = new ArrayList<>();
    final Map<String, ClientHost> clients = new LinkedHashMap<>();
    final Map<String, VmHost> vms = new LinkedHashMap<>();
    final Map<String, LanAttachment> lanAttachments = new LinkedHashMap<>();
    final List<ManagementLink> managementLinks = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final ProbeRecorder recorder;
    final List<ProbeFlow> flows;
    final Map<String, MigrationRun> currentRun = new LinkedHashMap<>();
    ShortestPaths paths;

    private record Owner(RouterNode router, int port) { }

    private final List<Owner> owners = new ArrayList<>();
    private final List<List<ShortestPaths.Edge>> adjacency = new ArrayList<>();

    private EmulatedNetwork(Lab lab, NetworkContext net) {
        this.lab = lab;
        this.net = net;
        this.flows = lab.traffic();
        this.recorder = new ProbeRecorder(flows.size());
        net.flowNames = flows.stream().map(ProbeFlow::id).toList();
    }

    static EmulatedNetwork build(Lab lab, NetworkContext net, SchemeBehaviour behaviour) throws EmulationException {
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

    private static InterfaceAddress v4(List<InterfaceAddress> addresses, String what) throws EmulationException {
        return addresses.stream().filter(x -> x.family() == IpFamily.IPV4).findFirst()
                .orElseThrow(() -> new EmulationException(what + " has no IPv4 address; the emulator runs the IPv4 side of a lab"));
    }

    private static int v4(Optional<IpAddress> address, String what) throws EmulationException {
        return Ipv4.of(address.orElseThrow(() -> new EmulationException(what + " has no IPv4 address; the emulator runs the IPv4 side of a lab")));
    }

    private void wan(Link link, Router ra, Router rb) throws EmulationException {
        RouterNode a = routers.get(ra.id());
        RouterNode b = routers.get(rb.id());
        InterfaceAddress aAddress = v4(link.aAddresses(), "link '" + link.id() + "' end " + ra.id());
        InterfaceAddress bAddress = v4(link.bAddresses(), "link '" + link.id() + "' end " + rb.id());
        RouterNode.Port pa = a.addPort(link.id(), rb.id(), Ipv4.of(aAddress.address()), aAddress.prefixLength(), net.freshMac(), false);
        RouterNode.Port pb = b.addPort(link.id(), ra.id(), Ipv4.of(bAddress.address()), bAddress.prefixLength(), net.freshMac(), false);
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
        addOwned(Ipv4.Prefix.of(aAddress.subnet()), a, pa.index);
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
        IpPrefix prefix = dc.lanPrefix(IpFamily.IPV4).orElseThrow(
                () -> new EmulationException("data center '" + dc.id() + "' has no IPv4 LAN prefix; the emulator runs the IPv4 side of a lab"));
        int gateway = v4(dc.gatewayAddress(IpFamily.IPV4), "data center '" + dc.id() + "' gateway");
        RouterNode.Port port = router.addPort(link.id(), dc.id(), gateway, prefix.length(), dc.gatewayMac().bits(), true);
        port.out = channel(link, r.id(), dc.id());
        port.out.receiver = lan;
        Channel toRouter = channel(link, dc.id(), r.id());
        port.out.receiverPort = lan.attach(toRouter, r.id(), true);
        toRouter.receiver = router;
        toRouter.receiverPort = port.index;
        port.arp = new ArpResolver(net, r.id(), port.mac, gateway, port.out);
        lanAttachments.put(dc.id(), new LanAttachment(router, port.index));
    }

    private void clientLan(Link link, Client c, Router r) throws EmulationException {
        RouterNode router = routers.get(r.id());
        InterfaceAddress address = v4(c.addresses(), "client '" + c.id() + "'");
        int gateway = v4(c.gateway(IpFamily.IPV4), "client '" + c.id() + "' gateway");
        ClientHost client = new ClientHost(net, c.id(), Ipv4.of(address.address()), address.prefixLength(), net.freshMac(), gateway, recorder);
        RouterNode.Port port = router.addPort(link.id(), c.id(), gateway, address.prefixLength(), net.freshMac(), true);
        port.out = channel(link, r.id(), c.id());
        port.out.receiver = client;
        Channel up = channel(link, c.id(), r.id());
        up.receiver = router;
        up.receiverPort = port.index;
        client.setUplink(up);
        port.arp = new ArpResolver(net, r.id(), port.mac, gateway, port.out);
        clients.put(c.id(), client);
        addOwned(new Ipv4.Prefix(client.ip, 32), router, port.index);
        addOwned(Ipv4.Prefix.of(address.subnet()), router, port.index);
    }

    private void buildVms() throws EmulationException {
        for (Vm vm : lab.vms()) {
            DataCenter dc = lab.node(vm.dataCenter(), DataCenter.class).orElseThrow(
                    () -> new EmulationException("VM '" + vm.id() + "' starts in '" + vm.dataCenter() + "', which is not a data center"));
            int ip = v4(vm.address(IpFamily.IPV4), "VM '" + vm.id() + "'");
            IpPrefix prefix = dc.lanPrefix(IpFamily.IPV4).orElseThrow(() -> new EmulationException("data center '" + dc.id() + "' has no IPv4 LAN prefix"));
            int gateway = v4(dc.gatewayAddress(IpFamily.IPV4), "data center '" + dc.id() + "' gateway");
            VmHost host = new VmHost(net, vm, ip, prefix.length(), gateway);
            host.attach(switches.get(dc.id()));
            vms.put(vm.id(), host);
        }
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
            if (attachment == null || lanPrefix.isEmpty()) {
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
        paths = ShortestPaths.compute(adjacency);
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
            client.addFlow(i, flow, vm.ip);
        }
    }

    /** The management link's direction from {@code from} to {@code to}, if the two data centers are joined. */
    Optional<Channel> managementChannel(String from, String to) {
        for (ManagementLink link : managementLinks) {
            if (link.touches(from) && link.other(from).equals(to)) {
                return Optional.of(link.from(from));
            }
        }
        return Optional.empty();
    }
}
