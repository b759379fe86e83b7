package org.warplab.config;

import java.util.ArrayList;
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
import org.warplab.model.Router;
import org.warplab.model.Vm;
import org.warplab.scheme.Advertisement;
import org.warplab.scheme.ControlStep;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.LabState;
import org.warplab.scheme.MobilityScheme;
import org.warplab.scheme.Route;
import org.warplab.scheme.Sites;

/**
 * Generates every device's files for real Linux tools, for each state of a lab: pure (a lab in,
 * file texts out; writing them is the caller's business). The lab must be valid with
 * {@link ConfigChecks} (no errors).
 *
 * <p>Per node: {@code ip.batch} (interfaces, addresses, MTUs, bridges, VXLAN and tunnel devices;
 * {@code ip -batch}), {@code bridge.batch} when bridge ports need VLANs or VXLAN flood entries
 * ({@code bridge -batch}), {@code sysctl.conf} (forwarding, DAD, reverse-path filter),
 * {@code routes.batch} for routers (the static routes of {@link MobilityScheme#routes}), and the
 * scheme's files, which its {@link SchemeFiles} writes (nftables for paging, radvd and the binding
 * state for Mobile IPv6, segment bridges and VXLANs for segmentation), and FRR as the
 * dynamic-routing alternative to the static routes. Plus {@code _wiring/links.batch}, which
 * creates the veth pairs between network namespaces for an emulated lab, and a README per device.
 */
public final class ConfigGenerator {

    /** The pseudo-device that holds the lab-wide wiring; no node id starts with '_'. */
    public static final String WIRING_DEVICE = "_wiring";
    static final int VXLAN_PORT = org.warplab.wire.Wire.VXLAN_PORT;
    static final int LAN_VXLAN_PORT = org.warplab.wire.Wire.LAN_VXLAN_PORT;

    private final Lab lab;
    private final ConfigOptions options;
    private final MobilityScheme scheme;
    private final SchemeFiles schemeFiles;

    private ConfigGenerator(Lab lab, ConfigOptions options, SchemeFiles schemeFiles) {
        this.lab = lab;
        this.options = options;
        this.schemeFiles = schemeFiles;
        this.scheme = schemeFiles.scheme();
    }

    /** Files for every state of the lab: before, then after each migration. */
    public static List<StateFiles> generateAll(Lab lab, ConfigOptions options) {
        return generateAll(lab, options, SchemeFiles.of(lab, options));
    }

    /** Files for every state of the lab with {@code schemeFiles} as its scheme's part (a scheme that is not built in plugs in here). */
    public static List<StateFiles> generateAll(Lab lab, ConfigOptions options, SchemeFiles schemeFiles) {
        ConfigGenerator generator = new ConfigGenerator(lab, options, schemeFiles);
        return LabState.all(lab).stream().map(s -> new StateFiles(s.name(), generator.generate(s))).toList();
    }

    /** Files for one state. */
    public static List<GeneratedFile> generate(Lab lab, LabState state, ConfigOptions options) {
        return new ConfigGenerator(lab, options, SchemeFiles.of(lab, options)).generate(state);
    }

    // ---- per state ---------------------------------------------------------------------------

