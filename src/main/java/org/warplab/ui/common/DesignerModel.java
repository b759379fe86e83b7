package org.warplab.ui.common;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.warplab.edit.Edit;
import org.warplab.edit.EditHistory;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;

/**
 * The designer's view-model: the document's lab (replaced on every edit, never mutated), its file,
 * whether it has unsaved changes, what is selected, and the lab's problems. Views bind to these
 * properties and change the lab only through {@link #perform(Edit)}.
 */
public final class DesignerModel {

    private final EditHistory history;
    private final ObjectProperty<Lab> lab;
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final BooleanProperty dirty = new SimpleBooleanProperty(this, "dirty");
    private final BooleanProperty canUndo = new SimpleBooleanProperty(this, "canUndo");
    private final BooleanProperty canRedo = new SimpleBooleanProperty(this, "canRedo");
    private final StringProperty undoLabel = new SimpleStringProperty(this, "undoLabel", "Undo");
    private final StringProperty redoLabel = new SimpleStringProperty(this, "redoLabel", "Redo");
    private final ObjectProperty<Set<String>> selection = new SimpleObjectProperty<>(this, "selection", Set.of());
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanProperty linkLabels = new SimpleBooleanProperty(this, "linkLabels", true);

    public DesignerModel(Lab initial) {
        history = new EditHistory(initial);
        lab = new SimpleObjectProperty<>(this, "lab", initial);
        history.addListener(this::sync);
        sync();
    }

    private void sync() {
        Lab current = history.lab();
        lab.set(current);
        dirty.set(history.isDirty());
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        undoLabel.set(history.undoName().map(n -> "Undo " + n).orElse("Undo"));
        redoLabel.set(history.redoName().map(n -> "Redo " + n).orElse("Redo"));
        problems.setAll(checkedBefore != null && checkedBefore.loaded().lab() == current ? checkedBefore.problems() : LabValidator.validate(current));
        Set<String> kept = selection.get().stream().filter(current::hasId).collect(Collectors.toCollection(LinkedHashSet::new));
        if (kept.size() != selection.get().size()) {
            selection.set(Set.copyOf(kept));
        }
    }

    public Lab lab() {
        return lab.get();
    }

    public ReadOnlyObjectProperty<Lab> labProperty() {
        return lab;
    }

    /** Does the user's gesture; a refused edit leaves the lab alone and says why in the status. */
    public boolean perform(Edit edit) {
        try {
            history.perform(edit);
            status.set(edit.name());
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            status.set(edit.name() + " refused: " + e.getMessage());
            return false;
        }
    }

    public void undo() {
        if (history.canUndo()) {
            String name = history.undoName().orElse("");
            history.undo();
            status.set("Undid " + name);
        }
    }

    public void redo() {
        if (history.canRedo()) {
            String name = history.redoName().orElse("");
            history.redo();
            status.set("Redid " + name);
        }
    }

    /** The document came from a file of an older format version, not yet saved in the current one. */
    private boolean olderFormatOpened;

    /** Replaces the document: a new or opened lab, no history, nothing unsaved. */
    public void replaceDocument(Lab next, Path path) {
        selection.set(Set.of());
        file.set(path);
        history.reset(next);
        documents.set(documents.get() + 1);
    }

    /** Counts replaced documents (new, opened, recovered): views of a run listen to it, since a result belongs to its lab. */
    private final javafx.beans.property.IntegerProperty documents = new javafx.beans.property.SimpleIntegerProperty(this, "documents");

    public javafx.beans.property.ReadOnlyIntegerProperty documentsProperty() {
        return documents;
    }

    /** Opens a lab file; one of an older format version says, in the status bar, what saving it will change. */
    public Lab open(Path path) throws LabFileException {
        return open(CheckedLab.read(path));
    }

    /** Opens a lab file already read and checked (perhaps on another thread); its file becomes the document's. */
    public Lab open(CheckedLab checked) {
        LoadedLab loaded = checked.loaded();
        Path path = loaded.file();
        replaceChecked(checked, path);
        olderFormatOpened = loaded.upgradeNotice().isPresent();
        status.set("Opened " + path + loaded.upgradeNotice().map(n -> " — " + n).orElse(""));
        return loaded.lab();
    }

    /** The lab whose problems are known already, so that opening it does not check it a second time. */
    private CheckedLab checkedBefore;

    private void replaceChecked(CheckedLab checked, Path path) {
        checkedBefore = checked;
        try {
            replaceDocument(checked.loaded().lab(), path);
        } finally {
            checkedBefore = null;
        }
    }

    /**
     * Opens a lab file as a new, unsaved document (a shipped sample, or a file this user cannot
     * write): Save then asks where to keep it, so the original is never overwritten.
     */
    public Lab openCopy(Path path) throws LabFileException {
        return openCopy(CheckedLab.read(path));
    }

    /** {@link #openCopy(Path)} of a lab file already read and checked. */
    public Lab openCopy(CheckedLab checked) {
        LoadedLab loaded = checked.loaded();
        replaceChecked(checked, null);
        olderFormatOpened = loaded.upgradeNotice().isPresent();
        status.set("Opened a copy of " + loaded.file().getFileName() + ": the original stays as it is; Save asks where to keep your copy");
        return loaded.lab();
    }

    /** Saves atomically to {@code path}, which becomes the document's file. */
    public void save(Path path) throws IOException {
        LabFiles.save(path, history.lab());
        file.set(path);
        history.markSaved();
        status.set("Saved " + path + (olderFormatOpened ? " in format version " + LabFiles.FORMAT_VERSION : ""));
        olderFormatOpened = false;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty;
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo;
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo;
    }

    public StringProperty undoLabelProperty() {
        return undoLabel;
    }

    public StringProperty redoLabelProperty() {
        return redoLabel;
    }

    public ObjectProperty<Set<String>> selectionProperty() {
        return selection;
    }

    public Set<String> selection() {
        return selection.get();
    }

    public void select(Collection<String> ids) {
        selection.set(Set.copyOf(new LinkedHashSet<>(ids)));
    }

    public void select(String id) {
        select(List.of(id));
    }

    public ObservableList<Problem> problems() {
        return problems;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty linkLabelsProperty() {
        return linkLabels;
    }
}
