package org.warplab.config;

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
import org.warplab.model.MobileIpv6;
import org.warplab.model.Node;
import org.warplab.model.Router;
import org.warplab.model.SegmentGateway;
import org.warplab.model.Segmentation;
import org.warplab.model.Vm;
import org.warplab.wire.Wire;
import org.warplab.scheme.Advertisement;
import org.warplab.scheme.Binding;
import org.warplab.scheme.ControlStep;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.L2ExtensionBaseline;
import org.warplab.scheme.LabState;
import org.warplab.scheme.MobileIpv6Scheme;
import org.warplab.scheme.MobilityScheme;
import org.warplab.scheme.NetworkPagingScheme;
import org.warplab.scheme.PrefixTranslation;
import org.warplab.scheme.Route;
import org.warplab.scheme.SegmentGatewaySite;
import org.warplab.scheme.SegmentationScheme;
import org.warplab.scheme.Sites;
import org.warplab.scheme.VmLocation;

/**
 * Generates every device's files for real Linux tools, for each state of a lab: pure (a lab in,
 * file texts out; writing them is the caller's business). The lab must be valid with
 * {@link ConfigChecks} (no errors).
 *
 * <p>Per node: {@code ip.batch} (interfaces, addresses, MTUs, bridges, VXLAN and tunnel devices;
 * {@code ip -batch}), {@code bridge.batch} when bridge ports need VLANs or VXLAN flood entries
 * ({@code bridge -batch}), {@code sysctl.conf} (forwarding, DAD, reverse-path filter),
 * {@code routes.batch} for routers (the static routes of {@link MobilityScheme#routes}), and the
 * scheme's files: nftables for paging, radvd and the binding state for Mobile IPv6, FRR as the
 * dynamic-routing alternative to the static routes. Plus {@code _wiring/links.batch}, which
 * creates the veth pairs between network namespaces for an emulated lab, and a README per device.
 */
public final class ConfigGenerator {

    /** The pseudo-device that holds the lab-wide wiring; no node id starts with '_'. */
    public static final String WIRING_DEVICE = "_wiring";
    /** Link-local addresses of the two ends of a data-center LAN link that carries segments over VXLAN. */
    static final String LAN_UNDERLAY_DC = "fe80::1";
    static final String LAN_UNDERLAY_ROUTER = "fe80::2";
    /** Policy-routing tables of segments at client edges: 1000 + segment position. */
    static final int SEGMENT_TABLE_BASE = 1000;

    private final Lab lab;
    private final ConfigOptions options;
    private final MobilityScheme scheme;

    private ConfigGenerator(Lab lab, ConfigOptions options) {
        this.lab = lab;
        this.options = options;
        this.scheme = MobilityScheme.of(lab);
    }

    /** Files for every state of the lab: before, then after each migration. */
    public static List<StateFiles> generateAll(Lab lab, ConfigOptions options) {
        ConfigGenerator generator = new ConfigGenerator(lab, options);
        return LabState.all(lab).stream().map(s -> new StateFiles(s.name(), generator.generate(s))).toList();
    }

    /** Files for one state. */
    public static List<GeneratedFile> generate(Lab lab, LabState state, ConfigOptions options) {
        return new ConfigGenerator(lab, options).generate(state);
    }

    // ---- per state ---------------------------------------------------------------------------

    private final class DeviceFiles {
        final String device;
        final List<GeneratedFile> files = new ArrayList<>();
        final List<String> applySteps = new ArrayList<>();

        DeviceFiles(String device) {
            this.device = device;
        }

        void add(String path, String content, String purpose, String apply) {
            files.add(new GeneratedFile(device, path, content, purpose));
            if (apply != null) {
                applySteps.add(apply);
            }
        }
    }

    private List<GeneratedFile> generate(LabState state) {
        Map<String, List<Route>> routes = scheme.routes(lab, state.placement());
        List<ControlStep> steps = state.migration().isPresent()
                ? scheme.steps(lab, state.previous().orElseThrow(), state.migration().get()) : List.of();
        List<GeneratedFile> result = new ArrayList<>();
        for (Node node : lab.nodes()) {
            DeviceFiles files = new DeviceFiles(node.id());
            Batch ip = new Batch();
            Batch bridge = new Batch();
            Sysctl sysctl = new Sysctl();
            ip.line("link set dev lo up");
            if (node instanceof Router router) {
                router(router, state, ip, bridge, sysctl, files, routes.getOrDefault(router.id(), List.of()), steps);
            } else if (node instanceof DataCenter dc) {
                dataCenter(dc, state, ip, bridge, sysctl);
            } else if (node instanceof Vm vm) {
                vm(vm, state, ip, sysctl, files);
            } else if (node instanceof Client client) {
                client(client, ip, sysctl);
            } else if (node instanceof EthernetSwitch sw) {
                ethernetSwitch(sw, ip, sysctl);
            }
            List<GeneratedFile> ordered = new ArrayList<>();
            List<String> apply = new ArrayList<>();
            ordered.add(new GeneratedFile(node.id(), "sysctl.conf", sysctl.text(header(node, state, "sysctl -p")),
                    "kernel settings: forwarding, DAD, reverse-path filter (before the interfaces exist, so they inherit them)"));
            apply.add("sysctl -p sysctl.conf");
            ordered.add(new GeneratedFile(node.id(), "ip.batch", ip.text(header(node, state, "ip -batch")),
                    "interfaces, addresses, MTUs, bridges and tunnels"));
            apply.add("ip -batch ip.batch");
            if (sysctl.hasInterfaceKeys()) {
                ordered.add(new GeneratedFile(node.id(), "sysctl-interfaces.conf", sysctl.interfaceText(header(node, state, "sysctl -p")),
                        "per-interface kernel settings (after ip.batch)"));
                apply.add("sysctl -p sysctl-interfaces.conf");
            }
            if (!bridge.isEmpty()) {
                ordered.add(new GeneratedFile(node.id(), "bridge.batch", bridge.text(header(node, state, "bridge -batch")),
                        "bridge port VLANs and VXLAN flood entries"));
                apply.add("bridge -batch bridge.batch");
            }
            ordered.addAll(files.files);
            apply.addAll(files.applySteps);
            ordered.add(new GeneratedFile(node.id(), "README.md", readme(node, state, ordered, apply, steps), "what these files are and the order to apply them"));
            result.addAll(ordered);
        }
        result.add(new GeneratedFile(WIRING_DEVICE, "links.batch", wiring(state), "veth pairs between the nodes' network namespaces (emulated lab only)"));
        result.add(new GeneratedFile(WIRING_DEVICE, "README.md", wiringReadme(state), "how to build the lab on network namespaces"));
        return result;
    }

