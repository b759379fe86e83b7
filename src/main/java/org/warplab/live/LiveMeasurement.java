package org.warplab.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.warplab.config.MobileIpv6Files;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.MobileIpv6;
import org.warplab.model.ProbeFlow;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;

/**
 * Turns what the agents of a live run reported into its figures: per migration the switching
 * time, downtime, the gap each client saw, lost probes, latency before and after, and the phases
 * between, each from the agents' own time stamps. Pure: no processes, no clock, so a recorded run
 * measures the same on any machine ({@code src/test/resources/org/warplab/live/recorded}).
 *
 * <p>Agents are told apart by the names the run gives them ({@link LivePacketTrace#PROBE_AGENT},
 * {@link LiveSignalTrace#WATCHER_AGENT}, ...); each agent's events are in the order it reported them.
 */
final class LiveMeasurement {

    /** How long the traffic is watched after the last move; the last half of it is the tail whose echoes may still be on the way. */
    static final long SETTLE_NS = 2_000_000_000L;
    /** Probes sent this long after the VM runs again and the switches are done count as "after" the move. */
    static final long AFTER_MARGIN_NS = 100_000_000L;
    /** Probes sent this long before a move starts still count as that move's. */
    static final long BEFORE_NS = 1_000_000_000L;

    /** The figures of a run, and the trace events and notes the measurement found on the way. */
    record Measured(List<MigrationMetrics> migrations, List<TraceEvent> events, List<String> notes) { }

    private final Lab lab;
    private final long originNs;
    private final Map<String, List<AgentEvent>> byAgent;
    private final List<TraceEvent> events = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param byAgent  each agent's events by its name, in the order the agents were started
     * @param originNs the host time of the run's 0
     */
    private LiveMeasurement(Lab lab, long originNs, Map<String, List<AgentEvent>> byAgent) {
        this.lab = lab;
        this.originNs = originNs;
        this.byAgent = byAgent;
    }

    /** Measures a run whose migrations happened in {@code windows} and which ended at {@code endNs}. */
    static Measured of(Lab lab, LiveRecording recording) {
        LiveMeasurement measurement = new LiveMeasurement(lab, recording.originNs(), recording.agentEvents());
        List<MigrationMetrics> metrics = new ArrayList<>();
        List<MigrationWindow> windows = recording.windows();
        for (int i = 0; i < windows.size(); i++) {
            long windowEnd = i + 1 < windows.size() ? windows.get(i + 1).startNs() : recording.endNs();
            metrics.add(measurement.measure(windows.get(i), windowEnd));
        }
        measurement.noteUnmovedFlows(recording.endNs());
        measurement.noteUnreadableLines();
        return new Measured(metrics, measurement.events, measurement.notes);
    }

    private Map<String, List<AgentEvent>> agents(String prefix) {
        Map<String, List<AgentEvent>> found = new LinkedHashMap<>();
        byAgent.forEach((name, list) -> {
            if (name.startsWith(prefix)) {
                found.put(name.substring(prefix.length()), list);
            }
        });
        return found;
    }

    private Optional<List<AgentEvent>> agent(String name) {
        return Optional.ofNullable(byAgent.get(name));
    }

