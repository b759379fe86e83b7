package org.warplab.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.Vm;

class SnippetTest {

    @Test
    void pastingADataCenterWithItsRouterCopiesItsVmsAndTheLinkBetweenThemUnderFreshIds() throws Exception {
        Lab lab = LabFiles.load(Path.of("sample-labs/paging-paper.warplab.json")).lab();
        Snippet snippet = Snippet.copy(lab, Set.of("PDC", "R1"));
        assertEquals(3, snippet.nodes().size()); // PDC, its VM, R1
        assertEquals(1, snippet.links().size()); // L1, not W1 (C1 was not copied)
        AddElements paste = snippet.pasteInto(lab, 40, 40, "Paste");
        Lab after = new EditHistory(lab).perform(paste);
        assertEquals(lab.nodes().size() + 3, after.nodes().size());
        Node dcCopy = paste.nodes().get(0);
        Vm vmCopy = (Vm) paste.nodes().stream().filter(n -> n instanceof Vm).findFirst().orElseThrow();
        assertEquals(dcCopy.id(), vmCopy.dataCenter());
        assertEquals("R4", paste.nodes().get(2).id());
        Link linkCopy = paste.links().get(0);
        assertTrue(linkCopy.touches(dcCopy.id()) && linkCopy.touches("R4"));
        assertEquals(new Position(160, 180), dcCopy.position());
        assertEquals(lab, paste.undo(after));
    }
}
