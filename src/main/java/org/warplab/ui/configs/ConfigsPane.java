package org.warplab.ui.configs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import org.warplab.config.ConfigChecks;
import org.warplab.config.ConfigGenerator;
import org.warplab.config.ConfigOptions;
import org.warplab.config.ConfigTree;
import org.warplab.config.GeneratedFile;
import org.warplab.config.StateFiles;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.ui.common.FileDialogs;
import org.warplab.ui.common.Wording;
import org.warplab.ui.common.DesignerModel;

/**
 * The Configs tab: every device's generated files for the current lab, regenerated off the FX
 * thread a moment after the lab stops changing. A device list, the device's files, a viewer with
 * simple colouring, a state chooser (before, after each migration) whose "changes" toggle shows
 * what the migration changes against the state before, copy, and export of every file to a folder
 * in the layout {@code warplab configs} writes.
 */
public final class ConfigsPane extends StackPane {

    /** A device's file in the viewer: its text in the chosen state, and (for the diff) in the state before. */
    private record Shown(String device, String relativePath, String text, String previous, String purpose) { }

    /** What the last generation gave: the files, or why there are none. */
    private record Generated(Lab lab, List<StateFiles> states, List<Problem> problems) { }

    private static final Duration DEBOUNCE = Duration.millis(300);

