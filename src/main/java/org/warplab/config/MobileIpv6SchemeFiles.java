package org.warplab.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.model.DataCenter;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.MobileIpv6;
import org.warplab.model.Router;
import org.warplab.model.Vm;
import org.warplab.scheme.Binding;
import org.warplab.scheme.ControlStep;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.LabState;
import org.warplab.scheme.MobileIpv6Scheme;
import org.warplab.scheme.Route;
import org.warplab.scheme.Sites;

/**
 * Mobile IPv6: radvd on every IPv6 data-center LAN, the home agent's binding cache and tunnels,
 * and the mobile node's care-of and binding steps, each in the file its agent applies at its moment.
 */
record MobileIpv6SchemeFiles(Lab lab, MobileIpv6Scheme scheme, ConfigOptions options) implements SchemeFiles {

    @Override
    public void router(Router router, LabState state, DeviceConfig device, List<Route> routes, List<ControlStep> steps) {
        Sysctl sysctl = device.sysctl();
        MobileIpv6 config = scheme.config();
        for (DataCenter dc : Sites.dataCentersAt(lab, router.id())) {
            List<IpPrefix> v6 = dc.lanPrefixes().stream().filter(p -> p.family() == IpFamily.IPV6).toList();
            if (v6.isEmpty()) {
                continue;
            }
            boolean homeAgent = router.id().equals(config.homeAgent()) && dc.id().equals(config.homeNetwork());
            String lanPort = Sites.lanLinkOf(lab, dc.id()).map(InterfaceNames::linkEnd).orElseThrow();
            device.add("radvd/radvd.conf", Radvd.config(router.id(), lanPort, dc.id(), v6, config, homeAgent),
                    "router advertisements every " + Radvd.seconds(config.raMinIntervalNs()) + "-" + Radvd.seconds(config.raMaxIntervalNs()) + " s",
                    "radvd -C radvd/radvd.conf -p radvd.pid");
        }
        if (!router.id().equals(config.homeAgent())) {
            return;
        }
        List<Binding> bindings = scheme.bindings(lab, state.placement());
        String homePort = Sites.lanLinkOf(lab, config.homeNetwork()).map(InterfaceNames::linkEnd).orElseThrow();
        IpAddress haAddress = scheme.homeAgentAddress(lab);
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
        cache.append("home-prefix ").append(scheme.homePrefix(lab)).append("\n");
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
        device.add("mip6/bindings.conf", cache.toString(), "the binding cache the home agent holds in this state", null);
        for (Binding ended : endedBindings(state)) {
            Batch undo = new Batch();
            undo.line("neigh del proxy " + ended.homeAddress() + " dev " + homePort + "  # the mobile node defends its home address itself again");
            if (options.mipTunnel() == MipTunnel.IP6TNL) {
                undo.line("link del dev " + InterfaceNames.homeAgentTunnel(ended.vm()) + "  # with its route to " + ended.homeAddress());
            } else {
                undo.line("route del " + ended.homeAddress() + "/128  # the tunnel to " + ended.careOfAddress());
            }
            String file = MobileIpv6Files.homeAgentDeregistration(ended.vm());
            device.add(file, undo.text("# " + router.id() + ": Mobile IPv6 home agent, " + ended.vm() + " is home again, state " + state.name()
                            + "\n# applied by the home-agent agent when " + ended.vm() + "'s deregistration (Binding Update, lifetime 0) arrives\n"),
                    "the end of " + ended.vm() + "'s binding to " + ended.careOfAddress(),
                    "ip -batch " + file + "   (the home-agent agent's step when " + ended.vm() + " deregisters; skip when building this state from scratch)");
        }
        for (int i = 0; i < bindings.size(); i++) {
            Binding b = bindings.get(i);
            String file = MobileIpv6Files.homeAgentBinding(b.vm());
            device.add(file, tunnels.get(i).text("# " + router.id() + ": Mobile IPv6 home agent, binding of " + b.vm() + ", state " + state.name()
                            + "\n# applied by the home-agent agent when it accepts " + b.vm() + "'s Binding Update (after DAD of the home address)\n"),
                    "the tunnel to " + b.vm() + "'s care-of address " + b.careOfAddress(),
                    "ip -batch " + file + "   (the home-agent agent's step when it accepts " + b.vm() + "'s Binding Update)");
        }
    }

