package org.warplab.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.Router;

class EditHistoryTest {

    private static Lab paper() throws Exception {
        return LabFiles.load(Path.of("sample-labs/paging-paper.warplab.json")).lab();
    }

    @Test
    void moveIsOneStepNamedByItsCountAndUndoesExactly() throws Exception {
        Lab lab = paper();
        EditHistory history = new EditHistory(lab);
        Map<String, Position> from = Map.of("R1", lab.node("R1").orElseThrow().position(),
                "R2", lab.node("R2").orElseThrow().position(), "R3", lab.node("R3").orElseThrow().position());
        Map<String, Position> to = Map.of("R1", new Position(0, 0), "R2", new Position(20, 0), "R3", new Position(40, 0));
        history.perform(new MoveNodes(from, to));
        assertEquals("Move 3 nodes", history.undoName().orElseThrow());
        assertEquals(new Position(20, 0), history.lab().node("R2").orElseThrow().position());
        assertTrue(history.isDirty());
        history.undo();
        assertEquals(lab, history.lab());
        assertFalse(history.isDirty());
        assertEquals("Move 3 nodes", history.redoName().orElseThrow());
        history.redo();
        assertEquals(new Position(40, 0), history.lab().node("R3").orElseThrow().position());
    }

    @Test
    void savedMarkFollowsUndoAndRedo() throws Exception {
        EditHistory history = new EditHistory(paper());
        Router r1 = history.lab().node("R1", Router.class).orElseThrow();
        history.perform(new ReplaceNode("Rename R1", r1, r1.withName("edge")));
        history.markSaved();
        assertFalse(history.isDirty());
        history.undo();
        assertTrue(history.isDirty());
        history.redo();
        assertFalse(history.isDirty());
        history.undo();
        // a new edit after undoing past the saved state can never come back to it
        Router again = history.lab().node("R1", Router.class).orElseThrow();
        history.perform(new ReplaceNode("Rename R1", again, again.withName("other")));
        assertTrue(history.isDirty());
        history.undo();
        assertTrue(history.isDirty());
    }

    @Test
    void deletingADataCenterTakesItsVmsLinksAndPlanAndUndoRestoresOrder() throws Exception {
        Lab lab = paper();
        EditHistory history = new EditHistory(lab);
        RemoveElements delete = new RemoveElements(lab, List.of("PDC"));
        assertTrue(delete.removedIds().containsAll(List.of("PDC", "vm1", "L1", "M1")));
        history.perform(delete);
        assertTrue(history.lab().node("vm1").isEmpty());
        assertTrue(history.lab().migrations().isEmpty());
        assertTrue(history.lab().traffic().isEmpty());
        assertEquals("Delete 4 elements", history.undoName().orElseThrow());
        history.undo();
        assertEquals(lab, history.lab());
    }

    @Test
    void listenersHearEveryChangeAndCannotStartAnotherEdit() throws Exception {
        EditHistory history = new EditHistory(paper());
        AtomicInteger heard = new AtomicInteger();
        history.addListener(heard::incrementAndGet);
        Node r1 = history.lab().node("R1").orElseThrow();
        history.perform(new ReplaceNode("Rename R1", r1, r1.withName("x")));
        history.undo();
        history.redo();
        assertEquals(3, heard.get());
        history.addListener(() -> history.undo());
        assertThrows(IllegalStateException.class, () -> history.perform(new ReplaceNode("Rename R1", r1, r1.withName("y"))));
    }

    @Test
    void anEditThatChangesNothingIsNotRecorded() throws Exception {
        EditHistory history = new EditHistory(paper());
        Node r1 = history.lab().node("R1").orElseThrow();
        history.perform(new ReplaceNode("Rename R1", r1, r1));
        assertFalse(history.canUndo());
        assertFalse(history.isDirty());
    }
}
