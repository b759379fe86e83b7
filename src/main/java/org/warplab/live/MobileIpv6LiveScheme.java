package org.warplab.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.config.MobileIpv6Files;
import org.warplab.live.agent.AgentArguments;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.LinkKind;
import org.warplab.model.Migration;
import org.warplab.model.MigrationMode;
import org.warplab.model.MobileIpv6;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.MobileIpv6Scheme;

/**
 * Mobile IPv6 live: a home agent on the home network's router and a mobile node in each moving VM,
 * each given the binding files the generator wrote; probes to the home address; per move the
 * phases from the router advertisement to the first packet through the tunnel (or home again).
 */
record MobileIpv6LiveScheme(MobileIpv6Scheme scheme) implements LiveScheme {

    private MobileIpv6 config() {
        return scheme.config();
    }

    @Override
    public Optional<String> refusal(Lab lab) {
        if (lab.vms().stream().anyMatch(vm -> vm.runtime() == VmRuntime.QEMU)) {
            return Optional.of("Mobile IPv6 inside the QEMU guest is out of scope; run this lab with namespace VMs or in the emulator");
        }
        return awayAndHomeOnly(lab);
    }

    /**
     * Live Mobile IPv6 runs home registrations and deregistrations: each mobile node starts on its
     * home network and alternates between it and foreign networks. Moving on from one foreign
     * network to another (a new care-of address while bound) runs in the emulator.
     */
    private Optional<String> awayAndHomeOnly(Lab lab) {
        MobileIpv6 config = config();
        Map<String, String> at = new LinkedHashMap<>();
        lab.vms().forEach(vm -> at.put(vm.id(), vm.dataCenter()));
        for (Migration migration : lab.migrations().stream().sorted(Comparator.comparingLong(Migration::atNs)).toList()) {
            Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
            boolean fromHome = at.get(vm.id()).equals(config.homeNetwork());
            boolean toHome = migration.to().equals(config.homeNetwork());
            if (fromHome == toHome) {
                return Optional.of("live Mobile IPv6 runs moves between the home network " + config.homeNetwork() + " and a foreign network; migration "
                        + migration.id() + " goes " + at.get(vm.id()) + " -> " + migration.to() + ", which runs in the emulator (warplab emulate)");
            }
            at.put(vm.id(), migration.to());
            if (vm.address(IpFamily.IPV6).isEmpty()) {
                return Optional.of("VM " + vm.id() + " has no IPv6 home address for Mobile IPv6; give it one in the home prefix");
            }
            if (migration.mode() == MigrationMode.COLD) {
                return Optional.of("cold migration (" + migration.id() + ") is not run live yet; the emulator runs it");
            }
        }
        return Optional.empty();
    }

    /** radvd sends the router advertisements a mobile node detects its move by. */
    @Override
    public List<Requirement> tools() {
        return List.of(Requirement.RADVD);
    }

    /** Mobile IPv6 moves take seconds (an RA, two DADs of 1 s, the signalling round trip) before they settle. */
    @Override
    public long repeatSpacingNs() {
        return 7_000_000_000L;
    }

    /** The home address, which Mobile IPv6 keeps reachable. */
    @Override
    public Optional<IpAddress> probeTarget(Client client, Vm vm) {
        return vm.addresses().stream().filter(a -> a.family() == IpFamily.IPV6 && client.address(a.family()).isPresent()).findFirst();
    }

    @Override
    public String probeTargetNeeds() {
        return " over IPv6, which Mobile IPv6 needs";
    }

    @Override
    public IpAddress measuredAddress(Vm vm) {
        return vm.address(IpFamily.IPV6).orElse(vm.addresses().get(0));
    }

