package org.warplab.run.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.warplab.emulation.Emulator;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MigrationMetrics;

/** A VM that stays and its flow: the story tells what the move cost it, from the figures (so a live run tells it too). */
class OtherFlowsStoryTest {
    static final Path LAB = Path.of("src/test/resources/org/warplab/run/story/paging-bystander.warplab.json");

    @Test
    void theStoryTellsTheOtherFlowsAndTheirLosses() throws Exception {
        Lab lab = LabFiles.load(LAB).lab();
        Emulator.Outcome calm = Emulator.run(lab, Emulator.Options.defaults(1));
        StoryStep untouched = Story.of(calm.result(), calm.trace()).first("MIG1", StepKind.OTHER_FLOWS).orElseThrow();
        assertTrue(untouched.caption().contains("P2 from U: 0 of "), untouched.caption());
        assertTrue(untouched.why().contains("not touched"), untouched.why());

        // vm2's flow loses probes on a lossy link of its own path: the story and the caveats say so
        Link pdcAccess = lab.links().stream().filter(l -> l.touches("PDC") && l.touches("R1")).findFirst().orElseThrow();
        Emulator.Outcome lossy = Emulator.run(lab.replacingLink(pdcAccess.withLossPercent(10)), Emulator.Options.defaults(1));
        MigrationMetrics m = lossy.result().migrations().get(0);
        FlowMetrics p2 = m.bystanders().stream().filter(f -> f.flow().equals("P2")).findFirst().orElseThrow();
        assertTrue(p2.probesLost() > 0, "lossy: " + p2);
        StoryStep told = Story.of(lossy.result(), lossy.trace()).first("MIG1", StepKind.OTHER_FLOWS).orElseThrow();
        assertTrue(told.caption().contains("P2 from U: " + p2.probesLost() + " of " + p2.probesSent() + " lost"), told.caption());
        assertEquals(1, m.caveats().stream().filter(c -> c.equals("flow P2 from U, to a VM that did not move, lost " + p2.probesLost() + " of "
                + p2.probesSent() + " probes while vm1 moved")).count(), m.caveats().toString());
    }
}