    private String header(Node node, LabState state, String tool) {
        return "# " + node.id() + " (" + node.kind().label() + ") — lab \"" + oneLine(lab.name()) + "\", state " + state.name()
                + ", scheme " + scheme.kind().key() + "\n# apply with: " + tool + " FILE\n";
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }

    // ---- routers -----------------------------------------------------------------------------

    private void router(Router router, LabState state, Batch ip, Batch bridge, Sysctl sysctl, DeviceFiles files,
                        List<Route> routes, List<ControlStep> steps) {
        sysctl.router();
        // segment bridges first: the LAN ports below join them
        if (scheme instanceof SegmentationScheme seg && seg.config().endpoints().contains(router.id())) {
            segmentEndpoint(seg, router, ip, bridge);
        }
        for (Link link : lab.linksOf(router.id())) {
            String dev = InterfaceNames.linkEnd(link);
            Node peer = lab.node(link.other(router.id())).orElseThrow();
            if (link.kind() == LinkKind.WAN || link.kind() == LinkKind.MANAGEMENT) {
                ip.line("link set dev " + dev + " mtu " + link.mtu() + " up");
                for (InterfaceAddress a : link.addressesOf(router.id())) {
                    ip.address(a, dev);
                }
            } else if (peer instanceof DataCenter dc) {
                routerDataCenterPort(router, link, dev, dc, ip);
            } else if (peer instanceof Client client) {
                ip.line("link set dev " + dev + " mtu " + link.mtu() + " up");
                siteGateways(List.of(client), dev, ip);
            } else if (peer instanceof EthernetSwitch) {
                ip.line("link set dev " + dev + " mtu " + link.mtu() + " up");
                List<Client> behind = lab.neighbours(peer.id(), LinkKind.LAN).stream().flatMap(id -> lab.node(id, Client.class).stream()).toList();
                siteGateways(behind, dev, ip);
            } else {
                ip.line("link set dev " + dev + " mtu " + link.mtu() + " up");
            }
        }
        if (scheme instanceof L2ExtensionBaseline l2x) {
            l2Extension(l2x, router, ip, bridge);
        }
        if (scheme instanceof NetworkPagingScheme paging) {
            paging(paging, router, state, ip, files, steps);
        }
        if (scheme instanceof MobileIpv6Scheme mip) {
            mobileIpv6Router(mip, router, state, ip, sysctl, files, routes);
        }
        Batch routeBatch = new Batch();
        for (Route route : routes) {
            routeBatch.line("route add " + route.destination() + " via " + route.nextHop() + " dev " + route.device()
                    + "  # toward " + route.origin() + ", cost " + route.cost());
        }
        files.add("routes.batch", routeBatch.text("# " + router.id() + ": static routes (shortest paths over the WAN), state " + state.name()
                + "\n# apply with: ip -batch routes.batch   (or run FRR from frr/ instead)\n"), "static routes to every prefix announced on the WAN",
                "ip -batch routes.batch   (static routing; skip when running FRR)");
        frr(router, state, files);
    }

    private void siteGateways(List<Client> clients, String dev, Batch ip) {
        List<InterfaceAddress> seen = new ArrayList<>();
        for (Client client : clients) {
            for (IpAddress gateway : client.gateways()) {
                client.address(gateway.family()).ifPresent(a -> {
                    InterfaceAddress address = new InterfaceAddress(gateway, a.prefixLength());
                    if (!seen.contains(address)) {
                        seen.add(address);
                        ip.address(address, dev);
                    }
                });
            }
        }
    }

