package org.warplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.io.LabFileException;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.testing.Samples;
import org.warplab.ui.common.CheckedLab;
import org.warplab.ui.common.DesignerModel;

/** Issue 14, point 7: the lab read while the toolkit starts opens exactly as the file read on the JavaFX thread would. */
class LabPrereadTest {

    @Test
    void aPrereadLabOpensAsTheFileItself(@TempDir Path dir) throws Exception {
        for (String name : Samples.names()) {
            Path file = dir.resolve(name + ".warplab.json");
            Files.copy(Samples.file(name), file);
            DesignerModel direct = new DesignerModel(Lab.empty("empty"));
            direct.open(file);
            DesignerModel preread = new DesignerModel(Lab.empty("empty"));
            CheckedLab checked = LabPreread.start(file).of(file).orElseThrow();
            preread.open(checked);
            assertEquals(direct.lab(), preread.lab(), name);
            assertEquals(direct.problems(), preread.problems(), name);
            assertEquals(LabValidator.validate(preread.lab()), preread.problems(), name + ": the problems are the lab's own");
            assertEquals(direct.statusProperty().get(), preread.statusProperty().get());
            assertEquals(direct.fileProperty().get(), preread.fileProperty().get());
            assertEquals(direct.isDirty(), preread.isDirty());
        }
    }

    @Test
    void aPrereadCopyOfASampleOpensAsTheCopyWould() throws Exception {
        Path sample = Samples.file("paging-paper");
        DesignerModel direct = new DesignerModel(Lab.empty("empty"));
        direct.openCopy(sample);
        DesignerModel preread = new DesignerModel(Lab.empty("empty"));
        preread.openCopy(LabPreread.start(sample).of(sample).orElseThrow());
        assertEquals(direct.lab(), preread.lab());
        assertEquals(direct.problems(), preread.problems());
        assertEquals(direct.statusProperty().get(), preread.statusProperty().get());
        assertEquals(null, preread.fileProperty().get());
    }

    @Test
    void anUnreadableFileFailsWithTheSameProblems(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.warplab.json");
        Files.writeString(broken, "{\"formatVersion\": 2, \"name\": ");
        LabFileException direct = assertThrows(LabFileException.class, () -> CheckedLab.read(broken));
        LabFileException preread = assertThrows(LabFileException.class, () -> LabPreread.start(broken).of(broken));
        assertEquals(direct.problems(), preread.problems());
    }

    @Test
    void anotherFileIsNotAnsweredFromThePreread(@TempDir Path dir) throws Exception {
        Path sample = Samples.file("paging-paper");
        assertTrue(LabPreread.start(sample).of(dir.resolve("other.warplab.json")).isEmpty());
    }
}
