package org.warplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.ui.common.DesignerModel;

class SampleLabsTest {

    private static final Path PAPER = Path.of("sample-labs", "paging-paper.warplab.json");

    @Test
    void theShippedSamplesAreFoundAndOpenAsCopies() throws Exception {
        assertTrue(SampleLabs.list().stream().anyMatch(p -> p.getFileName().equals(PAPER.getFileName())), SampleLabs.list().toString());
        assertTrue(SampleLabs.opensAsCopy(PAPER));
        DesignerModel model = new DesignerModel(Lab.empty("empty"));
        Lab opened = model.openCopy(PAPER);
        assertEquals(LabFiles.load(PAPER).lab(), opened);
        assertNull(model.fileProperty().get(), "a sample's copy has no file: Save asks where to keep it");
        assertFalse(model.isDirty());
        assertTrue(model.statusProperty().get().contains("copy"), model.statusProperty().get());
    }

    @Test
    void aUsersOwnLabOpensAsItself(@TempDir Path dir) throws Exception {
        Path own = dir.resolve("mine.warplab.json");
        Files.copy(PAPER, own);
        assertFalse(SampleLabs.opensAsCopy(own));
    }
}