    /** The router's port toward a data center: the DC's gateway (IP and MAC), or the segment/stretch plumbing. */
    private void routerDataCenterPort(Router router, Link link, String dev, DataCenter dc, Batch ip) {
        if (scheme instanceof SegmentationScheme seg) {
            ip.line("link set dev " + dev + " mtu " + link.mtu() + " up");
            for (Segmentation.Segment segment : seg.config().segments()) {
                if (options.segmentTransport() == SegmentTransport.VLAN) {
                    String sub = InterfaceNames.vlanSubinterface(dev, seg.localVlan(segment));
                    ip.line("link add link " + dev + " name " + sub + " type vlan id " + seg.localVlan(segment));
                    ip.line("link set dev " + sub + " master " + InterfaceNames.segmentBridge(segment.id()) + " up");
                } else {
                    if (seg.config().segments().indexOf(segment) == 0) {
                        ip.line("address add " + LAN_UNDERLAY_ROUTER + "/64 dev " + dev + " nodad");
                    }
                    String vx = InterfaceNames.lanVxlan(seg.vni(segment));
                    ip.line("link add " + vx + " type vxlan id " + seg.vni(segment) + " local " + LAN_UNDERLAY_ROUTER + " remote "
                            + LAN_UNDERLAY_DC + " dev " + dev + " dstport " + Wire.LAN_VXLAN_PORT);
                    ip.line("link set dev " + vx + " master " + InterfaceNames.segmentBridge(segment.id()) + " up");
                }
            }
            return;
        }
        if (scheme instanceof L2ExtensionBaseline l2x && l2x.stretchOf(lab, dc.id()).isPresent()) {
            ip.line("link set dev " + dev + " mtu " + link.mtu() + " up");
            return;
        }
        ip.line("link set dev " + dev + " address " + dc.gatewayMac() + " mtu " + link.mtu() + " up");
        for (IpAddress gateway : dc.gatewayAddresses()) {
            dc.lanPrefix(gateway.family()).ifPresent(p -> ip.address(new InterfaceAddress(gateway, p.length()), dev));
        }
    }

    /** The address a router uses as a VXLAN tunnel endpoint on the WAN: its first IPv4 WAN address. */
    private Optional<IpAddress> underlayAddress(String routerId) {
        return lab.linksOf(routerId).stream().filter(l -> l.kind() == LinkKind.WAN)
                .flatMap(l -> l.addressesOf(routerId).stream()).filter(a -> a.family() == IpFamily.IPV4)
                .map(InterfaceAddress::address).findFirst();
    }

    private void segmentEndpoint(SegmentationScheme seg, Router router, Batch ip, Batch bridge) {
        IpAddress local = underlayAddress(router.id()).orElseThrow();
        List<SegmentGatewaySite> gateways = seg.gateways(lab);
        for (Segmentation.Segment segment : seg.config().segments()) {
            String br = InterfaceNames.segmentBridge(segment.id());
            String vx = InterfaceNames.vxlan(seg.vni(segment));
            ip.line("link add " + br + " type bridge");
            List<SegmentGatewaySite> here = gateways.stream().filter(g -> g.segment().equals(segment.name()) && g.router().equals(router.id())).toList();
            if (!here.isEmpty()) {
                DataCenter site = Sites.dataCentersAt(lab, router.id()).get(0);
                ip.line("link set dev " + br + " address " + site.gatewayMac());
            }
            ip.line("link set dev " + br + " up");
            ip.line("link add " + vx + " type vxlan id " + seg.vni(segment) + " local " + local + " dstport " + Wire.VXLAN_PORT);
            ip.line("link set dev " + vx + " master " + br + " up");
            for (String other : seg.config().endpoints()) {
                if (!other.equals(router.id())) {
                    underlayAddress(other).ifPresent(remote ->
                            bridge.line("fdb append 00:00:00:00:00:00 dev " + vx + " dst " + remote + "  # flood to " + other));
                }
            }
            List<IpPrefix> prefixes = seg.prefixesOf(lab, segment);
            for (SegmentGatewaySite g : here) {
                prefixes.stream().filter(p -> p.contains(g.address())).findFirst().ifPresent(p ->
                        ip.address(new InterfaceAddress(g.address(), p.length()), br));
            }
            int table = SEGMENT_TABLE_BASE + seg.config().segments().indexOf(segment);
            boolean clientsHere = false;
            for (Client client : seg.clientsOf(lab, segment)) {
                Optional<Link> lan = Sites.lanLinkOf(lab, client.id());
                if (lan.isPresent() && lan.get().touches(router.id())) {
                    ip.line("rule add iif " + InterfaceNames.linkEnd(lan.get()) + " lookup " + table + " pref " + table
                            + "  # clients of segment " + segment.name());
                    clientsHere = true;
                }
            }
            if (clientsHere) {
                for (IpPrefix p : prefixes) {
                    ip.line("route add " + p + " dev " + br + " table " + table);
                }
            }
        }
    }

    private void l2Extension(L2ExtensionBaseline l2x, Router router, Batch ip, Batch bridge) {
        for (DataCenter dc : Sites.dataCentersAt(lab, router.id())) {
            Optional<L2ExtensionBaseline.Stretch> stretch = l2x.stretchOf(lab, dc.id());
            if (stretch.isEmpty()) {
                continue;
            }
            String lanPort = Sites.lanLinkOf(lab, dc.id()).map(InterfaceNames::linkEnd).orElseThrow();
            String vx = InterfaceNames.vxlan(stretch.get().vni());
            String br = InterfaceNames.L2_EXTENSION_BRIDGE;
            ip.line("link add " + br + " type bridge");
            boolean origin = stretch.get().origin().equals(dc.id());
            if (origin) {
                ip.line("link set dev " + br + " address " + dc.gatewayMac());
            }
            ip.line("link set dev " + br + " up");
            ip.line("link set dev " + lanPort + " master " + br);
            ip.line("link add " + vx + " type vxlan id " + stretch.get().vni() + " local " + underlayAddress(router.id()).orElseThrow()
                    + " dstport " + Wire.VXLAN_PORT);
            ip.line("link set dev " + vx + " master " + br + " up");
            if (origin) {
                for (IpAddress gateway : dc.gatewayAddresses()) {
                    dc.lanPrefix(gateway.family()).ifPresent(p -> ip.address(new InterfaceAddress(gateway, p.length()), br));
                }
            }
            for (String member : stretch.get().dataCenters()) {
                Router edge = Sites.edgeOf(lab, member).orElseThrow();
                if (!edge.id().equals(router.id())) {
                    underlayAddress(edge.id()).ifPresent(remote ->
                            bridge.line("fdb append 00:00:00:00:00:00 dev " + vx + " dst " + remote + "  # stretch to " + member));
                }
            }
        }
    }

