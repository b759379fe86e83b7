package org.warplab.live;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.Client;
import org.warplab.model.IpAddress;
import org.warplab.model.Lab;
import org.warplab.model.ProbeFlow;
import org.warplab.model.ProbeKind;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;

/**
 * The agents of one live run: which ones the lab needs (probe senders on the clients, an echo in
 * each VM, the delay relay, and the scheme's own, which its {@link LiveScheme} part decides), what
 * each is told, and where each runs.
 */
final class LiveAgents {

    static final int PROBE_PORT = 7007;
    private static final Duration AGENT_START = Duration.ofSeconds(30);

    private final LiveContext run;
    private final LiveScheme scheme;
    /** Every agent started, in order; the run's teardown closes them. */
    private final List<AgentProcess> all;
    final Map<String, AgentProcess> echo = new LinkedHashMap<>();
    final Map<String, AgentProcess> probes = new LinkedHashMap<>();
    final Map<String, AgentProcess> switchers = new LinkedHashMap<>();
    /** Mobile IPv6: the mobile-node agent of each VM. */
    final Map<String, AgentProcess> mobileNodes = new LinkedHashMap<>();

    LiveAgents(LiveContext run, List<AgentProcess> all) {
        this.run = run;
        this.scheme = LiveScheme.of(run.lab);
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
            AgentLaunch probe = probe(scheme, flow, client, vm);
            probes.put(flow.id(), start(probe.name(), probe.node(), probe.kind(), probe.args()));
        }
        for (AgentLaunch launch : scheme.agents(new LiveScheme.AgentSite(lab, run.built.configDir(), run.tools, run.built.names()))) {
            for (Command command : launch.before()) {
                run.runner.check(command);
            }
            AgentProcess agent = start(launch.name(), launch.node(), launch.kind(), launch.args());
            if (launch.kind().equals(AgentLaunch.SWITCHER)) {
                switchers.put(launch.node(), agent);
            } else if (launch.kind().equals(AgentLaunch.MOBILE_NODE)) {
                mobileNodes.put(launch.node(), agent);
            }
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

    /** The probe sender of a udp-echo flow, aimed where the scheme keeps the VM reachable. */
    static AgentLaunch probe(LiveScheme scheme, ProbeFlow flow, Client client, Vm vm) {
        IpAddress target = scheme.probeTarget(client, vm).orElseThrow(() -> new IllegalStateException("client " + client.id()
                + " shares no address family with " + vm.id() + scheme.probeTargetNeeds()));
        return new AgentLaunch(LivePacketTrace.PROBE_AGENT + flow.id(), client.id(), "probe", List.of("--flow", flow.id(), "--target",
                target.toString(), "--port", String.valueOf(PROBE_PORT), "--bytes", String.valueOf(flow.packetBytes()),
                "--interval-ns", String.valueOf(flow.intervalNs())));
    }

    private List<Vm> vmsWithTraffic() {
        Lab lab = run.lab;
        return lab.vms().stream().filter(vm -> lab.traffic().stream().anyMatch(f -> f.vm().equals(vm.id()))
                || lab.migrations().stream().anyMatch(m -> m.vm().equals(vm.id()))).toList();
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
