package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.edit.SchemeDefaults;
import org.warplab.emulation.Emulator;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.model.SchemeKind;
import org.warplab.model.Segmentation;
import org.warplab.run.MigrationMetrics;
import org.warplab.testing.Samples;

/**
 * The scenario of issue 14: the paper's paging lab with Segmentation chosen. The settings the
 * designer fills in must run; settings that leave the client's site out of the segment must be an
 * error everywhere (validator, {@code validate}, {@code configs}) instead of a run whose every probe
 * is dropped and whose readout says "gap 0.0 ms".
 */
class SegmentationScenarioTest {

    private static Lab pagingLabWithSegmentation() {
        Lab lab = Samples.lab("paging-paper");
        return lab.withSchemeConfig(SchemeDefaults.forScheme(lab, SchemeKind.SEGMENTATION)).withScheme(SchemeKind.SEGMENTATION);
    }

    @Test
    void choosingSegmentationOnThePagingLabGivesSettingsThatRun() throws Exception {
        Lab lab = pagingLabWithSegmentation();
        Segmentation settings = lab.schemeConfig(Segmentation.class).orElseThrow();
        assertTrue(settings.endpoints().contains("R3"), "the client's edge carries the segment: " + settings.endpoints());
        assertFalse(LabValidator.hasErrors(LabValidator.validate(lab)), LabValidator.validate(lab).toString());

        MigrationMetrics move = Emulator.run(lab, Emulator.Options.defaults(1)).result().migrations().get(0);
        assertTrue(move.reachableAfter(), "the VM answers after the move");
        assertTrue(move.clientGapNs() > 0, "a real gap, not 0.0 ms");
        assertTrue(move.probesLost() < move.probesSent() / 10, move.probesLost() + " of " + move.probesSent() + " lost");
    }

    @Test
    void aSegmentThatLeavesTheClientOutIsAnErrorEverywhere(@TempDir Path dir) throws Exception {
        Lab chosen = pagingLabWithSegmentation();
        Segmentation s = chosen.schemeConfig(Segmentation.class).orElseThrow();
        // what the designer used to fill in: the server edges only
        Lab lab = chosen.withSchemeConfig(new Segmentation(s.idKind(), s.segments(), List.of("R1", "R2"), s.gateway()));

        List<Problem> problems = LabValidator.validate(lab);
        assertTrue(problems.stream().anyMatch(p -> p.isError() && p.path().equals("schemes.segmentation.endpoints")
                && p.message().contains("'U'") && p.message().contains("'R3'")), problems.toString());

        Path file = dir.resolve("seg.warplab.json");
        LabFiles.save(file, lab);
        CliTest.Run validate = CliTest.run("validate", file.toString());
        assertEquals(1, validate.exit(), validate.out());
        assertTrue(validate.out().contains("not a segment endpoint"), validate.out());
        CliTest.Run configs = CliTest.run("configs", file.toString(), "-o", dir.resolve("out").toString());
        assertEquals(1, configs.exit(), configs.err());
        CliTest.Run emulate = CliTest.run("emulate", file.toString());
        assertEquals(1, emulate.exit(), emulate.out() + emulate.err());
    }
}