    /** Bindings the previous state held and this one does not: their mobile nodes came home with this state's migration. */
    private List<Binding> endedBindings(LabState state) {
        if (state.previous().isEmpty()) {
            return List.of();
        }
        List<String> bound = scheme.bindings(lab, state.placement()).stream().map(Binding::vm).toList();
        return scheme.bindings(lab, state.previous().get()).stream().filter(b -> !bound.contains(b.vm())).toList();
    }

    /**
     * Router advertisements are the mobile-node agent's (movement detection, care-of address): the
     * kernel must not autoconfigure addresses behind its back.
     */
    @Override
    public void vmSettings(Vm vm, DeviceConfig device) {
        device.sysctl().set("net.ipv6.conf.all.accept_ra", "0");
        device.sysctl().set("net.ipv6.conf.default.accept_ra", "0");
    }

    /** Away from home, the mobile node's addresses are the binding's; home again, its deregistration step. */
    @Override
    public boolean vmAddresses(Vm vm, LabState state, DataCenter where, DeviceConfig device) {
        Optional<Binding> binding = scheme.bindings(lab, state.placement()).stream().filter(b -> b.vm().equals(vm.id())).findFirst();
        if (binding.isPresent()) {
            mobileNodeAway(vm, binding.get(), where, state, device);
            return true;
        }
        endedBindings(state).stream().filter(b -> b.vm().equals(vm.id())).findFirst().ifPresent(ended -> {
            Batch undo = new Batch();
            undo.line(options.mipTunnel() == MipTunnel.IP6TNL
                    ? "link del dev " + InterfaceNames.MIP6_TUNNEL + "  # the tunnel to the home agent, with the home address on it"
                    : "address del " + ended.homeAddress() + "/128 dev lo  # the home address is on the home link again (ip.batch)");
            device.add(MobileIpv6Files.DEREGISTRATION, undo.text("# " + vm.id() + ": Mobile IPv6 mobile node, home again, state " + state.name()
                            + "\n# applied by the mobile-node agent once the home agent acknowledged the deregistration; the care-of address\n"
                            + "# and the routes through the foreign router went with the foreign link's interface\n"),
                    "what is left of the binding to " + ended.careOfAddress() + " once the home agent let it go",
                    "ip -batch " + MobileIpv6Files.DEREGISTRATION + "   (the mobile-node agent's step once its deregistration is acknowledged; "
                            + "skip when building this state from scratch)");
        });
        return false;
    }

    /**
     * A mobile node away from home: its link and IPv4 address in {@code ip.batch}; the care-of
     * address (once it passed DAD) and the home address behind the tunnel to the home agent (once
     * the binding is acknowledged) in the two files the mobile-node agent applies at those moments.
     */
    private void mobileNodeAway(Vm vm, Binding binding, DataCenter foreign, LabState state, DeviceConfig device) {
        Batch ip = device.ip();
        Sysctl sysctl = device.sysctl();
        String dev = InterfaceNames.VM_INTERFACE;
        IpPrefix foreignPrefix = foreign.lanPrefix(IpFamily.IPV6).orElseThrow();
        IpAddress foreignGateway = foreign.gatewayAddress(IpFamily.IPV6).orElseThrow();
        IpAddress ha = scheme.homeAgentAddress(lab);
        DataCenter home = scheme.homeNetwork(lab);
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
        device.add(MobileIpv6Files.CARE_OF, careOf.text(header + "# applied by the mobile-node agent once the care-of address passed DAD\n"),
                "the care-of address on " + foreign.id() + "'s link and the route to the home agent (once the address passed DAD)",
                "ip -batch " + MobileIpv6Files.CARE_OF + "   (the mobile-node agent's step once its care-of address passed DAD)");
        device.add(MobileIpv6Files.MOBILE_NODE_BINDING, bound.text(header + "# applied by the mobile-node agent once the home agent acknowledged the binding\n"),
                "the home address and the reverse tunnel through the home agent (once the binding is acknowledged)",
                "ip -batch " + MobileIpv6Files.MOBILE_NODE_BINDING + "   (the mobile-node agent's step once the home agent acknowledged the binding)");
    }
}
