package org.warplab.emulation;

import org.warplab.run.CompactTraceEvents;
import org.warplab.run.TraceEvent;

/**
 * Collects trace events, compactly and up to a cap, when the run keeps a trace; otherwise does
 * nothing, so a run that only wants its figures pays nothing.
 */
final class Tracer {
    final boolean enabled;
    private CompactTraceEvents events = new CompactTraceEvents(Emulator.Options.DEFAULT_MAX_TRACE_EVENTS);

    Tracer(boolean enabled) {
        this.enabled = enabled;
    }

    /** Sets the cap; called before the first event. */
    void limit(int maxEvents) {
        events = new CompactTraceEvents(maxEvents);
    }

    void add(TraceEvent event) {
        if (enabled) {
            events.append(event);
        }
    }

    CompactTraceEvents events() {
        return events;
    }
}