    private void paging(NetworkPagingScheme paging, Router router, LabState state, Batch ip, DeviceFiles files, List<ControlStep> steps) {
        List<PrefixTranslation> mine = paging.translations(lab).stream().filter(t -> t.router().equals(router.id())).toList();
        if (!mine.isEmpty()) {
            for (PrefixTranslation t : mine) {
                ip.line("route add blackhole " + t.wanPrefix() + "  # S' of " + t.dataCenter() + ": held here so FRR can announce it; nft maps it to "
                        + t.lanPrefix() + " before routing");
            }
            files.add("nft/paging.nft", Nftables.serverEdge(router.id(), mine), "stateless S <-> S' translation of the server edge",
                    "nft -f nft/paging.nft");
        }
        if (paging.config().clientEdges().contains(router.id())) {
            List<PrefixTranslation> all = paging.translations(lab);
            List<String> clientPorts = new ArrayList<>();
            for (Link link : lab.linksOf(router.id())) {
                if (link.kind() == LinkKind.LAN && lab.node(link.other(router.id())).filter(n -> n instanceof Client || n instanceof EthernetSwitch).isPresent()) {
                    clientPorts.add(InterfaceNames.linkEnd(link));
                }
            }
            List<Nftables.DataCenterChain> chains = new ArrayList<>();
            for (DataCenter dc : lab.dataCenters()) {
                for (IpPrefix p : dc.lanPrefixes()) {
                    if (all.stream().anyMatch(t -> t.lanPrefix().equals(p))) {
                        chains.add(new Nftables.DataCenterChain(dc.id(), p, paging.translationOf(lab, dc.id(), p).orElse(null)));
                    }
                }
            }
            List<VmLocation> locations = paging.locations(lab, state.placement()).stream().filter(l -> l.clientEdge().equals(router.id())).toList();
            files.add("nft/paging.nft", Nftables.clientEdge(router.id(), clientPorts, chains, all, locations),
                    "client-edge translation driven by the VM location map", "nft -f nft/paging.nft");
            if (state.migration().isPresent()) {
                List<VmLocation> old = paging.locations(lab, state.previous().orElseThrow());
                StringBuilder text = new StringBuilder();
                text.append("# ").append(router.id()).append(": the switch for migration ").append(state.migration().get().id())
                        .append(", run by the announcement watcher's message:\n");
                steps.stream().filter(s -> s.device().equals(router.id())).forEach(s -> text.append("#   ").append(s.description()).append("\n"));
                text.append("# one transaction: nft -f THIS_FILE, or feed the two lines to a long-lived 'nft -i'\n");
                for (VmLocation now : locations) {
                    if (now.vm().equals(state.migration().get().vm())) {
                        VmLocation was = old.stream().filter(l -> l.clientEdge().equals(router.id()) && l.vmAddress().equals(now.vmAddress()))
                                .findFirst().orElseThrow();
                        text.append(Nftables.switchCommands(was, now));
                    }
                }
                files.add("nft/switch-" + state.migration().get().id() + ".nft", text.toString(),
                        "the one-element location switch that led to this state (before -> after)", null);
            }
        }
    }