    private MigrationMetrics measure(MigrationWindow w, long windowEnd) {
        Migration migration = lab.migrations().stream().filter(m -> m.id().equals(w.migration())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the recording names migration " + w.migration() + ", which the lab does not have"));
        Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
        boolean qemu = vm.runtime() == VmRuntime.QEMU;
        List<Phase> phases = new ArrayList<>();
        if (qemu) {
            phases.add(new Phase("pre-copy (QEMU, " + w.qemuPasses() + " passes)", rel(w.startNs()), rel(w.pausedNs())));
            phases.add(new Phase("stop-and-copy and resume (QEMU)", rel(w.pausedNs()), rel(w.resumedNs())));
        } else {
            phases.add(new Phase("pre-copy (modelled)", rel(w.startNs()), rel(w.pausedNs())));
            phases.add(new Phase("stop-and-copy (modelled hold)", rel(w.pausedNs()), rel(w.holdEndNs())));
            phases.add(new Phase("re-attach at " + migration.to() + " (measured)", rel(w.holdEndNs()), rel(w.resumedNs())));
        }
        Long switching = null;
        Optional<AgentEvent> seen = agents(LiveSignalTrace.WATCHER_AGENT).values().stream().flatMap(List::stream)
                .filter(e -> e.is(AgentEvent.Kind.ANNOUNCEMENT_SEEN) && e.timeNs() >= w.pausedNs() && e.timeNs() < windowEnd)
                .min(Comparator.comparingLong(AgentEvent::timeNs));
        Optional<AgentEvent> announced = agent(LivePacketTrace.ECHO_AGENT + vm.id()).flatMap(list -> list.stream()
                .filter(e -> e.is(AgentEvent.Kind.ANNOUNCED) && e.timeNs() >= w.resumedNs()).findFirst());
        if (seen.isPresent()) {
            long seenAt = seen.get().timeNs();
            phases.add(new Phase("announce (until seen by the capture program)", rel(Math.min(w.resumedNs(), seenAt)), rel(seenAt)));
            events.add(new TraceEvent.AnnouncementSeen(rel(seenAt), seen.get().text("location"), vm.id(),
                    seen.get().text("kind").equals("garp") ? PacketKind.GARP : PacketKind.RARP));
            long lastSwitch = seenAt;
            for (Map.Entry<String, List<AgentEvent>> switcher : agents(LiveSignalTrace.SWITCHER_AGENT).entrySet()) {
                Optional<AgentEvent> switched = switcher.getValue().stream()
                        .filter(e -> e.is(AgentEvent.Kind.RULE_SWITCHED) && e.timeNs() >= seenAt && e.timeNs() < windowEnd).findFirst();
                if (switched.isPresent()) {
                    long received = switched.get().number("received");
                    phases.add(new Phase("config message -> " + switcher.getKey(), rel(seenAt), rel(received)));
                    phases.add(new Phase("rule switch " + switcher.getKey(), rel(received), rel(switched.get().timeNs())));
                    events.add(new TraceEvent.RuleSwitched(rel(switched.get().timeNs()), switcher.getKey(), vm.id(), switched.get().text("rule")));
                    lastSwitch = Math.max(lastSwitch, switched.get().timeNs());
                }
            }
            switching = lastSwitch - seenAt;
        } else if (lab.scheme() == SchemeKind.NETWORK_PAGING) {
            notes.add(migration.id() + ": no capture program saw the VM's announcement"
                    + (announced.isEmpty() && !qemu ? " (none was sent)" : ""));
        }
        // docs/metrics.md: the VM stopped → the first probe reaching it at its address after it resumed (what its echo agent answered first)
        long downtime = agent(LivePacketTrace.ECHO_AGENT + vm.id()).flatMap(list -> list.stream()
                        .filter(e -> e.is(AgentEvent.Kind.ECHOED) && e.timeNs() >= w.resumedNs() && e.timeNs() < windowEnd).findFirst())
                .map(first -> first.timeNs() - w.pausedNs()).orElse(-1L);
        Optional<List<AgentEvent>> mobileNode = agent(LiveSignalTrace.MOBILE_NODE_AGENT + vm.id());
        if (mobileNode.isPresent()) {
            MobileIpv6Timeline mip = mobileIpv6Phases(w, migration, vm, mobileNode.get(), windowEnd, phases);
            switching = mip.switchingNs();
            downtime = mip.serviceBackNs() > 0 ? mip.serviceBackNs() - w.pausedNs() : downtime;
        }
        long gap = 0;
        long sent = 0;
        long lost = 0;
        List<FlowMetrics> flows = new ArrayList<>();
        List<FlowMetrics> bystanders = new ArrayList<>(); // every other flow over the same window: what the move cost those who stayed
        List<Long> before = new ArrayList<>();
        List<Long> afterRtts = new ArrayList<>();
        for (Map.Entry<String, List<AgentEvent>> probe : agents(LivePacketTrace.PROBE_AGENT).entrySet()) {
            ProbeFlow flow = flow(probe.getKey());
            if (!flow.vm().equals(vm.id())) {
                bystanders.add(flowMetrics(flow, probe.getValue(), w, windowEnd, new ArrayList<>(), new ArrayList<>()));
                continue;
            }
            FlowMetrics fm = flowMetrics(flow, probe.getValue(), w, windowEnd, before, afterRtts);
            flows.add(fm);
            gap = Math.max(gap, fm.gapNs());
            sent += fm.probesSent();
            lost += fm.probesLost();
        }
        String address = (lab.scheme() == SchemeKind.MOBILE_IPV6 ? vm.address(IpFamily.IPV6) : Optional.<IpAddress>empty())
                .orElse(vm.addresses().get(0)).toString();
        return new MigrationMetrics(migration.id(), vm.id(), address, w.from(), migration.to(), migration.mode().key() + "/" + migration.storage().key(),
                switching, downtime, w.resumedNs() - w.startNs(), gap, sent, lost, mean(before), mean(afterRtts),
                !afterRtts.isEmpty(), "", "", phases, flows, bystanders, w.completion(), w.hypervisor());
    }

    private ProbeFlow flow(String id) {
        return lab.traffic().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("probe agent of flow " + id + ", which the lab does not have"));
    }