    private final DesignerModel model;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warplab-configs");
        t.setDaemon(true);
        return t;
    });
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private final ChoiceBox<String> stateChoice = new ChoiceBox<>();
    private final ToggleButton changes = new ToggleButton("Show changes");
    private final ListView<String> devices = new ListView<>();
    private final ListView<Shown> files = new ListView<>();
    private final ListView<LineDiff.Line> viewer = new ListView<>();
    private final Label heading = new Label();
    private final Label message = new Label();
    private final Button showProblems = new Button("Show the Problems tab");
    private final VBox messageBox = new VBox(8, message, showProblems);
    private final BorderPane content = new BorderPane();
    private final SimpleBooleanProperty generating = new SimpleBooleanProperty(this, "generating");
    private Generated generated;
    private final javafx.beans.property.BooleanProperty showing = new javafx.beans.property.SimpleBooleanProperty(true);
    /** The lab changed while the tab was hidden: generate when it shows. */
    private boolean stale;
    private long requested;

    public ConfigsPane(DesignerModel model, Runnable revealProblems) {
        this.model = model;
        getStyleClass().add("configs-pane");
        setId("configs-pane");
        stateChoice.setId("configs-state");
        stateChoice.setTooltip(new Tooltip("The lab's state: before any migration, or after each migration"));
        changes.setId("configs-diff");
        changes.setTooltip(new Tooltip("Compare with the state before this migration: added lines green, removed lines red"));
        Button copy = new Button("Copy");
        copy.setId("configs-copy");
        copy.setTooltip(new Tooltip("Copy the shown file to the clipboard"));
        copy.setOnAction(e -> copyShown());
        Button export = new Button("Export all to folder…");
        export.setId("configs-export");
        export.setTooltip(new Tooltip("Write every state's files as warplab configs does: FOLDER/STATE/DEVICE/FILE"));
        export.setOnAction(e -> chooseExportFolder());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label stateLabel = new Label("State");
        HBox bar = new HBox(8, stateLabel, stateChoice, changes, spacer, heading, copy, export);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        heading.getStyleClass().add("explanation");

        devices.setId("configs-devices");
        files.setId("configs-files");
        viewer.setId("configs-viewer");
        viewer.getStyleClass().add("config-viewer");
        files.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Shown item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.relativePath() + marker(item));
                setTooltip(empty || item == null ? null : new Tooltip(item.purpose()));
            }
        });
        viewer.setCellFactory(v -> new ConfigLineCell());
        SplitPane lists = new SplitPane(devices, files);
        lists.setOrientation(javafx.geometry.Orientation.VERTICAL);
        SplitPane split = new SplitPane(lists, viewer);
        split.setDividerPositions(0.22);
        SplitPane.setResizableWithParent(lists, false);
        content.setTop(bar);
        content.setCenter(split);

        message.setId("configs-message");
        message.setWrapText(true);
        message.getStyleClass().add("explanation");
        showProblems.setId("configs-show-problems");
        showProblems.setOnAction(e -> revealProblems.run());
        messageBox.setAlignment(javafx.geometry.Pos.CENTER);
        messageBox.setPadding(new Insets(16));
        getChildren().addAll(content, messageBox);

        devices.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> showDevice());
        files.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> showFile());
        stateChoice.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            changes.setDisable(is == null || is.equals(org.warplab.scheme.LabState.BEFORE));
            showDevice();
        });
        changes.selectedProperty().addListener(o -> showFile());
        debounce.setOnFinished(e -> generate());
        // generating a large lab's files costs CPU the canvas needs: only while the tab is shown
        model.labProperty().addListener(o -> {
            if (showing.get()) {
                debounce.playFromStart();
            } else {
                stale = true;
            }
        });
        showing.addListener((o, was, is) -> {
            if (is && stale) {
                stale = false;
                generate();
            }
        });
        showMessage("Generating the configuration files…", false);
        // after the window had its say on whether this tab is shown
        javafx.application.Platform.runLater(() -> {
            if (showing.get()) {
                generate();
            } else {
                stale = true;
            }
        });
    }

    /** Whether the tab is on screen; the window binds it to the tab's selection. */
    public javafx.beans.property.BooleanProperty showingProperty() {
        return showing;
    }

    ReadOnlyBooleanProperty generatingProperty() {
        return generating;
    }

    private static String marker(Shown item) {
        if (item.previous() == null) {
            return "";
        }
        if (item.text() == null) {
            return "  (removed)";
        }
        if (item.previous().isEmpty() && !item.text().isEmpty()) {
            return "  (new)";
        }
        return item.previous().equals(item.text()) ? "" : "  (changed)";
    }

    private void showMessage(String text, boolean problems) {
        message.setText(text);
        showProblems.setVisible(problems);
        showProblems.setManaged(problems);
        messageBox.setVisible(true);
        content.setVisible(false);
    }

    /** Generates for the current lab off the FX thread; a result for an older lab is dropped. */
    private void generate() {
        Lab lab = model.lab();
        long ticket = ++requested;
        generating.set(true);
        Task<Generated> task = new Task<>() {
            @Override
            protected Generated call() {
                List<Problem> problems = ConfigChecks.check(lab);
                if (LabValidator.hasErrors(problems)) {
                    return new Generated(lab, List.of(), problems);
                }
                return new Generated(lab, ConfigGenerator.generateAll(lab, ConfigOptions.DEFAULTS), problems);
            }
        };
        task.setOnSucceeded(e -> {
            if (ticket == requested) {
                generating.set(false);
                show(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (ticket == requested) {
                generating.set(false);
                generated = null;
                Throwable cause = task.getException();
                showMessage("The configuration files could not be generated: " + (cause == null ? "unknown error" : cause.getMessage()), false);
            }
        });
        worker.execute(task);
    }

    private void show(Generated result) {
        generated = result;
        if (result.states().isEmpty()) {
            long errors = result.problems().stream().filter(Problem::isError).count();
            if (result.lab().nodes().isEmpty()) {
                showMessage("Draw a lab first: the generated files of every device appear here.", false);
            } else {
                showMessage("Fix the problems first: the lab has " + Wording.count(errors, "error")
                        + ", and configuration files are generated only for a valid lab.", true);
            }
            return;
        }
        messageBox.setVisible(false);
        content.setVisible(true);
        String state = stateChoice.getValue();
        List<String> names = result.states().stream().map(StateFiles::state).toList();
        stateChoice.getItems().setAll(names);
        stateChoice.setValue(names.contains(state) ? state : names.get(0));
        String device = devices.getSelectionModel().getSelectedItem();
        Set<String> deviceIds = new LinkedHashSet<>();
        result.states().forEach(s -> s.files().forEach(f -> deviceIds.add(f.device())));
        devices.getItems().setAll(deviceIds);
        if (device != null && deviceIds.contains(device)) {
            devices.getSelectionModel().select(device);
        } else if (!deviceIds.isEmpty()) {
            devices.getSelectionModel().select(0);
        }
        showDevice();
        long count = result.states().stream().mapToLong(s -> s.files().size()).sum();
        heading.setText(result.lab().scheme().label() + " · " + Wording.count(deviceIds.size(), "device") + " · " + Wording.count(count, "file") + " in "
                + result.states().size() + " states");
    }

    private Optional<StateFiles> state(String name) {
        if (generated == null || name == null) {
            return Optional.empty();
        }
        return generated.states().stream().filter(s -> s.state().equals(name)).findFirst();
    }

    /** The state a migration's "after" is compared with: the state listed just before it. */
    private Optional<StateFiles> previousState(String name) {
        if (generated == null) {
            return Optional.empty();
        }
        List<StateFiles> all = generated.states();
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).state().equals(name)) {
                return Optional.of(all.get(i - 1));
            }
        }
        return Optional.empty();
    }

    private void showDevice() {
        String device = devices.getSelectionModel().getSelectedItem();
        Optional<StateFiles> current = state(stateChoice.getValue());
        if (device == null || current.isEmpty()) {
            files.getItems().clear();
            return;
        }
        Optional<StateFiles> previous = previousState(current.get().state());
        Map<String, Shown> byPath = new LinkedHashMap<>();
        for (GeneratedFile f : current.get().files()) {
            if (f.device().equals(device)) {
                byPath.put(f.relativePath(), new Shown(device, f.relativePath(), f.content(), previous.isPresent() ? "" : null, f.purpose()));
            }
        }
        if (previous.isPresent()) {
            for (GeneratedFile f : previous.get().files()) {
                if (f.device().equals(device)) {
                    Shown now = byPath.get(f.relativePath());
                    byPath.put(f.relativePath(), now == null ? new Shown(device, f.relativePath(), null, f.content(), f.purpose())
                            : new Shown(device, f.relativePath(), now.text(), f.content(), now.purpose()));
                }
            }
        }
        String selected = files.getSelectionModel().getSelectedItem() == null ? null : files.getSelectionModel().getSelectedItem().relativePath();
        files.getItems().setAll(new ArrayList<>(byPath.values()));
        int index = 0;
        for (int i = 0; i < files.getItems().size(); i++) {
            if (files.getItems().get(i).relativePath().equals(selected)) {
                index = i;
            }
        }
        if (!files.getItems().isEmpty()) {
            files.getSelectionModel().select(index);
        }
        showFile();
    }

    private void showFile() {
        Shown shown = files.getSelectionModel().getSelectedItem();
        if (shown == null) {
            viewer.getItems().clear();
            return;
        }
        boolean diff = changes.isSelected() && !changes.isDisabled() && shown.previous() != null;
        String text = shown.text() == null ? "" : shown.text();
        if (diff) {
            viewer.getItems().setAll(LineDiff.diff(shown.previous(), text));
        } else {
            List<LineDiff.Line> lines = new ArrayList<>();
            for (String line : LineDiff.lines(text)) {
                lines.add(new LineDiff.Line(LineDiff.Change.SAME, line));
            }
            viewer.getItems().setAll(lines);
        }
    }

    /** The text of the file shown now (in the chosen state), for copy and tests. */
    String shownText() {
        Shown shown = files.getSelectionModel().getSelectedItem();
        return shown == null || shown.text() == null ? "" : shown.text();
    }

    private void copyShown() {
        ClipboardContent clip = new ClipboardContent();
        clip.putString(shownText());
        Clipboard.getSystemClipboard().setContent(clip);
        Shown shown = files.getSelectionModel().getSelectedItem();
        model.statusProperty().set(shown == null ? "No file to copy" : "Copied " + shown.device() + "/" + shown.relativePath());
    }

    private void chooseExportFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export every generated file to a folder");
        var chosen = FileDialogs.folder(chooser, model.fileProperty().get(), getScene() == null ? null : getScene().getWindow());
        if (chosen.isEmpty()) {
            return;
        }
        Path dir = chosen.get();
        try {
            if (ConfigTree.isNonEmptyDirectory(dir) && !confirmNonEmpty(dir)) {
                return;
            }
        } catch (IOException e) {
            model.statusProperty().set("Cannot read " + dir + ": " + e.getMessage());
            return;
        }
        exportTo(dir);
    }

    private boolean confirmNonEmpty(Path dir) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        if (getScene() != null) {
            ask.initOwner(getScene().getWindow());
        }
        ask.setTitle(Wording.APP_NAME);
        ask.setHeaderText(dir + " is not empty. Write the files into it anyway?");
        ask.setContentText("Files with the same names are replaced; other files stay, which can mix old and new configurations.");
        ask.getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        return ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    /** Writes every state's files under {@code dir} (the caller has dealt with a non-empty folder); false, with the reason in the status, when it cannot. */
    boolean exportTo(Path dir) {
        if (generated == null || generated.states().isEmpty()) {
            model.statusProperty().set("Nothing to export: fix the lab's problems first");
            return false;
        }
        try {
            int written = ConfigTree.write(generated.states(), dir);
            model.statusProperty().set("Exported " + Wording.count(written, "file") + " to " + dir);
            return true;
        } catch (IOException e) {
            model.statusProperty().set("Could not export to " + dir + ": " + e.getMessage());
            return false;
        }
    }

    /** One line of the viewer: coloured tokens, and a background when the diff marks it added or removed. */
    private static final class ConfigLineCell extends ListCell<LineDiff.Line> {
        @Override
        protected void updateItem(LineDiff.Line item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("line-added", "line-removed");
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            String sign = item.change() == LineDiff.Change.ADDED ? "+ " : item.change() == LineDiff.Change.REMOVED ? "- " : "  ";
            if (item.change() == LineDiff.Change.ADDED) {
                getStyleClass().add("line-added");
            } else if (item.change() == LineDiff.Change.REMOVED) {
                getStyleClass().add("line-removed");
            }
            TextFlow flow = new TextFlow();
            Text marker = new Text(sign);
            marker.getStyleClass().addAll("config-text", "config-sign");
            flow.getChildren().add(marker);
            for (ConfigSyntax.Token token : ConfigSyntax.tokens(item.text())) {
                Text t = new Text(token.text());
                t.getStyleClass().addAll("config-text", "config-" + token.kind().name().toLowerCase(java.util.Locale.ROOT));
                flow.getChildren().add(t);
            }
            setText(null);
            setGraphic(flow);
        }
    }
}
