package org.warplab.emulation;

import org.warplab.emulation.network.MigrationCosts;
import org.warplab.emulation.schemes.MobileIpv6EmulationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.warplab.emulation.PaperReproduction.Basis;
import org.warplab.emulation.PaperReproduction.Paper;
import org.warplab.emulation.PaperReproduction.Report;
import org.warplab.emulation.PaperReproduction.Row;
import org.warplab.model.Lab;
import org.warplab.model.Testbed;
import org.warplab.run.TraceEvent;

/** The testbed profiles reproduce the papers' tables within the stated tolerances, over fixed seeds. */
class PaperReproductionTest {

    private static Report paging;
    private static Report mobileIpv6;

    static List<Lab> labs(Paper paper) throws Exception {
        List<Lab> labs = new ArrayList<>();
        for (String name : paper.labs()) {
            labs.add(EmulatorTest.lab(name));
        }
        return labs;
    }

    @BeforeAll
    static void reproduce() throws Exception {
        paging = PaperReproduction.reproduce(Paper.PAPER_000, labs(Paper.PAPER_000), 100, 1);
        mobileIpv6 = PaperReproduction.reproduce(Paper.PAPER_003, labs(Paper.PAPER_003), 2, 1);
    }

    static Map<String, Row> rows(Report report) {
        return report.rows().stream().collect(Collectors.toMap(Row::figure, Function.identity()));
    }

    @Test
    void paper000EveryRowWithinTolerance() {
        for (Row row : paging.rows()) {
            assertTrue(row.within(), row.figure() + ": " + row.mean() + " against " + row.paper() + " (ratio " + row.ratio() + ")");
        }
        Map<String, Row> rows = rows(paging);
        assertEquals(Basis.PREDICTED, rows.get("switching time, σ").basis());
        assertEquals(Basis.PREDICTED, rows.get("VM downtime, σ").basis());
        assertEquals(Basis.FITTED, rows.get("VM downtime, mean").basis());
        Row gateway = rows.get("differing gateway MACs: gap, VM back at a gateway that knows it");
        assertEquals(Basis.PREDICTED, gateway.basis(), "Linux's neighbour timers, nothing fitted");
        assertTrue(gateway.checked() && gateway.mean() >= 2 && gateway.mean() < 10, "several seconds: " + gateway.mean() + " s");
    }

    @Test
    void paper003FigureFourIsLinearWithAFloorNearThePapers() {
        Map<String, Row> rows = rows(mobileIpv6);
        Row floor = rows.get("Figure 4: downtime at no added delay");
        assertEquals(Basis.PREDICTED, floor.basis());
        assertTrue(floor.within(), "floor " + floor.mean() + " s against about 2.5 s");
        Row slope = rows.get("Figure 4: slope");
        assertEquals(2.0, slope.mean(), 0.05, "one Binding Update and one Acknowledgement cross the delay: 2 ms per ms");
        assertTrue(slope.note().contains("R² 1.0000") || slope.note().contains("R² 0.999"), slope.note());
        assertFalse(slope.checked(), "the paper gives Figure 4's shape in words, not its values");
    }

    @Test
    void paper003TableOneFittedRowsAgreeAndPredictedRowsAreWhatTheyAre() {
        Map<String, Row> rows = rows(mobileIpv6);
        for (String fitted : List.of("Table 1: save", "Table 1: image copy", "Table 1: restore")) {
            assertEquals(Basis.FITTED, rows.get(fitted).basis(), fitted);
            assertTrue(rows.get(fitted).within(), fitted);
        }
        assertTrue(rows.get("migrated and restarted, total").within(), "the total follows from the phases");
        // Two predicted rows miss, and docs/fidelity.md says why: pinned so that a change shows.
        assertEquals(0.65, rows.get("Table 1: memory copy").ratio(), 0.02, "one scp throughput cannot give both the 126 s and the 13 s");
        assertEquals(0.26, rows.get("Table 1: IP mobility").ratio(), 0.02, "the paper's 8 s after xm restore is not explained by the protocol");
    }

    @Test
    void predictedRowsOutnumberFittedOnes() {
        long fitted = paging.fitted() + mobileIpv6.fitted();
        long predicted = paging.predicted() + mobileIpv6.predicted();
        assertTrue(predicted > fitted, predicted + " predicted against " + fitted + " fitted");
    }

    @Test
    void aProfileDrawsFromItsOwnStreamAndTheSameSeedGivesTheSameRun() throws Exception {
        Lab lab = EmulatorTest.lab("paging-paper");
        Lab esx = lab.withTestbed(Testbed.PAPER_000);
        List<TraceEvent> a = Emulator.run(esx, Emulator.Options.defaults(4)).trace().events();
        assertEquals(a, Emulator.run(esx, Emulator.Options.defaults(4)).trace().events());
        assertNotEquals(a, Emulator.run(esx, Emulator.Options.defaults(5)).trace().events(), "another seed, other draws");
        assertEquals(Emulator.run(lab, Emulator.Options.defaults(4)).trace().events(),
                Emulator.run(lab.withTestbed(Testbed.IDEAL), Emulator.Options.defaults(4)).trace().events(), "ideal is the emulator as it was");
    }

    @Test
    void theEsxSwitchoverLengthensTheResumeAndTheCaptureToolTheSwitching() throws Exception {
        Lab lab = EmulatorTest.lab("paging-paper");
        var ideal = EmulatorTest.first(lab);
        var esx = Emulator.run(lab.withTestbed(Testbed.PAPER_000), Emulator.Options.defaults(1)).result().migrations().get(0);
        long resume = MobileIpv6EmulationTest.phase(esx, "resume");
        assertTrue(resume > 100_000_000L && resume != MigrationCosts.DEFAULT.resumeNs(), "ESX resumes in hundreds of ms: " + resume);
        assertEquals(MigrationCosts.DEFAULT.resumeNs(), MobileIpv6EmulationTest.phase(ideal, "resume"));
        assertTrue(MobileIpv6EmulationTest.phase(esx, "capture processing") > MobileIpv6EmulationTest.phase(ideal, "capture processing"));
    }
}
