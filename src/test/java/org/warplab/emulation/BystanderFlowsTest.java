package org.warplab.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunExports;
import org.warplab.run.RunResult;

/** Every traffic flow is in the report: a tenant that did not move shows what the move cost it, without the trace. */
class BystanderFlowsTest {

    @Test
    void theOtherTenantsFlowIsReportedBesideTheMovingOnes() throws Exception {
        MigrationMetrics m = EmulatorTest.first(EmulatorTest.lab("segmentation-tenants"));
        assertEquals(List.of("P1"), m.flows().stream().map(FlowMetrics::flow).toList(), "the figures are the moving VM's flows");
        assertEquals(List.of("P2"), m.bystanders().stream().map(FlowMetrics::flow).toList(), "the blue tenant's flow is reported too");
        FlowMetrics blue = m.bystanders().get(0);
        assertTrue(blue.probesSent() > 100, "counted over the same window: " + blue.probesSent());
        assertEquals(0, blue.probesLost(), "the blue tenant, at the same address, loses nothing");
    }

    @Test
    void aBystanderLossShowsInTheReportAndSurvivesSavingTheRun() throws Exception {
        Lab lab = EmulatorTest.lab("segmentation-tenants");
        // the blue tenant's flow crosses a lossy access link: its losses must be visible without the trace
        Link blueAccess = lab.links().stream().filter(l -> l.touches("UB")).findFirst().orElseThrow();
        Lab lossy = lab.replacingLink(blueAccess.withLossPercent(20));
        RunResult result = Emulator.run(lossy, Emulator.Options.defaults(1)).result();
        FlowMetrics blue = result.migrations().get(0).bystanders().get(0);
        assertTrue(blue.probesLost() > 5, "lost " + blue.probesLost() + " of " + blue.probesSent());
        RunResult back = RunExports.readResult(RunExports.resultJson(result));
        assertEquals(result, back);
        // the caveats carry it, so emulate, compare, the report and the readout show it without the trace
        assertTrue(result.migrations().get(0).caveats().contains("flow P2 from UB, to a VM that did not move, lost " + blue.probesLost() + " of "
                + blue.probesSent() + " probes while red1 moved"), result.migrations().get(0).caveats().toString());
    }
}
