package org.warplab.live;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.warplab.live.agent.AgentEvent;

/**
 * Everything a live run's figures are computed from ({@link LiveMeasurement}): when its
 * migrations happened and what each agent reported, in host monotonic time. Kept with the
 * outcome, so a run can be measured again (and a recorded one replayed in a test) without root.
 *
 * @param originNs    the host time of the run's 0 (every flow had its first echo)
 * @param endNs       the host time the probes stopped
 * @param windows     the migrations in the order they ran
 * @param agentEvents each agent's events by its name, agents in the order they started, events in the order reported
 */
public record LiveRecording(long originNs, long endNs, List<MigrationWindow> windows, Map<String, List<AgentEvent>> agentEvents) {

    /** Every agent's events on one time line, times relative to the run's 0. */
    public List<AgentEvent> timeline() {
        return agentEvents.values().stream().flatMap(List::stream)
                .map(e -> new AgentEvent(e.agent(), e.timeNs() - originNs, e.event(), e.fields()))
                .sorted(Comparator.comparingLong(AgentEvent::timeNs)).toList();
    }

    /** Every agent's events in host time, agent after agent. */
    List<AgentEvent> reported() {
        return agentEvents.values().stream().flatMap(List::stream).toList();
    }
}
