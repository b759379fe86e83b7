package org.warplab.run;

import java.util.List;

/** What one run of a lab gives the designer: the figures, the trace to replay, and the frames captured for pcap export. */
public record RunOutcome(RunResult result, Trace trace, List<Capture> captures) {
    public RunOutcome {
        captures = List.copyOf(captures);
    }
}
