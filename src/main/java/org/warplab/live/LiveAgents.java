package org.warplab.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.warplab.config.MobileIpv6Files;
import org.warplab.live.agent.AgentArguments;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Migration;
import org.warplab.model.MobileIpv6;
import org.warplab.model.NetworkPaging;
import org.warplab.model.ProbeFlow;
import org.warplab.model.ProbeKind;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.MobileIpv6Scheme;
import org.warplab.scheme.NetworkPagingScheme;

/**
 * The agents of one live run: which ones the lab needs (probe senders on the clients, an echo in
 * each VM, the delay relay, the scheme's own: watchers and switchers for network paging, a home
 * agent and mobile nodes for Mobile IPv6), what each is told, and where each runs.
 */
final class LiveAgents {

    static final int PROBE_PORT = 7007;
    static final int SWITCH_PORT = 40999;
    private static final Duration AGENT_START = Duration.ofSeconds(30);

    private final LiveContext run;
    /** Every agent started, in order; the run's teardown closes them. */
    private final List<AgentProcess> all;
    final Map<String, AgentProcess> echo = new LinkedHashMap<>();
    final Map<String, AgentProcess> probes = new LinkedHashMap<>();
    final Map<String, AgentProcess> switchers = new LinkedHashMap<>();
    /** Mobile IPv6: the mobile-node agent of each VM. */
    final Map<String, AgentProcess> mobileNodes = new LinkedHashMap<>();

    LiveAgents(LiveContext run, List<AgentProcess> all) {
        this.run = run;
        this.all = all;
    }

    private AgentProcess start(String name, String node, String kind, List<String> args) throws IOException {
        AgentProcess agent = AgentProcess.start(run.tools, run.state, name, run.namespace(node), kind, args);
        all.add(agent);
        return agent;
    }

    /** Starts every agent the lab needs (booting QEMU guests on the way) and waits until each is ready. */
    void startAll(Optional<QemuMove> guests) throws IOException, AgentProcess.AgentException {
        Lab lab = run.lab;
        if (!run.built.relayed().isEmpty()) {
            List<String> args = new ArrayList<>();
            run.built.relayed().forEach(r -> args.addAll(List.of("--link", r.relaySpec())));
            args.addAll(List.of("--probe-port", String.valueOf(PROBE_PORT))); // it reports the probes it carries: measured hops
            start(LivePacketTrace.RELAY_AGENT, LabRealizer.RELAY_NODE, "relay", args);
        }
        for (Vm vm : vmsWithTraffic()) {
            if (vm.runtime() == VmRuntime.QEMU) {
                guests.orElseThrow().boot(vm);
            } else {
                echo.put(vm.id(), start(LivePacketTrace.ECHO_AGENT + vm.id(), vm.id(), "echo", List.of("--port", String.valueOf(PROBE_PORT))));
            }
        }
        for (ProbeFlow flow : lab.traffic()) {
            if (flow.kind() != ProbeKind.UDP_ECHO) {
                run.notes.add("flow " + flow.id() + " is " + flow.kind().key() + "; live mode measures with udp-echo flows only, so it was not run");
                continue;
            }
            Client client = lab.node(flow.client(), Client.class).orElseThrow();
            Vm vm = lab.node(flow.vm(), Vm.class).orElseThrow();
            IpAddress target = LiveRunner.probeTarget(lab, client, vm).orElseThrow(() -> new IllegalStateException("client " + client.id()
                    + " shares no address family with " + vm.id() + (lab.scheme() == SchemeKind.MOBILE_IPV6 ? " over IPv6, which Mobile IPv6 needs" : "")));
            probes.put(flow.id(), start(LivePacketTrace.PROBE_AGENT + flow.id(), client.id(), "probe", List.of("--flow", flow.id(), "--target",
                    target.toString(), "--port", String.valueOf(PROBE_PORT), "--bytes", String.valueOf(flow.packetBytes()),
                    "--interval-ns", String.valueOf(flow.intervalNs()))));
        }
        if (lab.scheme() == SchemeKind.NETWORK_PAGING) {
            startPagingAgents();
        } else if (lab.scheme() == SchemeKind.MOBILE_IPV6) {
            startMobileIpv6Agents();
        }
        Map<String, List<String>> refusedRealtime = new LinkedHashMap<>();
        for (AgentProcess agent : all) {
            String realtime = agent.awaitEvent(AgentEvent.Kind.READY, AGENT_START).text("realtime");
            if (!realtime.isEmpty() && !realtime.equals(org.warplab.live.agent.RealtimePriority.GRANTED)) {
                refusedRealtime.computeIfAbsent(realtime, k -> new ArrayList<>()).add(agent.name());
            }
        }
        refusedRealtime.forEach((why, agents) -> run.notes.add(String.join(", ", agents) + " ran without real-time priority (" + why
                + "): on a busy host, frames and switches can wait for a time slice, which adds to switching time and gap"));
    }