    private List<GeneratedFile> generate(LabState state) {
        Map<String, List<Route>> routes = scheme.routes(lab, state.placement());
        List<ControlStep> steps = state.migration().isPresent()
                ? scheme.steps(lab, state.previous().orElseThrow(), state.migration().get()) : List.of();
        List<GeneratedFile> result = new ArrayList<>();
        for (Node node : lab.nodes()) {
            DeviceConfig files = new DeviceConfig(node.id());
            Batch ip = files.ip();
            Batch bridge = files.bridge();
            Sysctl sysctl = files.sysctl();
            ip.line("link set dev lo up");
            if (node instanceof Router router) {
                router(router, state, files, routes.getOrDefault(router.id(), List.of()), steps);
            } else if (node instanceof DataCenter dc) {
                dataCenter(dc, state, files);
            } else if (node instanceof Vm vm) {
                vm(vm, state, files);
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

    private void router(Router router, LabState state, DeviceConfig files, List<Route> routes, List<ControlStep> steps) {
        Batch ip = files.ip();
        files.sysctl().router();
        schemeFiles.beforeRouterPorts(router, files);
        for (Link link : lab.linksOf(router.id())) {
            String dev = InterfaceNames.linkEnd(link);
            Node peer = lab.node(link.other(router.id())).orElseThrow();
            if (link.kind() == LinkKind.WAN || link.kind() == LinkKind.MANAGEMENT) {
                ip.line("link set dev " + dev + " mtu " + link.mtu() + " up");
                for (InterfaceAddress a : link.addressesOf(router.id())) {
                    ip.address(a, dev);
                }
            } else if (peer instanceof DataCenter dc) {
                if (!schemeFiles.dataCenterPort(router, link, dev, dc, files)) {
                    dataCenterGateway(link, dev, dc, ip);
                }
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
        schemeFiles.router(router, state, files, routes, steps);
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

    /** The router's port toward a data center as the DC's gateway (IP and MAC). */
    private void dataCenterGateway(Link link, String dev, DataCenter dc, Batch ip) {
        ip.line("link set dev " + dev + " address " + dc.gatewayMac() + " mtu " + link.mtu() + " up");
        for (IpAddress gateway : dc.gatewayAddresses()) {
            dc.lanPrefix(gateway.family()).ifPresent(p -> ip.address(new InterfaceAddress(gateway, p.length()), dev));
        }
    }

    private void frr(Router router, LabState state, DeviceConfig files) {
        List<Frr.OspfInterface> interfaces = new ArrayList<>();
        for (Link link : lab.linksOf(router.id())) {
            if (link.kind() != LinkKind.WAN) {
                continue;
            }
            link.addressesOf(router.id()).stream().filter(a -> a.family() == IpFamily.IPV4).findFirst().ifPresent(a ->
                    interfaces.add(new Frr.OspfInterface(InterfaceNames.linkEnd(link), link.other(router.id()), a.subnet())));
        }
        Optional<IpAddress> routerId = WanUnderlay.addressOf(lab, router.id());
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

    private void dataCenter(DataCenter dc, LabState state, DeviceConfig files) {
        Batch ip = files.ip();
        files.sysctl().bridgeHost();
        List<Vm> here = lab.vms().stream().filter(v -> state.placement().of(v.id()).equals(dc.id())).toList();
        Optional<Link> uplink = Sites.lanLinkOf(lab, dc.id());
        if (!schemeFiles.dataCenterLan(dc, here, uplink, files)) {
            dataCenterBridge(ip, uplink, here, "");
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

    /** A data center's one bridge: its uplink and its VMs' ports ({@code options}: more of {@code ip link add ... type bridge}). */
    static void dataCenterBridge(Batch ip, Optional<Link> uplink, List<Vm> here, String options) {
        String br = InterfaceNames.DATA_CENTER_BRIDGE;
        ip.line("link add " + br + " type bridge" + options);
        ip.line("link set dev " + br + " up");
        uplink.ifPresent(l -> ip.line("link set dev " + InterfaceNames.linkEnd(l) + " mtu " + l.mtu() + " master " + br + " up"));
        for (Vm vm : here) {
            ip.line("link set dev " + InterfaceNames.vmPort(vm.id()) + " master " + br + " up  # " + vm.id());
        }
    }

    private void vm(Vm vm, LabState state, DeviceConfig files) {
        Batch ip = files.ip();
        files.sysctl().host();
        schemeFiles.vmSettings(vm, files);
        String where = state.placement().of(vm.id());
        DataCenter dc = lab.node(where, DataCenter.class).orElseThrow();
        DataCenter origin = lab.node(vm.dataCenter(), DataCenter.class).orElseThrow();
        String dev = InterfaceNames.VM_INTERFACE;
        int mtu = Sites.lanLinkOf(lab, where).map(Link::mtu).orElse(Link.DEFAULT_MTU) - schemeFiles.vmMtuOverhead();
        ip.line("link set dev " + dev + " address " + vm.mac() + " mtu " + mtu + " up");
        if (schemeFiles.vmAddresses(vm, state, dc, files)) {
            return;
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
