package org.warplab.live;

import org.warplab.live.agent.AgentEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.model.Migration;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.run.TraceEvent;

/**
 * One live run after the lab is built: the traffic starts, each migration runs at its time
 * through the {@link VmMove} of its VM, the traffic settles, and {@link LiveMeasurement} turns
 * what the agents reported into the result.
 */
final class LiveSession {

    private final LiveContext run;
    private final LiveAgents agents;
    private final VmMove namespaceMove;
    private final Optional<QemuMove> qemuMove;
    private LiveRecording recording;
    private LiveMeasurement.Measured measured;

    LiveSession(LiveContext run, LiveAgents agents, Optional<QemuMove> qemuMove) {
        this.run = run;
        this.agents = agents;
        this.namespaceMove = new NamespaceMove(run, agents);
        this.qemuMove = qemuMove;
    }

    /** Runs the lab's migrations in time order and measures them. */
    RunResult migrate() throws IOException, AgentProcess.AgentException {
        for (AgentProcess probe : agents.probes.values()) {
            probe.send("go");
        }
        // the run's clock starts once every flow has an echo back: ARP and neighbour caches are
        // filled, so "latency before" measures the network, not its first resolution
        for (Map.Entry<String, AgentProcess> probe : agents.probes.entrySet()) {
            try {
                probe.getValue().awaitEvent(AgentEvent.Kind.ECHO, Duration.ofSeconds(10));
            } catch (AgentProcess.AgentException e) {
                throw new AgentProcess.AgentException("flow " + probe.getKey() + " gets no echo before any VM has moved, so nothing can be measured: "
                        + e.getMessage() + ". Check the lab in the emulator first (warplab emulate).");
            }
        }
        long t0 = System.nanoTime();
        run.originNs = t0;
        Map<String, String> location = new LinkedHashMap<>();
        run.lab.vms().forEach(vm -> location.put(vm.id(), vm.dataCenter()));
        List<MigrationWindow> windows = new ArrayList<>();
        long earliest = t0;
        for (Migration migration : run.lab.migrations().stream().sorted(Comparator.comparingLong(Migration::atNs)).toList()) {
            long planned = t0 + migration.atNs();
            if (earliest > planned) {
                // the previous move is still settling: its measurement must not be cut short by this one
                run.notes.add(String.format("%s started at %.0f ms instead of %.0f ms: the move before it was still settling",
                        migration.id(), (earliest - t0) / 1e6, migration.atNs() / 1e6));
            }
            LiveRunner.sleepUntil(Math.max(planned, earliest));
            Vm vm = run.lab.node(migration.vm(), Vm.class).orElseThrow();
            VmMove move = vm.runtime() == VmRuntime.QEMU ? qemuMove.orElseThrow() : namespaceMove;
            MigrationWindow window = move.move(migration, vm, location.get(migration.vm()));
            windows.add(window);
            location.put(migration.vm(), migration.to());
            earliest = window.settledNs() + LiveMeasurement.SETTLE_NS;
        }
        // the run lasts as the lab says, and at least long enough to see the traffic settle after the last move
        long end = Math.max(t0 + run.lab.durationNs(), System.nanoTime() + LiveMeasurement.SETTLE_NS);
        if (end > t0 + run.lab.durationNs()) {
            run.notes.add(String.format("the run lasted %.0f ms (the lab asks for %.0f ms) so that every migration finishes and the traffic settles",
                    (end - t0) / 1e6, run.lab.durationNs() / 1e6));
        }
        LiveRunner.sleepUntil(end);
        for (AgentProcess probe : agents.probes.values()) {
            probe.close();
        }
        recording = new LiveRecording(t0, end, List.copyOf(windows), agents.eventsByAgent());
        measured = LiveMeasurement.of(run.lab, recording);
        List<String> notes = new ArrayList<>(run.notes);
        notes.addAll(measured.notes());
        return new RunResult(run.lab.name(), run.lab.scheme().key(), "live", 0, end - t0, measured.migrations(), notes);
    }

    /** What the figures were computed from; present once {@link #migrate()} returned. */
    LiveRecording recording() {
        return recording;
    }

    /** The run's trace: the VMs' states, what the measurement found, every probe hop and control message the agents saw. */
    Trace trace() {
        List<TraceEvent> state = new ArrayList<>(run.events);
        state.addAll(measured.events());
        List<TraceEvent> all = new ArrayList<>(state);
        all.addAll(LivePacketTrace.events(run.lab, recording.reported(), run.originNs, state));
        all.addAll(LiveSignalTrace.events(run.lab, recording.reported(), run.originNs, state));
        all.sort(Comparator.comparingLong(TraceEvent::timeNs));
        return new Trace(all);
    }
}
