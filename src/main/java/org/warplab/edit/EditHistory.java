package org.warplab.edit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.warplab.model.Lab;

/**
 * The document's lab and the edits that made it: undo and redo stacks, and a saved mark so the
 * document knows whether it has changes to lose. Not re-entrant: a listener that performs an edit
 * while being told of one is refused, so one gesture stays one step.
 */
public final class EditHistory {

    private final Deque<Edit> undoStack = new ArrayDeque<>();
    private final Deque<Edit> redoStack = new ArrayDeque<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private Lab lab;
    /** How many edits from the bottom of the undo stack the saved lab had; -1 when no state on the stacks is saved. */
    private int savedDepth;
    private boolean notifying;

    public EditHistory(Lab lab) {
        this.lab = Objects.requireNonNull(lab, "lab");
        this.savedDepth = 0;
    }

    public Lab lab() {
        return lab;
    }

    /** Applies {@code edit} to the current lab and records it. */
    public Lab perform(Edit edit) {
        requireNotNotifying();
        Lab next = edit.apply(lab);
        if (next.equals(lab)) {
            return lab;
        }
        if (savedDepth > undoStack.size()) {
            savedDepth = -1; // the saved state was on the redo stack, which this edit discards
        }
        lab = next;
        undoStack.push(edit);
        redoStack.clear();
        fire();
        return lab;
    }

    public boolean canUndo() {
        return !undoStack.isEmpty();
    }

    public boolean canRedo() {
        return !redoStack.isEmpty();
    }

    public Optional<String> undoName() {
        return Optional.ofNullable(undoStack.peek()).map(Edit::name);
    }

    public Optional<String> redoName() {
        return Optional.ofNullable(redoStack.peek()).map(Edit::name);
    }

    public void undo() {
        requireNotNotifying();
        if (undoStack.isEmpty()) {
            throw new IllegalStateException("nothing to undo");
        }
        Edit edit = undoStack.pop();
        lab = edit.undo(lab);
        redoStack.push(edit);
        fire();
    }

    public void redo() {
        requireNotNotifying();
        if (redoStack.isEmpty()) {
            throw new IllegalStateException("nothing to redo");
        }
        Edit edit = redoStack.pop();
        lab = edit.apply(lab);
        undoStack.push(edit);
        fire();
    }

    /** Starts over with {@code lab} (a new or opened document): no history, nothing unsaved. */
    public void reset(Lab lab) {
        requireNotNotifying();
        this.lab = Objects.requireNonNull(lab, "lab");
        undoStack.clear();
        redoStack.clear();
        savedDepth = 0;
        fire();
    }

    /** The current lab is what the file holds now. */
    public void markSaved() {
        savedDepth = undoStack.size();
        fire();
    }

    /** Whether the lab differs from the saved one by the edits on the stacks. */
    public boolean isDirty() {
        return savedDepth != undoStack.size();
    }

    public int undoDepth() {
        return undoStack.size();
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void requireNotNotifying() {
        if (notifying) {
            throw new IllegalStateException("an edit was started while the history was announcing another one");
        }
    }

    private void fire() {
        notifying = true;
        try {
            for (Runnable listener : List.copyOf(listeners)) {
                listener.run();
            }
        } finally {
            notifying = false;
        }
    }
}