    private void mobileIpv6Router(MobileIpv6Scheme mip, Router router, LabState state, Batch ip, Sysctl sysctl, DeviceFiles files, List<Route> routes) {
        MobileIpv6 config = mip.config();
        for (DataCenter dc : Sites.dataCentersAt(lab, router.id())) {
            List<IpPrefix> v6 = dc.lanPrefixes().stream().filter(p -> p.family() == IpFamily.IPV6).toList();
            if (v6.isEmpty()) {
                continue;
            }
            boolean homeAgent = router.id().equals(config.homeAgent()) && dc.id().equals(config.homeNetwork());
            String lanPort = Sites.lanLinkOf(lab, dc.id()).map(InterfaceNames::linkEnd).orElseThrow();
            files.add("radvd/radvd.conf", Radvd.config(router.id(), lanPort, dc.id(), v6, config, homeAgent),
                    "router advertisements every " + Radvd.seconds(config.raMinIntervalNs()) + "-" + Radvd.seconds(config.raMaxIntervalNs()) + " s",
                    "radvd -C radvd/radvd.conf -p radvd.pid");
        }
        if (!router.id().equals(config.homeAgent())) {
            return;
        }
        List<Binding> bindings = mip.bindings(lab, state.placement());
        String homePort = Sites.lanLinkOf(lab, config.homeNetwork()).map(InterfaceNames::linkEnd).orElseThrow();
        IpAddress haAddress = mip.homeAgentAddress(lab);
        sysctl.set("net.ipv6.conf.all.proxy_ndp", "1");
        if (options.mipTunnel() == MipTunnel.SEG6) {
            sysctl.set("net.ipv6.conf.all.seg6_enabled", "1");
            sysctl.set("net.ipv6.conf.default.seg6_enabled", "1");
            for (Link link : lab.linksOf(router.id())) {
                sysctl.set("net/ipv6/conf/" + InterfaceNames.linkEnd(link) + "/seg6_enabled", "1");
            }
        }
        StringBuilder cache = new StringBuilder();
        cache.append("# ").append(router.id()).append(": Mobile IPv6 home agent binding cache, state ").append(state.name()).append("\n");
        cache.append("# read by the home-agent agent; one line per binding: home address, care-of address, lifetime\n");
        cache.append("home-agent-address ").append(haAddress).append("\n");
        cache.append("home-prefix ").append(mip.homePrefix(lab)).append("\n");
        if (bindings.isEmpty()) {
            cache.append("# no binding: every mobile node is at home\n");
        }
        List<Batch> tunnels = new ArrayList<>();
        for (Binding b : bindings) {
            cache.append("binding ").append(b.vm()).append(" home-address ").append(b.homeAddress()).append(" care-of-address ")
                    .append(b.careOfAddress()).append(" lifetime-s ").append(b.lifetimeNs() / 1_000_000_000L).append("\n");
            String tunnel = InterfaceNames.homeAgentTunnel(b.vm());
            Batch bound = new Batch();
            bound.line("neigh add proxy " + b.homeAddress() + " dev " + homePort + "  # defend the home address on the home link");
            if (options.mipTunnel() == MipTunnel.IP6TNL) {
                bound.line("link add " + tunnel + " type ip6tnl mode ip6ip6 local " + haAddress + " remote " + b.careOfAddress());
                bound.line("link set dev " + tunnel + " up");
                bound.line("route add " + b.homeAddress() + "/128 dev " + tunnel + "  # binding " + b.homeAddress() + " -> " + b.careOfAddress());
            } else {
                Route toForeign = routes.stream().filter(r -> r.destination().contains(b.careOfAddress())).findFirst().orElseThrow(() ->
                        new IllegalStateException("no route from " + router.id() + " to " + b.careOfAddress()));
                bound.line("sr tunsrc set " + haAddress + "  # the tunnel's outer source: the home agent address the mobile node knows");
                bound.line("route add " + b.homeAddress() + "/128 encap seg6 mode encap segs " + b.careOfAddress() + " via " + toForeign.nextHop()
                        + " dev " + toForeign.device() + "  # binding " + b.homeAddress() + " -> " + b.careOfAddress());
            }
            tunnels.add(bound);
        }
        files.add("mip6/bindings.conf", cache.toString(), "the binding cache the home agent holds in this state", null);
        for (Binding ended : endedBindings(mip, state)) {
            Batch undo = new Batch();
            undo.line("neigh del proxy " + ended.homeAddress() + " dev " + homePort + "  # the mobile node defends its home address itself again");
            if (options.mipTunnel() == MipTunnel.IP6TNL) {
                undo.line("link del dev " + InterfaceNames.homeAgentTunnel(ended.vm()) + "  # with its route to " + ended.homeAddress());
            } else {
                undo.line("route del " + ended.homeAddress() + "/128  # the tunnel to " + ended.careOfAddress());
            }
            String file = MobileIpv6Files.homeAgentDeregistration(ended.vm());
            files.add(file, undo.text("# " + router.id() + ": Mobile IPv6 home agent, " + ended.vm() + " is home again, state " + state.name()
                            + "\n# applied by the home-agent agent when " + ended.vm() + "'s deregistration (Binding Update, lifetime 0) arrives\n"),
                    "the end of " + ended.vm() + "'s binding to " + ended.careOfAddress(),
                    "ip -batch " + file + "   (the home-agent agent's step when " + ended.vm() + " deregisters; skip when building this state from scratch)");
        }
        for (int i = 0; i < bindings.size(); i++) {
            Binding b = bindings.get(i);
            String file = MobileIpv6Files.homeAgentBinding(b.vm());
            files.add(file, tunnels.get(i).text("# " + router.id() + ": Mobile IPv6 home agent, binding of " + b.vm() + ", state " + state.name()
                            + "\n# applied by the home-agent agent when it accepts " + b.vm() + "'s Binding Update (after DAD of the home address)\n"),
                    "the tunnel to " + b.vm() + "'s care-of address " + b.careOfAddress(),
                    "ip -batch " + file + "   (the home-agent agent's step when it accepts " + b.vm() + "'s Binding Update)");
        }
    }

    /** Bindings the previous state held and this one does not: their mobile nodes came home with this state's migration. */
    private List<Binding> endedBindings(MobileIpv6Scheme mip, LabState state) {
        if (state.previous().isEmpty()) {
            return List.of();
        }
        List<String> bound = mip.bindings(lab, state.placement()).stream().map(Binding::vm).toList();
        return mip.bindings(lab, state.previous().get()).stream().filter(b -> !bound.contains(b.vm())).toList();
    }

    private void frr(Router router, LabState state, DeviceFiles files) {
        List<Frr.OspfInterface> interfaces = new ArrayList<>();
        for (Link link : lab.linksOf(router.id())) {
            if (link.kind() != LinkKind.WAN) {
                continue;
            }
            link.addressesOf(router.id()).stream().filter(a -> a.family() == IpFamily.IPV4).findFirst().ifPresent(a ->
                    interfaces.add(new Frr.OspfInterface(InterfaceNames.linkEnd(link), link.other(router.id()), a.subnet())));
        }
        Optional<IpAddress> routerId = underlayAddress(router.id());
        if (interfaces.isEmpty() || routerId.isEmpty()) {
            return;
        }
        List<IpPrefix> advertised = scheme.advertisements(lab, state.placement()).stream()
                .filter(a -> a.router().equals(router.id()) && a.prefix().family() == IpFamily.IPV4)
                .map(Advertisement::prefix).distinct().toList();
        files.add("frr/zebra.conf", Frr.zebra(router.id(), interfaces), "FRR zebra: interfaces", "zebra -d -f frr/zebra.conf   (dynamic routing, instead of routes.batch)");
        files.add("frr/ospfd.conf", Frr.ospfd(router.id(), routerId.get().toString(), interfaces, advertised, options.fastConvergence()),
                "FRR ospfd: area 0 on the WAN links, announcing " + advertised, "ospfd -d -f frr/ospfd.conf");
    }

