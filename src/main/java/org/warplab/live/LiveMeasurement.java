package org.warplab.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.ProbeFlow;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MigrationMetrics;
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

    /**
     * What a scheme's own part measured of one move.
     *
     * @param switchingNs   the scheme's switching time, or null when it has none or it did not finish
     * @param serviceBackNs when the first packet to the VM's address reached it by the scheme's own way (0 if the echo agent's first answer tells)
     */
    record SchemeFigures(Long switchingNs, long serviceBackNs) {
        static final SchemeFigures NONE = new SchemeFigures(null, 0);
    }

    /**
     * One move as a scheme's part measures it: its window (until {@code windowEnd}, the next move
     * or the run's end), whether the VM is a QEMU guest, the phases so far (the part adds its own),
     * and through {@code run} the run's agents, trace events and notes.
     */
    record Move(MigrationWindow window, long windowEnd, Migration migration, Vm vm, boolean qemu, List<Phase> phases, LiveMeasurement run) {

        /** The agents whose names start with {@code prefix}, by the rest of their names. */
        Map<String, List<AgentEvent>> agents(String prefix) {
            return run.agents(prefix);
        }

        Optional<List<AgentEvent>> agent(String name) {
            return run.agent(name);
        }

        /** A host time relative to the run's 0. */
        long rel(long hostNs) {
            return run.rel(hostNs);
        }

        void note(String note) {
            run.notes.add(note);
        }

        void event(TraceEvent event) {
            run.events.add(event);
        }
    }

    private final Lab lab;
    private final LiveScheme scheme;
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
        this.scheme = LiveScheme.of(lab);
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
        Move move = new Move(w, windowEnd, migration, vm, qemu, phases, this);
        SchemeFigures own = scheme.measure(move);
        // docs/metrics.md: the VM stopped → the first probe reaching it at its address after it resumed (what its echo agent answered first)
        long downtime = agent(LivePacketTrace.ECHO_AGENT + vm.id()).flatMap(list -> list.stream()
                        .filter(e -> e.is(AgentEvent.Kind.ECHOED) && e.timeNs() >= w.resumedNs() && e.timeNs() < windowEnd).findFirst())
                .map(first -> first.timeNs() - w.pausedNs()).orElse(-1L);
        if (own.serviceBackNs() > 0) {
            downtime = own.serviceBackNs() - w.pausedNs();
        }
        Long switching = own.switchingNs();
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
        String address = scheme.measuredAddress(vm).toString();
        return new MigrationMetrics(migration.id(), vm.id(), address, w.from(), migration.to(), migration.mode().key() + "/" + migration.storage().key(),
                switching, downtime, w.resumedNs() - w.startNs(), gap, sent, lost, mean(before), mean(afterRtts),
                !afterRtts.isEmpty(), "", "", phases, flows, bystanders, w.completion(), w.hypervisor());
    }

    private ProbeFlow flow(String id) {
        return lab.traffic().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("probe agent of flow " + id + ", which the lab does not have"));
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