    /** @param serviceBackNs when the first packet to the home address reached the VM through the tunnel (0 if none did) */
    private record MobileIpv6Timeline(Long switchingNs, long serviceBackNs) { }

    /**
     * The Mobile IPv6 phases as the emulator names them, each from the agents' own stamps: the
     * mobile node's (RA, DAD, update sent, acknowledgement) and the home agent's (update
     * received, DAD of the home address, binding installed).
     */
    private MobileIpv6Timeline mobileIpv6Phases(MigrationWindow w, Migration migration, Vm vmNode, List<AgentEvent> mobileNode, long windowEnd,
                                                List<Phase> phases) {
        String vm = vmNode.id();
        Optional<AgentEvent> ra = first(mobileNode, "router-advertisement", w.resumedNs(), windowEnd);
        if (ra.isEmpty()) {
            notes.add(migration.id() + ": " + vm + " heard no router advertisement of a new prefix after resuming");
            return new MobileIpv6Timeline(null, 0);
        }
        long raAt = ra.get().timeNs();
        phases.add(new Phase("RA wait (movement detection)", rel(w.resumedNs()), rel(raAt)));
        Optional<AgentEvent> update = first(mobileNode, "binding-update-sent", raAt, windowEnd);
        Optional<AgentEvent> ack = first(mobileNode, "binding-acknowledged", raAt, windowEnd);
        MobileIpv6 config = lab.schemeConfig(MobileIpv6.class).orElseThrow();
        boolean home = migration.to().equals(config.homeNetwork());
        Optional<AgentEvent> installed = first(mobileNode, home ? "deregistered" : "binding-installed", raAt, windowEnd);
        Optional<AgentEvent> serviceBack = first(mobileNode, "first-packet-home-address", raAt, windowEnd);
        if (update.isEmpty()) {
            notes.add(migration.id() + ": " + vm + " sent no Binding Update (see the agent events)");
            return new MobileIpv6Timeline(null, 0);
        }
        long updateAt = update.get().timeNs();
        if (updateAt > raAt) {
            phases.add(new Phase("DAD of the care-of address (" + config.dad().key() + ")", rel(raAt), rel(updateAt)));
        }
        List<AgentEvent> homeAgent = agent(LiveSignalTrace.HOME_AGENT_AGENT + config.homeAgent()).orElse(List.of());
        Optional<AgentEvent> received = first(homeAgent, "binding-update-received", updateAt, windowEnd);
        Optional<AgentEvent> dadDone = home ? Optional.empty() : first(homeAgent, "home-dad-done", updateAt, windowEnd);
        Optional<AgentEvent> bound = first(homeAgent, home ? "deregistered" : "binding-installed", updateAt, windowEnd);
        received.ifPresent(r -> phases.add(new Phase(home ? "deregistration (lifetime 0) → home agent" : "binding update → home agent",
                rel(updateAt), rel(r.timeNs()))));
        if (received.isPresent() && dadDone.isPresent()) {
            phases.add(new Phase("home agent DAD of the home address", rel(received.get().timeNs()), rel(dadDone.get().timeNs())));
        }
        String homeAgentId = config.homeAgent();
        bound.ifPresent(b -> events.add(new TraceEvent.RuleSwitched(rel(b.timeNs()), homeAgentId, vm, home
                ? "binding of " + b.text("home-address") + " deleted: " + vm + " is home (" + MobileIpv6Files.homeAgentDeregistration(vm) + ")"
                : "binding " + b.text("home-address") + " → care-of " + b.text("care-of") + " (" + MobileIpv6Files.homeAgentBinding(vm) + ")")));
        if (ack.isEmpty()) {
            notes.add(migration.id() + ": " + vm + "'s binding was not acknowledged within the run");
            return new MobileIpv6Timeline(null, 0);
        }
        long ackAt = ack.get().timeNs();
        long updates = mobileNode.stream().filter(e -> e.is(AgentEvent.Kind.BINDING_UPDATE_SENT) && e.timeNs() >= raAt && e.timeNs() <= ackAt).count();
        long from = dadDone.map(AgentEvent::timeNs).orElse(updateAt);
        phases.add(new Phase(updates > 1 ? "binding acknowledgement → mobile node (after " + (updates - 1) + " retransmission" + (updates > 2 ? "s" : "") + ")"
                : "binding acknowledgement → mobile node", rel(Math.min(from, ackAt)), rel(ackAt)));
        phases.add(new Phase("IP mobility (total: RA wait → binding acknowledged)", rel(w.resumedNs()), rel(ackAt)));
        installed.ifPresent(i -> phases.add(new Phase(home ? "end of the binding applied on the mobile node" : "binding files applied on the mobile node",
                rel(ackAt), rel(i.timeNs()))));
        long back = 0;
        if (serviceBack.isPresent()) {
            back = serviceBack.get().timeNs();
            // at home the packets come straight once the home agent dropped the tunnel, whatever the node is doing
            long serviceFrom = home ? bound.map(AgentEvent::timeNs).orElse(ackAt) : installed.map(AgentEvent::timeNs).orElse(ackAt);
            phases.add(new Phase(home ? "first packet to the home address on the home link" : "tunnel: first packet to the home address",
                    rel(Math.min(serviceFrom, back)), rel(back)));
        }
        return new MobileIpv6Timeline(ackAt - raAt, back);
    }