    // ---- data centers, VMs, clients, switches ------------------------------------------------

    private void dataCenter(DataCenter dc, LabState state, Batch ip, Batch bridge, Sysctl sysctl) {
        sysctl.bridgeHost();
        List<Vm> here = lab.vms().stream().filter(v -> state.placement().of(v.id()).equals(dc.id())).toList();
        Optional<Link> uplink = Sites.lanLinkOf(lab, dc.id());
        SegmentationScheme seg = scheme instanceof SegmentationScheme s ? s : null;
        if (seg != null && options.segmentTransport() == SegmentTransport.VXLAN) {
            uplink.ifPresent(l -> {
                ip.line("link set dev " + InterfaceNames.linkEnd(l) + " mtu " + l.mtu() + " up");
                ip.line("address add " + LAN_UNDERLAY_DC + "/64 dev " + InterfaceNames.linkEnd(l) + " nodad");
            });
            for (Segmentation.Segment segment : seg.config().segments()) {
                String br = InterfaceNames.segmentBridge(segment.id());
                ip.line("link add " + br + " type bridge");
                ip.line("link set dev " + br + " up");
                if (uplink.isPresent()) {
                    String vx = InterfaceNames.lanVxlan(seg.vni(segment));
                    ip.line("link add " + vx + " type vxlan id " + seg.vni(segment) + " local " + LAN_UNDERLAY_DC + " remote " + LAN_UNDERLAY_ROUTER
                            + " dev " + InterfaceNames.linkEnd(uplink.get()) + " dstport " + Wire.LAN_VXLAN_PORT);
                    ip.line("link set dev " + vx + " master " + br + " up");
                }
            }
            for (Vm vm : here) {
                String port = InterfaceNames.vmPort(vm.id());
                seg.segmentOf(vm.id()).ifPresentOrElse(
                        s -> ip.line("link set dev " + port + " master " + InterfaceNames.segmentBridge(s.id()) + " up  # " + vm.id() + " in segment " + s.name()),
                        () -> ip.line("link set dev " + port + " up  # " + vm.id() + " is in no segment"));
            }
        } else {
            String br = InterfaceNames.DATA_CENTER_BRIDGE;
            boolean vlans = seg != null;
            ip.line("link add " + br + " type bridge" + (vlans ? " vlan_filtering 1" : ""));
            ip.line("link set dev " + br + " up");
            uplink.ifPresent(l -> ip.line("link set dev " + InterfaceNames.linkEnd(l) + " mtu " + l.mtu() + " master " + br + " up"));
            for (Vm vm : here) {
                ip.line("link set dev " + InterfaceNames.vmPort(vm.id()) + " master " + br + " up  # " + vm.id());
            }
            if (vlans) {
                for (Segmentation.Segment segment : seg.config().segments()) {
                    uplink.ifPresent(l -> bridge.line("vlan add vid " + seg.localVlan(segment) + " dev " + InterfaceNames.linkEnd(l)
                            + "  # segment " + segment.name() + ", tagged toward the endpoint"));
                }
                for (Vm vm : here) {
                    String port = InterfaceNames.vmPort(vm.id());
                    bridge.line("vlan del vid 1 dev " + port);
                    seg.segmentOf(vm.id()).ifPresent(s -> bridge.line("vlan add vid " + seg.localVlan(s) + " dev " + port
                            + " pvid untagged  # " + vm.id() + " in segment " + s.name()));
                }
            }
        }
        for (Link link : lab.linksOf(dc.id())) {
            if (link.kind() == LinkKind.MANAGEMENT) {
                String dev = InterfaceNames.linkEnd(link);
                ip.line("link set dev " + dev + " mtu " + link.mtu() + " up  # management link to " + link.other(dc.id()));
                for (InterfaceAddress a : link.addressesOf(dc.id())) {
                    ip.address(a, dev);
                }
            }
        }
    }