    private List<Vm> vmsWithTraffic() {
        Lab lab = run.lab;
        return lab.vms().stream().filter(vm -> lab.traffic().stream().anyMatch(f -> f.vm().equals(vm.id()))
                || lab.migrations().stream().anyMatch(m -> m.vm().equals(vm.id()))).toList();
    }

    /** Switchers on the client edges, with the switch lines the generator wrote; watchers on the capturing LANs. */
    private void startPagingAgents() throws IOException {
        Lab lab = run.lab;
        Map<String, List<String>> rulesByEdge = new LinkedHashMap<>();
        Map<String, String> edgeAddress = new LinkedHashMap<>();
        for (Migration migration : lab.migrations()) {
            Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
            IpAddress address = vm.address(IpFamily.IPV4).orElseThrow();
            Path after = run.built.configDir().resolve("after-" + migration.id());
            try (var devices = Files.list(after)) {
                for (Path device : devices.toList()) {
                    Path switchFile = device.resolve("nft").resolve("switch-" + migration.id() + ".nft");
                    if (Files.exists(switchFile)) {
                        String rule = Files.readAllLines(switchFile).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                                .collect(Collectors.joining("; "));
                        rulesByEdge.computeIfAbsent(device.getFileName().toString(), k -> new ArrayList<>())
                                .add(AgentArguments.encode(new AgentArguments.SwitchRule(address.toString(), migration.to(), rule)));
                    }
                }
            }
        }
        for (String edge : rulesByEdge.keySet()) {
            edgeAddress.put(edge, reachableAddress(edge));
            List<String> args = new ArrayList<>(List.of("--port", String.valueOf(SWITCH_PORT), "--nft", run.tools.path("nft")));
            rulesByEdge.get(edge).forEach(r -> args.addAll(List.of("--rule", r)));
            switchers.put(edge, start(LiveSignalTrace.SWITCHER_AGENT + edge, edge, "switcher", args));
        }
        for (DataCenter dc : lab.dataCenters()) {
            if (!dc.capturesAnnouncements()) {
                continue;
            }
            IpPrefix lan = dc.lanPrefix(IpFamily.IPV4).orElseThrow();
            IpAddress host = lan.host(lan.size().longValueExact() - 2);
            IpAddress gateway = dc.gatewayAddress(IpFamily.IPV4).orElseThrow();
            // the capture program's own address on the LAN, to send its messages across the WAN
            run.runner.check(new Command(List.of(run.tools.path("ip"), "-n", run.built.namespace(dc.id()), "-batch", "-"),
                    "address add " + host + "/" + lan.length() + " dev " + InterfaceNames.DATA_CENTER_BRIDGE + "\n"
                            + "route add default via " + gateway + " dev " + InterfaceNames.DATA_CENTER_BRIDGE + "\n", Command.DEFAULT_TIMEOUT));
            List<String> args = new ArrayList<>(List.of("--device", InterfaceNames.DATA_CENTER_BRIDGE, "--location", dc.id(), "--trigger",
                    lab.schemeConfig(NetworkPaging.class).orElseThrow().trigger().key()));
            for (Vm vm : lab.vms()) {
                vm.address(IpFamily.IPV4).ifPresent(a -> args.addAll(List.of("--vm", AgentArguments.encode(new AgentArguments.WatchedVm(vm.mac().toString(), a.toString())))));
            }
            edgeAddress.values().forEach(a -> args.addAll(List.of("--notify", a + ":" + SWITCH_PORT)));
            start(LiveSignalTrace.WATCHER_AGENT + dc.id(), dc.id(), "watcher", args);
        }
    }