    /**
     * The home agent on the home network's router, given the generated binding file of each
     * move; a mobile node in each moving VM, given its generated care-of and binding files.
     */
    @Override
    public List<AgentLaunch> agents(AgentSite site) {
        Lab lab = site.lab();
        MobileIpv6 config = config();
        String ip = site.tools().path("ip");
        DataCenter home = lab.node(config.homeNetwork(), DataCenter.class).orElseThrow();
        IpPrefix homePrefix = home.lanPrefix(IpFamily.IPV6).orElseThrow();
        IpAddress homeAgentAddress = home.gatewayAddress(IpFamily.IPV6).orElseThrow();
        List<String> haArgs = new ArrayList<>(List.of("--address", homeAgentAddress.toString(), "--home-prefix", homePrefix.toString(),
                "--ip", ip, "--home-link", InterfaceNames.linkEnd(lab.linksOf(config.homeNetwork()).stream()
                        .filter(l -> l.kind() == LinkKind.LAN && l.touches(config.homeAgent())).findFirst().orElseThrow())));
        lab.linksOf(config.homeAgent()).forEach(l -> haArgs.addAll(List.of("--device", InterfaceNames.linkEnd(l))));
        Map<String, List<String>> nodeArgs = new LinkedHashMap<>();
        for (Migration migration : lab.migrations()) {
            Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
            Path after = site.configDir().resolve("after-" + migration.id());
            IpAddress homeAddress = vm.address(IpFamily.IPV6).orElseThrow();
            List<String> mnArgs = nodeArgs.computeIfAbsent(vm.id(), id -> new ArrayList<>(List.of("--device", InterfaceNames.VM_INTERFACE,
                    "--mac", vm.mac().toString(), "--home-address", homeAddress.toString(), "--home-prefix", homePrefix.toString(),
                    "--home-agent", homeAgentAddress.toString(), "--dad", config.dad().key(),
                    "--lifetime-s", String.valueOf(config.bindingLifetimeNs() / 1_000_000_000L), "--ip", ip)));
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
        List<AgentLaunch> launches = new ArrayList<>();
        launches.add(new AgentLaunch(LiveSignalTrace.HOME_AGENT_AGENT + config.homeAgent(), config.homeAgent(), "home-agent", haArgs));
        nodeArgs.forEach((vm, args) -> launches.add(new AgentLaunch(LiveSignalTrace.MOBILE_NODE_AGENT + vm, vm, AgentLaunch.MOBILE_NODE, args)));
        return launches;
    }

    /** When the moving VM runs a mobile node: its phases, and when service came back through the tunnel (or at home). */
    @Override
    public LiveMeasurement.SchemeFigures measure(LiveMeasurement.Move move) {
        return move.agent(LiveSignalTrace.MOBILE_NODE_AGENT + move.vm().id()).map(mobileNode -> phases(move, mobileNode))
                .orElse(LiveMeasurement.SchemeFigures.NONE);
    }

    /**
     * The Mobile IPv6 phases as the emulator names them, each from the agents' own stamps: the
     * mobile node's (RA, DAD, update sent, acknowledgement) and the home agent's (update
     * received, DAD of the home address, binding installed).
     */
    private LiveMeasurement.SchemeFigures phases(LiveMeasurement.Move move, List<AgentEvent> mobileNode) {
        MigrationWindow w = move.window();
        long windowEnd = move.windowEnd();
        Migration migration = move.migration();
        List<Phase> phases = move.phases();
        String vm = move.vm().id();
        // the mobile node hears advertisements from its own resume on; the window's resume is the echo agent's,
        // another process, which a busy host can schedule after the node has already heard one
        long nodeResumed = first(mobileNode, "resumed", w.holdEndNs(), windowEnd).map(AgentEvent::timeNs).orElse(w.resumedNs());
        Optional<AgentEvent> ra = first(mobileNode, "router-advertisement", Math.min(nodeResumed, w.resumedNs()), windowEnd);
        if (ra.isEmpty()) {
            move.note(migration.id() + ": " + vm + " heard no router advertisement of a new prefix after resuming");
            return LiveMeasurement.SchemeFigures.NONE;
        }
        long raAt = ra.get().timeNs();
        phases.add(new Phase("RA wait (movement detection)", move.rel(Math.min(w.resumedNs(), raAt)), move.rel(raAt)));
        Optional<AgentEvent> update = first(mobileNode, "binding-update-sent", raAt, windowEnd);
        Optional<AgentEvent> ack = first(mobileNode, "binding-acknowledged", raAt, windowEnd);
        MobileIpv6 config = config();
        boolean home = migration.to().equals(config.homeNetwork());
        Optional<AgentEvent> installed = first(mobileNode, home ? "deregistered" : "binding-installed", raAt, windowEnd);
        Optional<AgentEvent> serviceBack = first(mobileNode, "first-packet-home-address", raAt, windowEnd);
        if (update.isEmpty()) {
            move.note(migration.id() + ": " + vm + " sent no Binding Update (see the agent events)");
            return LiveMeasurement.SchemeFigures.NONE;
        }
        long updateAt = update.get().timeNs();
        if (updateAt > raAt) {
            phases.add(new Phase("DAD of the care-of address (" + config.dad().key() + ")", move.rel(raAt), move.rel(updateAt)));
        }
        List<AgentEvent> homeAgent = move.agent(LiveSignalTrace.HOME_AGENT_AGENT + config.homeAgent()).orElse(List.of());
        Optional<AgentEvent> received = first(homeAgent, "binding-update-received", updateAt, windowEnd);
        Optional<AgentEvent> dadDone = home ? Optional.empty() : first(homeAgent, "home-dad-done", updateAt, windowEnd);
        Optional<AgentEvent> bound = first(homeAgent, home ? "deregistered" : "binding-installed", updateAt, windowEnd);
        received.ifPresent(r -> phases.add(new Phase(home ? "deregistration (lifetime 0) → home agent" : "binding update → home agent",
                move.rel(updateAt), move.rel(r.timeNs()))));
        if (received.isPresent() && dadDone.isPresent()) {
            phases.add(new Phase("home agent DAD of the home address", move.rel(received.get().timeNs()), move.rel(dadDone.get().timeNs())));
        }
        String homeAgentId = config.homeAgent();
        bound.ifPresent(b -> move.event(new TraceEvent.RuleSwitched(move.rel(b.timeNs()), homeAgentId, vm, home
                ? "binding of " + b.text("home-address") + " deleted: " + vm + " is home (" + MobileIpv6Files.homeAgentDeregistration(vm) + ")"
                : "binding " + b.text("home-address") + " → care-of " + b.text("care-of") + " (" + MobileIpv6Files.homeAgentBinding(vm) + ")")));
        if (ack.isEmpty()) {
            move.note(migration.id() + ": " + vm + "'s binding was not acknowledged within the run");
            return LiveMeasurement.SchemeFigures.NONE;
        }
        long ackAt = ack.get().timeNs();
        long updates = mobileNode.stream().filter(e -> e.is(AgentEvent.Kind.BINDING_UPDATE_SENT) && e.timeNs() >= raAt && e.timeNs() <= ackAt).count();
        long from = dadDone.map(AgentEvent::timeNs).orElse(updateAt);
        phases.add(new Phase(updates > 1 ? "binding acknowledgement → mobile node (after " + (updates - 1) + " retransmission" + (updates > 2 ? "s" : "") + ")"
                : "binding acknowledgement → mobile node", move.rel(Math.min(from, ackAt)), move.rel(ackAt)));
        phases.add(new Phase("IP mobility (total: RA wait → binding acknowledged)", move.rel(w.resumedNs()), move.rel(ackAt)));
        installed.ifPresent(i -> phases.add(new Phase(home ? "end of the binding applied on the mobile node" : "binding files applied on the mobile node",
                move.rel(ackAt), move.rel(i.timeNs()))));
        long back = 0;
        if (serviceBack.isPresent()) {
            back = serviceBack.get().timeNs();
            // at home the packets come straight once the home agent dropped the tunnel, whatever the node is doing
            long serviceFrom = home ? bound.map(AgentEvent::timeNs).orElse(ackAt) : installed.map(AgentEvent::timeNs).orElse(ackAt);
            phases.add(new Phase(home ? "first packet to the home address on the home link" : "tunnel: first packet to the home address",
                    move.rel(Math.min(serviceFrom, back)), move.rel(back)));
        }
        return new LiveMeasurement.SchemeFigures(ackAt - raAt, back);
    }

    private static Optional<AgentEvent> first(List<AgentEvent> agentEvents, String event, long fromNs, long untilNs) {
        return agentEvents.stream().filter(e -> e.event().equals(event) && e.timeNs() >= fromNs && e.timeNs() < untilNs).findFirst();
    }
}
