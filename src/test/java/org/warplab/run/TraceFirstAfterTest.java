package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** {@link Trace#firstAfter}, which the event log, the trace index and the story use to find an instant in a trace. */
class TraceFirstAfterTest {

    @Property(tries = 500, seed = "20261203")
    void itIsTheFirstEventLaterThanTheInstant(@ForAll @Size(max = 40) List<@LongRange(min = 0, max = 50) Long> gaps,
                                              @ForAll @LongRange(min = -1, max = 1200) long instant) {
        // gaps of 0 give events at the same instant, which a trace has
        long time = 0;
        List<TraceEvent> events = new java.util.ArrayList<>();
        for (long gap : gaps) {
            time += gap;
            events.add(new TraceEvent.VmPaused(time, "vm1", "DC1"));
        }
        int expected = 0;
        while (expected < events.size() && events.get(expected).timeNs() <= instant) {
            expected++;
        }
        assertEquals(expected, Trace.firstAfter(events, instant));
    }
}