    private static Optional<AgentEvent> first(List<AgentEvent> agentEvents, String event, long fromNs, long untilNs) {
        return agentEvents.stream().filter(e -> e.event().equals(event) && e.timeNs() >= fromNs && e.timeNs() < untilNs).findFirst();
    }

    private FlowMetrics flowMetrics(ProbeFlow flow, List<AgentEvent> agentEvents, MigrationWindow w, long windowEnd, List<Long> before, List<Long> after) {
        Map<Long, Long> sentAt = new LinkedHashMap<>();
        Map<Long, AgentEvent> echoes = new LinkedHashMap<>();
        for (AgentEvent e : agentEvents) {
            if (e.is(AgentEvent.Kind.SENT)) {
                sentAt.put(e.number("seq"), e.timeNs());
            } else if (e.is(AgentEvent.Kind.ECHO)) {
                echoes.put(e.number("seq"), e);
            }
        }
        long windowStart = w.startNs() - BEFORE_NS;
        long sent = 0;
        long lost = 0;
        List<Long> arrivals = new ArrayList<>();
        List<Long> flowBefore = new ArrayList<>();
        List<Long> flowAfter = new ArrayList<>();
        for (Map.Entry<Long, Long> s : sentAt.entrySet()) {
            long at = s.getValue();
            if (at < windowStart || at >= windowEnd - SETTLE_NS / 2) {
                continue; // around this migration only, and not at the very end (its echoes may still be on the way)
            }
            sent++;
            AgentEvent echo = echoes.get(s.getKey());
            // the trace's deliveries and drops, with every hop, come from LivePacketTrace
            if (echo == null) {
                lost++;
            } else {
                arrivals.add(echo.timeNs());
                long rtt = echo.number("rtt");
                if (at < w.startNs()) {
                    flowBefore.add(rtt);
                } else if (at > w.settledNs() + AFTER_MARGIN_NS) {
                    flowAfter.add(rtt);
                }
            }
        }
        before.addAll(flowBefore);
        after.addAll(flowAfter);
        arrivals.sort(Long::compare);
        long gap = 0;
        for (int i = 1; i < arrivals.size(); i++) {
            gap = Math.max(gap, arrivals.get(i) - arrivals.get(i - 1));
        }
        // silence at the end counts too: probes kept going out and nothing came back
        long lastCounted = Math.min(windowEnd - SETTLE_NS / 2, sentAt.values().stream().mapToLong(Long::longValue).max().orElse(windowStart));
        long lastArrival = arrivals.isEmpty() ? windowStart : arrivals.get(arrivals.size() - 1);
        if (lastCounted > lastArrival) {
            gap = Math.max(gap, lastCounted - lastArrival);
        }
        return new FlowMetrics(flow.id(), flow.client(), sent, lost, gap, mean(flowBefore), mean(flowAfter), "", "");
    }