    private void vm(Vm vm, LabState state, Batch ip, Sysctl sysctl, DeviceFiles files) {
        sysctl.host();
        if (scheme instanceof MobileIpv6Scheme) {
            // router advertisements are the mobile-node agent's (movement detection, care-of address):
            // the kernel must not autoconfigure addresses behind its back
            sysctl.set("net.ipv6.conf.all.accept_ra", "0");
            sysctl.set("net.ipv6.conf.default.accept_ra", "0");
        }
        String where = state.placement().of(vm.id());
        DataCenter dc = lab.node(where, DataCenter.class).orElseThrow();
        DataCenter origin = lab.node(vm.dataCenter(), DataCenter.class).orElseThrow();
        String dev = InterfaceNames.VM_INTERFACE;
        int mtu = Sites.lanLinkOf(lab, where).map(Link::mtu).orElse(Link.DEFAULT_MTU);
        if (scheme instanceof SegmentationScheme) {
            // the segment crosses VXLAN: 50 bytes of IPv4 underlay headers on the WAN, 70 over the LAN's IPv6 link-local underlay
            mtu -= options.segmentTransport() == SegmentTransport.VXLAN ? 70 : 50;
        }
        ip.line("link set dev " + dev + " address " + vm.mac() + " mtu " + mtu + " up");
        Optional<Binding> binding = scheme instanceof MobileIpv6Scheme mip
                ? mip.bindings(lab, state.placement()).stream().filter(b -> b.vm().equals(vm.id())).findFirst() : Optional.empty();
        if (binding.isPresent()) {
            mobileNodeAway((MobileIpv6Scheme) scheme, vm, binding.get(), dc, state, ip, sysctl, files);
            return;
        }
        if (scheme instanceof MobileIpv6Scheme mip) {
            endedBindings(mip, state).stream().filter(b -> b.vm().equals(vm.id())).findFirst().ifPresent(ended -> {
                Batch undo = new Batch();
                undo.line(options.mipTunnel() == MipTunnel.IP6TNL
                        ? "link del dev " + InterfaceNames.MIP6_TUNNEL + "  # the tunnel to the home agent, with the home address on it"
                        : "address del " + ended.homeAddress() + "/128 dev lo  # the home address is on the home link again (ip.batch)");
                files.add(MobileIpv6Files.DEREGISTRATION, undo.text("# " + vm.id() + ": Mobile IPv6 mobile node, home again, state " + state.name()
                                + "\n# applied by the mobile-node agent once the home agent acknowledged the deregistration; the care-of address\n"
                                + "# and the routes through the foreign router went with the foreign link's interface\n"),
                        "what is left of the binding to " + ended.careOfAddress() + " once the home agent let it go",
                        "ip -batch " + MobileIpv6Files.DEREGISTRATION + "   (the mobile-node agent's step once its deregistration is acknowledged; "
                                + "skip when building this state from scratch)");
            });
        }
        for (IpAddress address : vm.addresses()) {
            IpPrefix prefix = dc.lanPrefixes().stream().filter(p -> p.contains(address)).findFirst()
                    .or(() -> origin.lanPrefixes().stream().filter(p -> p.contains(address)).findFirst())
                    .orElse(IpPrefix.containing(address, address.family().bits()));
            ip.address(new InterfaceAddress(address, prefix.length()), dev);
            DataCenter gatewaySite = dc.lanPrefixes().contains(prefix) ? dc : origin;
            gatewaySite.gatewayAddress(address.family()).filter(prefix::contains).ifPresent(gw ->
                    ip.line("route add default via " + gw + " dev " + dev));
        }
    }

    /**
     * A mobile node away from home: its link and IPv4 address in {@code ip.batch}; the care-of
     * address (once it passed DAD) and the home address behind the tunnel to the home agent (once
     * the binding is acknowledged) in the two files the mobile-node agent applies at those moments.
     */
    private void mobileNodeAway(MobileIpv6Scheme mip, Vm vm, Binding binding, DataCenter foreign, LabState state, Batch ip, Sysctl sysctl,
                                DeviceFiles files) {
        String dev = InterfaceNames.VM_INTERFACE;
        IpPrefix foreignPrefix = foreign.lanPrefix(IpFamily.IPV6).orElseThrow();
        IpAddress foreignGateway = foreign.gatewayAddress(IpFamily.IPV6).orElseThrow();
        IpAddress ha = mip.homeAgentAddress(lab);
        DataCenter home = mip.homeNetwork(lab);
        for (IpAddress address : vm.addresses()) {
            if (address.family() == IpFamily.IPV4) {
                home.lanPrefix(IpFamily.IPV4).filter(p -> p.contains(address)).ifPresent(p ->
                        ip.address(new InterfaceAddress(address, p.length()), dev));
            }
        }
        Batch careOf = new Batch();
        careOf.line("address add " + binding.careOfAddress() + "/" + foreignPrefix.length() + " dev " + dev + " nodad  # care-of address (SLAAC on "
                + foreignPrefix + ")");
        careOf.line("route add " + ha + "/128 via " + foreignGateway + " dev " + dev + "  # the home agent, outside the tunnel");
        Batch bound = new Batch();
        if (options.mipTunnel() == MipTunnel.IP6TNL) {
            String tunnel = InterfaceNames.MIP6_TUNNEL;
            bound.line("link add " + tunnel + " type ip6tnl mode ip6ip6 local " + binding.careOfAddress() + " remote " + ha);
            bound.line("link set dev " + tunnel + " up");
            bound.line("address add " + binding.homeAddress() + "/128 dev " + tunnel + " nodad  # home address");
            bound.line("route add default dev " + tunnel + " src " + binding.homeAddress() + "  # reverse tunnel through the home agent");
        } else {
            sysctl.set("net.ipv6.conf.all.seg6_enabled", "1");
            sysctl.set("net.ipv6.conf.default.seg6_enabled", "1");
            sysctl.set("net/ipv6/conf/" + dev + "/seg6_enabled", "1");
            bound.line("address add " + binding.homeAddress() + "/128 dev lo nodad  # home address");
            bound.line("sr tunsrc set " + binding.careOfAddress());
            bound.line("route add default encap seg6 mode encap segs " + ha + " via " + foreignGateway + " dev " + dev + " src " + binding.homeAddress()
                    + "  # reverse tunnel through the home agent");
        }
        String header = "# " + vm.id() + ": Mobile IPv6 mobile node, state " + state.name() + "\n";
        files.add(MobileIpv6Files.CARE_OF, careOf.text(header + "# applied by the mobile-node agent once the care-of address passed DAD\n"),
                "the care-of address on " + foreign.id() + "'s link and the route to the home agent (once the address passed DAD)",
                "ip -batch " + MobileIpv6Files.CARE_OF + "   (the mobile-node agent's step once its care-of address passed DAD)");
        files.add(MobileIpv6Files.MOBILE_NODE_BINDING, bound.text(header + "# applied by the mobile-node agent once the home agent acknowledged the binding\n"),
                "the home address and the reverse tunnel through the home agent (once the binding is acknowledged)",
                "ip -batch " + MobileIpv6Files.MOBILE_NODE_BINDING + "   (the mobile-node agent's step once the home agent acknowledged the binding)");
    }

