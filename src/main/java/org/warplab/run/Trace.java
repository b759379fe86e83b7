package org.warplab.run;

import java.util.List;
import java.util.function.Predicate;

/** The time-ordered events of one run. */
public record Trace(List<TraceEvent> events) {

    public Trace {
        events = List.copyOf(events);
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).timeNs() < events.get(i - 1).timeNs()) {
                throw new IllegalArgumentException("trace events out of time order at index " + i);
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

    public int size() {
        return events.size();
    }
}