    /** Traffic to VMs that did not move must not suffer from the moves (other tenants, other VMs): say how it fared. */
    private void noteUnmovedFlows(long endNs) {
        for (Map.Entry<String, List<AgentEvent>> probe : agents(LivePacketTrace.PROBE_AGENT).entrySet()) {
            ProbeFlow flow = flow(probe.getKey());
            if (lab.migrations().stream().anyMatch(m -> m.vm().equals(flow.vm()))) {
                continue;
            }
            Set<Long> echoed = new HashSet<>();
            for (AgentEvent e : probe.getValue()) {
                if (e.is(AgentEvent.Kind.ECHO)) {
                    echoed.add(e.number("seq"));
                }
            }
            long sent = 0;
            long lost = 0;
            for (AgentEvent e : probe.getValue()) {
                if (e.is(AgentEvent.Kind.SENT) && e.timeNs() >= originNs && e.timeNs() < endNs - SETTLE_NS / 2) {
                    sent++;
                    lost += echoed.contains(e.number("seq")) ? 0 : 1;
                }
            }
            notes.add("flow " + flow.id() + " to " + flow.vm() + " (not moved): " + lost + " of " + sent + " probes lost during the run");
        }
    }

    /** Lines an agent wrote that are no event of the protocol: reported, so a broken agent does not pass for a quiet one. */
    private void noteUnreadableLines() {
        byAgent.forEach((agent, events) -> {
            List<AgentEvent> problems = events.stream().filter(AgentEvent::isProblem).toList();
            if (!problems.isEmpty()) {
                AgentEvent first = problems.get(0);
                notes.add("agent " + agent + " wrote " + problems.size() + " line" + (problems.size() == 1 ? "" : "s")
                        + " that are no event of the agent protocol; the first: " + first.text("reason") + " (" + first.text("line") + ")");
            }
        });
    }

    private long rel(long hostNs) {
        return hostNs - originNs;
    }

    /** The mean of {@code values}, or -1 when there are none. */
    static long mean(List<Long> values) {
        return values.isEmpty() ? -1 : (long) values.stream().mapToLong(Long::longValue).average().orElse(0);
    }
}
