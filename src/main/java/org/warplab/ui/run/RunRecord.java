package org.warplab.ui.run;

import java.util.List;
import org.warplab.model.Lab;
import org.warplab.run.Capture;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;

/** One run as the run view holds it: the lab it ran, what it returned, and (emulated) its captures. */
record RunRecord(Lab lab, RunResult result, Trace trace, List<Capture> captures) {
    RunRecord {
        captures = List.copyOf(captures);
    }
}