    private void client(Client client, Batch ip, Sysctl sysctl) {
        sysctl.host();
        Optional<Link> link = Sites.lanLinkOf(lab, client.id()).or(() -> lab.linksOf(client.id()).stream().findFirst());
        if (link.isEmpty()) {
            return;
        }
        String dev = InterfaceNames.linkEnd(link.get());
        ip.line("link set dev " + dev + " mtu " + link.get().mtu() + " up");
        client.addresses().forEach(a -> ip.address(a, dev));
        client.gateways().forEach(g -> ip.line("route add default via " + g + " dev " + dev));
    }

    private void ethernetSwitch(EthernetSwitch sw, Batch ip, Sysctl sysctl) {
        sysctl.bridgeHost();
        String br = InterfaceNames.DATA_CENTER_BRIDGE;
        ip.line("link add " + br + " type bridge");
        ip.line("link set dev " + br + " up");
        for (Link link : lab.linksOf(sw.id())) {
            ip.line("link set dev " + InterfaceNames.linkEnd(link) + " mtu " + link.mtu() + " master " + br + " up");
        }
    }

    // ---- wiring and READMEs ------------------------------------------------------------------

    private String wiring(LabState state) {
        Batch batch = new Batch();
        for (Link link : lab.links()) {
            String name = InterfaceNames.linkEnd(link);
            batch.line("link add " + name + " netns " + options.namespaceOf(link.a()) + " type veth peer name " + name + " netns "
                    + options.namespaceOf(link.b()) + "  # " + link.kind().key() + " link " + link.a() + " - " + link.b());
        }
        for (Vm vm : lab.vms()) {
            String dc = state.placement().of(vm.id());
            batch.line("link add " + InterfaceNames.VM_INTERFACE + " netns " + options.namespaceOf(vm.id()) + " type veth peer name "
                    + InterfaceNames.vmPort(vm.id()) + " netns " + options.namespaceOf(dc) + "  # " + vm.id() + " on " + dc + "'s LAN");
        }
        return batch.text("# lab \"" + oneLine(lab.name()) + "\", state " + state.name() + ": veth pairs between the nodes' namespaces\n"
                + "# run in the root namespace after creating one namespace per node (ip netns add " + options.namespacePrefix() + "NODE):\n"
                + "# ip -batch links.batch\n");
    }

    private String wiringReadme(LabState state) {
        StringBuilder text = new StringBuilder();
        text.append("# Building lab \"").append(oneLine(lab.name())).append("\" (state ").append(state.name()).append(") on network namespaces\n\n");
        text.append("1. One namespace per node: `ip netns add ").append(options.namespacePrefix()).append("NODE` for each node directory beside this one.\n");
        text.append("2. In each namespace `sysctl -p NODE/sysctl.conf` (`ip netns exec ...`), so the interfaces created next inherit it.\n");
        text.append("3. `ip -batch links.batch` here: the veth pairs, each end already in its namespace.\n");
        text.append("4. In each node's namespace, apply the rest of that node's files in the order its README gives ")
                .append("(`ip -n ").append(options.namespacePrefix()).append("NODE -batch ip.batch`, `ip netns exec ... sysctl -p sysctl.conf`, ...).\n");
        text.append("\nOn real devices skip this directory: the interfaces exist, named as in each node's files.\n");
        return text.toString();
    }

    private String readme(Node node, LabState state, List<GeneratedFile> files, List<String> apply, List<ControlStep> steps) {
        StringBuilder text = new StringBuilder();
        text.append("# ").append(node.id()).append(" — ").append(oneLine(node.name())).append(" (").append(node.kind().label()).append(")\n\n");
        text.append("Lab \"").append(oneLine(lab.name())).append("\", scheme ").append(scheme.kind().label()).append(", state **")
                .append(state.name()).append("**");
        state.migration().ifPresent(m -> text.append(" (after migration ").append(m.id()).append(": ").append(m.vm()).append(" -> ").append(m.to()).append(")"));
        text.append(".\n\n## Files\n\n");
        for (GeneratedFile f : files) {
            text.append("- `").append(f.relativePath()).append("`: ").append(f.purpose()).append("\n");
        }
        text.append("\n## Apply in this order\n\n");
        for (int i = 0; i < apply.size(); i++) {
            text.append(i + 1).append(". `").append(apply.get(i)).append("`\n");
        }
        List<ControlStep> mine = steps.stream().filter(s -> s.device().equals(node.id())).toList();
        if (!mine.isEmpty()) {
            text.append("\n## What the migration changed here\n\n");
            for (ControlStep s : mine) {
                text.append("- ").append(s.description()).append("\n");
            }
            if (files.stream().anyMatch(f -> f.relativePath().startsWith("nft/switch-"))) {
                text.append("\nThe announcement watcher's message makes this change with `nft -f nft/switch-")
                        .append(state.migration().orElseThrow().id()).append(".nft` (one transaction).\n");
            }
        }
        return text.toString();
    }
}