    /**
     * The home agent on the home network's router, given the generated binding file of each
     * move; a mobile node in each moving VM, given its generated care-of and binding files.
     */
    private void startMobileIpv6Agents() throws IOException {
        Lab lab = run.lab;
        MobileIpv6 config = lab.schemeConfig(MobileIpv6.class).orElseThrow();
        DataCenter home = lab.node(config.homeNetwork(), DataCenter.class).orElseThrow();
        IpPrefix homePrefix = home.lanPrefix(IpFamily.IPV6).orElseThrow();
        IpAddress homeAgentAddress = home.gatewayAddress(IpFamily.IPV6).orElseThrow();
        List<String> haArgs = new ArrayList<>(List.of("--address", homeAgentAddress.toString(), "--home-prefix", homePrefix.toString(),
                "--ip", run.tools.path("ip"), "--home-link", InterfaceNames.linkEnd(lab.linksOf(config.homeNetwork()).stream()
                        .filter(l -> l.kind() == LinkKind.LAN && l.touches(config.homeAgent())).findFirst().orElseThrow())));
        lab.linksOf(config.homeAgent()).forEach(l -> haArgs.addAll(List.of("--device", InterfaceNames.linkEnd(l))));
        Map<String, List<String>> nodeArgs = new LinkedHashMap<>();
        for (Migration migration : lab.migrations()) {
            Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
            Path after = run.built.configDir().resolve("after-" + migration.id());
            IpAddress homeAddress = vm.address(IpFamily.IPV6).orElseThrow();
            List<String> mnArgs = nodeArgs.computeIfAbsent(vm.id(), id -> new ArrayList<>(List.of("--device", InterfaceNames.VM_INTERFACE,
                    "--mac", vm.mac().toString(), "--home-address", homeAddress.toString(), "--home-prefix", homePrefix.toString(),
                    "--home-agent", homeAgentAddress.toString(), "--dad", config.dad().key(),
                    "--lifetime-s", String.valueOf(config.bindingLifetimeNs() / 1_000_000_000L), "--ip", run.tools.path("ip"))));
            if (migration.to().equals(config.homeNetwork())) {
                mnArgs.addAll(List.of("--home-file", after.resolve(vm.id()).resolve(MobileIpv6Files.DEREGISTRATION).toString()));
                haArgs.addAll(List.of("--deregistration", AgentArguments.encode(new AgentArguments.Deregistration(homeAddress.toString(),
                        after.resolve(config.homeAgent()).resolve(MobileIpv6Files.homeAgentDeregistration(vm.id())).toString()))));
                continue;
            }
            DataCenter foreign = lab.node(migration.to(), DataCenter.class).orElseThrow();
            IpPrefix foreignPrefix = foreign.lanPrefix(IpFamily.IPV6).orElseThrow(() ->
                    new IllegalStateException(foreign.id() + " has no IPv6 prefix for a mobile node's care-of address"));
            haArgs.addAll(List.of("--binding", AgentArguments.encode(new AgentArguments.HomeBinding(homeAddress.toString(),
                    MobileIpv6Scheme.slaacAddress(foreignPrefix, vm.mac()).toString(),
                    after.resolve(config.homeAgent()).resolve(MobileIpv6Files.homeAgentBinding(vm.id())).toString()))));
            mnArgs.addAll(List.of("--foreign", AgentArguments.encode(new AgentArguments.ForeignNetwork(foreignPrefix.toString(),
                    after.resolve(vm.id()).resolve(MobileIpv6Files.CARE_OF).toString(), after.resolve(vm.id()).resolve(MobileIpv6Files.MOBILE_NODE_BINDING).toString()))));
        }
        start(LiveSignalTrace.HOME_AGENT_AGENT + config.homeAgent(), config.homeAgent(), "home-agent", haArgs);
        for (Map.Entry<String, List<String>> node : nodeArgs.entrySet()) {
            mobileNodes.put(node.getKey(), start(LiveSignalTrace.MOBILE_NODE_AGENT + node.getKey(), node.getKey(), "mobile-node", node.getValue()));
        }
    }

    /** An address of {@code router} every site can reach: its address on a client site it serves, else a WAN address. */
    private String reachableAddress(String router) {
        return NetworkPagingScheme.configurationAddress(run.lab, router).map(Object::toString)
                .orElseThrow(() -> new IllegalStateException("client edge " + router + " has no IPv4 address to send switch messages to"));
    }

    /** Each agent's events so far, by its name, in the order the agents started. */
    Map<String, List<AgentEvent>> eventsByAgent() {
        Map<String, List<AgentEvent>> byAgent = new LinkedHashMap<>();
        for (AgentProcess agent : all) {
            byAgent.put(agent.name(), agent.events());
        }
        return byAgent;
    }
}
