package org.warplab.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.run.RunResult;
import org.warplab.run.TraceEvent;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipe;

/**
 * The emulator over drawn and edited labs the validator accepts, under every scheme: a run is a
 * function of the lab and the seed (the same figures and the same trace, event for event, however
 * often it runs: no hash order or clock leaks in), and a run that keeps no trace has the same
 * figures as one that does (all but the paths, which are read from the recorded hops).
 */
class EmulatorPropertiesTest {

    @Provide
    Arbitrary<Recipe> labs() {
        return ValidatedLabsRunPropertiesTest.recipeArbitrary();
    }

    @Property(tries = 60, seed = "20261203")
    void aRunIsAFunctionOfTheLabAndTheSeed(@ForAll("labs") Recipe recipe) throws Exception {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        if (LabValidator.hasErrors(LabValidator.validate(lab))) {
            return;
        }
        Emulator.Outcome first = Emulator.run(lab, new Emulator.Options(7, true, false));
        Emulator.Outcome second = Emulator.run(lab, new Emulator.Options(7, true, false));
        assertEquals(first.result(), second.result(), "the same figures");
        List<TraceEvent> a = first.trace().events();
        List<TraceEvent> b = second.trace().events();
        assertEquals(a.size(), b.size(), "the same number of events");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), "event " + i);
        }
        RunResult untraced = Emulator.run(lab, new Emulator.Options(7, false, false)).result();
        // the paths come from the recorded hops, which only a traced run keeps; every figure is the same
        assertEquals(figures(first.result()), figures(untraced), "keeping a trace changes no figure");
        assertTrue(first.events() > 0, "something happened");
    }

    private static List<String> figures(RunResult result) {
        return result.migrations().stream().map(m -> m.migration() + " " + m.switchingTimeNs() + " " + m.downtimeNs() + " " + m.migrationTimeNs()
                + " " + m.clientGapNs() + " " + m.probesSent() + " " + m.probesLost() + " " + m.latencyBeforeNs() + " " + m.latencyAfterNs()
                + " " + m.reachableAfter() + " " + m.phases() + " " + m.completion()).toList();
    }
}
