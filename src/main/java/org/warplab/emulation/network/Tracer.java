package org.warplab.emulation.network;

import org.warplab.run.CompactTraceEvents;
import org.warplab.run.TraceEvent;

/**
 * Collects trace events, compactly and up to a cap, when the run keeps a trace; otherwise does
 * nothing, so a run that only wants its figures pays nothing.
 */
public final class Tracer {
    /** The cap of a run that does not set one (Emulator.Options). */
    public static final int DEFAULT_MAX_EVENTS = 4_000_000;

    final boolean enabled;
    private CompactTraceEvents events = new CompactTraceEvents(DEFAULT_MAX_EVENTS);

    Tracer(boolean enabled) {
        this.enabled = enabled;
    }

    /** Sets the cap; called before the first event. */
    public void limit(int maxEvents) {
        events = new CompactTraceEvents(maxEvents);
    }

    void add(TraceEvent event) {
        if (enabled) {
            events.append(event);
        }
    }

    public CompactTraceEvents events() {
        return events;
    }
}
