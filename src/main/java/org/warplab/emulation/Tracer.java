package org.warplab.emulation;

import java.util.ArrayList;
import java.util.List;
import org.warplab.run.TraceEvent;

/** Collects trace events when the run keeps a trace; otherwise does nothing, so a benchmark pays nothing. */
final class Tracer {
    final boolean enabled;
    private final List<TraceEvent> events = new ArrayList<>();

    Tracer(boolean enabled) {
        this.enabled = enabled;
    }

    void add(TraceEvent event) {
        if (enabled) {
            events.add(event);
        }
    }

    List<TraceEvent> events() {
        return events;
    }
}
