package org.warplab.run;

import java.util.List;
import java.util.function.Predicate;

/** The time-ordered events of one run. */
public record Trace(List<TraceEvent> events) {

    public Trace {
        // a compact list was checked for time order as it was appended, and stays compact
        if (!(events instanceof CompactTraceEvents)) {
            events = List.copyOf(events);
            for (int i = 1; i < events.size(); i++) {
                if (events.get(i).timeNs() < events.get(i - 1).timeNs()) {
                    throw new IllegalArgumentException("trace events out of time order at index " + i);
                }
            }
        }
    }

    public static Trace empty() {
        return new Trace(List.of());
    }

    public <T extends TraceEvent> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<TraceEvent> matching(Predicate<TraceEvent> filter) {
        return events.stream().filter(filter).toList();
    }

    /** Virtual time where a capped trace stops (events after it were not kept), or -1 when it is whole. */
    public long truncatedAtNs() {
        return events instanceof CompactTraceEvents compact ? compact.truncatedAtNs() : -1;
    }

    public int size() {
        return events.size();
    }

    /** The index of the first event of {@code byTime} (in time order, as a trace's are) later than {@code timeNs}; its size if none is. */
    public static int firstAfter(List<? extends TraceEvent> byTime, long timeNs) {
        int lo = 0;
        int hi = byTime.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byTime.get(mid).timeNs() <= timeNs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
