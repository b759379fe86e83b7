package org.warplab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.Testbed;

class FormatVersionTest {

    private static final Path FILE = Path.of("lab.warplab.json");

    @Test
    void aVersionOneFileOpensUnchangedAndSavingItSaysItBecomesVersionTwo() throws Exception {
        String v1 = MalformedLabTest.fixture("paging");
        assertTrue(v1.contains("\"formatVersion\": 1,"));
        LoadedLab loaded = LabFiles.parse(FILE, v1);
        assertEquals(1, loaded.formatVersion());
        assertEquals(Testbed.IDEAL, loaded.lab().testbed(), "a version-1 lab ran on the ideal testbed");
        assertEquals(Optional.of("format version 1: opened unchanged, saved as format version 2, which adds the testbed profile the lab "
                + "runs on (\"testbed\"), a lesson for a class: steps, questions and goals (\"lesson\"); WarpLab releases that read only version 1 cannot open the saved file"), loaded.upgradeNotice());

        String saved = LabFiles.toJson(loaded.lab());
        assertTrue(saved.startsWith("{\n  \"formatVersion\": 2,"), saved.substring(0, 40));
        assertTrue(saved.endsWith("  \"testbed\": \"ideal\"\n}\n"), "defaults are written out");
        LoadedLab again = LabFiles.parse(FILE, saved);
        assertEquals(loaded.lab(), again.lab(), "upgrading changes the format, not the lab");
        assertEquals(Optional.empty(), again.upgradeNotice());
    }

    @Test
    void aTestbedRoundTripsByteForByte() throws Exception {
        for (Testbed testbed : Testbed.values()) {
            Lab lab = LabFiles.parse(FILE, MalformedLabTest.fixture("paging")).lab().withTestbed(testbed);
            String text = LabFiles.toJson(lab);
            assertTrue(text.contains("\"testbed\": \"" + testbed.key() + "\""));
            Lab back = LabFiles.parse(FILE, text).lab();
            assertEquals(lab, back);
            assertEquals(text, LabFiles.toJson(back), "canonical: the same bytes again");
        }
    }
}
