package org.warplab.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.warplab.edit.MoveNodes;
import org.warplab.edit.RemoveElements;
import org.warplab.edit.Snippet;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.Vm;
import org.warplab.ui.canvas.CanvasView;
import org.warplab.ui.common.DesignerModel;
import static org.warplab.ui.common.Wording.count;

/** The designer's editing commands on the selection (copy, paste, duplicate, delete, rename, nudge) and the canvas's keys. */
final class EditCommands {

    private final DesignerModel model;
    private final CanvasView canvas;
    /** Steps a loaded run's story by ±1; false when there is none to step. */
    private final IntPredicate stepStory;
    private Snippet clipboard = new Snippet(List.of(), List.of());
    private int pasteCount;

    EditCommands(DesignerModel model, CanvasView canvas, IntPredicate stepStory) {
        this.model = model;
        this.canvas = canvas;
        this.stepStory = stepStory;
    }

    void copy() {
        clipboard = Snippet.copy(model.lab(), model.selection());
        pasteCount = 0;
        model.statusProperty().set(clipboard.isEmpty() ? "Nothing to copy: select nodes first"
                : "Copied " + count(clipboard.nodes().size(), "node"));
    }

    void paste() {
        if (clipboard.isEmpty()) {
            model.statusProperty().set("Nothing to paste: copy nodes first (Ctrl+C)");
            return;
        }
        pasteCount++;
        var edit = clipboard.pasteInto(model.lab(), 40 * pasteCount, 40 * pasteCount, "Paste " + count(clipboard.nodes().size(), "node"));
        if (model.perform(edit)) {
            model.select(edit.nodes().stream().map(Node::id).toList());
        }
    }

    void duplicate() {
        Snippet snippet = Snippet.copy(model.lab(), model.selection());
        if (snippet.isEmpty()) {
            model.statusProperty().set("Nothing to duplicate: select nodes first");
            return;
        }
        var edit = snippet.pasteInto(model.lab(), 40, 40, "Duplicate " + count(snippet.nodes().size(), "node"));
        if (model.perform(edit)) {
            model.select(edit.nodes().stream().map(Node::id).toList());
        }
    }

    void deleteSelection() {
        Set<String> selection = model.selection();
        if (selection.isEmpty()) {
            return;
        }
        RemoveElements remove = new RemoveElements(model.lab(), selection);
        if (!remove.isEmpty()) {
            model.perform(remove);
        }
    }

    void selectAll() {
        model.select(model.lab().nodes().stream().map(Node::id).toList());
    }

    void renameSelection() {
        if (model.selection().size() == 1) {
            canvas.startRename(model.selection().iterator().next());
        }
    }

    /** Moves the selected nodes (not VMs, which sit in their data center) by (dx, dy): one step per key press. */
    private void nudge(double dx, double dy) {
        Map<String, Position> from = new HashMap<>();
        Map<String, Position> to = new HashMap<>();
        for (String id : model.selection()) {
            model.lab().node(id).filter(n -> !(n instanceof Vm)).ifPresent(n -> {
                from.put(id, n.position());
                to.put(id, n.position().translate(dx, dy));
            });
        }
        if (!from.isEmpty()) {
            model.perform(new MoveNodes(from, to));
        }
    }

    /** The keys the canvas takes while it has the focus: Escape, Backspace, the arrows. */
    void canvasKeys(KeyEvent e) {
        if (!canvas.isFocused()) {
            return;
        }
        if (e.getCode() == KeyCode.ESCAPE) {
            if (canvas.connectModeProperty().get()) {
                canvas.connectModeProperty().set(false);
            } else {
                model.select(List.of());
            }
            e.consume();
        } else if (e.getCode() == KeyCode.BACK_SPACE) {
            deleteSelection();
            e.consume();
        } else if ((e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT) && model.selection().isEmpty()
                && stepStory.test(e.getCode() == KeyCode.RIGHT ? 1 : -1)) {
            // nothing selected to nudge and a run loaded: ←/→ step through its story
            e.consume();
        } else if (e.getCode().isArrowKey() && !e.isShortcutDown()) {
            double step = CanvasView.GRID * (e.isShiftDown() ? 5 : 1);
            double dx = e.getCode() == KeyCode.LEFT ? -step : e.getCode() == KeyCode.RIGHT ? step : 0;
            double dy = e.getCode() == KeyCode.UP ? -step : e.getCode() == KeyCode.DOWN ? step : 0;
            nudge(dx, dy);
            e.consume();
        }
    }
}
