package org.warplab.live;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Lab;
import org.warplab.run.TraceEvent;

/**
 * What the parts of one live run share: the lab as it runs, how it was built, the host's tools,
 * and the run's log (state events for the trace, notes for the result, its time origin).
 */
final class LiveContext {

    final Lab lab;
    final LabRealizer.Realization built;
    final LiveState state;
    final CommandRunner runner;
    final HostTools tools;
    final LiveRunner.Progress progress;
    /** The VM state events (paused, moved, resumed, memory rounds), relative to {@link #originNs}. */
    final List<TraceEvent> events = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** The host time of the run's 0: set once every flow had its first echo. */
    long originNs;

    LiveContext(Lab lab, LabRealizer.Realization built, LiveState state, CommandRunner runner, HostTools tools, LiveRunner.Progress progress) {
        this.lab = lab;
        this.built = built;
        this.state = state;
        this.runner = runner;
        this.tools = tools;
        this.progress = progress;
    }

    long rel(long hostNs) {
        return hostNs - originNs;
    }

    /** The namespace of a node; the delay relay's own for {@link LabRealizer#RELAY_NODE}. */
    String namespace(String node) {
        return node.equals(LabRealizer.RELAY_NODE) ? built.relayNamespace() : built.namespace(node);
    }
}
