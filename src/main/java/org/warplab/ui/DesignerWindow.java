package org.warplab.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.warplab.io.FileProblem;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.run.Runtimes;
import org.warplab.ui.canvas.CanvasView;
import org.warplab.ui.canvas.Exporter;
import org.warplab.ui.common.CheckedLab;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.common.FileDialogs;
import org.warplab.ui.common.Theme;
import org.warplab.ui.configs.ConfigsPane;
import org.warplab.ui.designer.Palette;
import org.warplab.ui.run.ComparePane;
import org.warplab.ui.run.RunPane;
import org.warplab.ui.run.SweepPane;
import static org.warplab.ui.common.Wording.APP_NAME;

/**
 * The designer's main window: palette, canvas, the side and bottom tabs ({@link DesignerTabs}),
 * menus, toolbar and status bar ({@link DesignerMenus}); and the document's life: new, open, save,
 * recent files, sample labs, the prompt before losing changes, autosave to a recovery file and its
 * restore.
 */
public final class DesignerWindow {

    static final double PREFERRED_WIDTH = 1360;
    static final double PREFERRED_HEIGHT = 860;

    private static final Duration AUTOSAVE_EVERY = Duration.seconds(30);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Stage stage;
    private final DesignerSettings settings;
    private final Path recoveryFile;
    private final DesignerModel model = new DesignerModel(Lab.empty("Untitled lab"));
    private final CanvasView canvas = new CanvasView(model);
    private final BorderPane root = new BorderPane();
    private final DesignerTabs tabs;
    private final DesignerMenus menus;
    private final SidePanels sidePanels;

    public DesignerWindow(Stage stage, DesignerSettings settings, Path recoveryFile, Runtimes runtimes) {
        this.stage = stage;
        this.settings = settings;
        this.recoveryFile = recoveryFile;
        FileDialogs.configure(settings.lastFolder(), settings::setLastFolder, SampleLabs::isShippedFolder);
        Pane overlay = new Pane();
        overlay.setMouseTransparent(true);
        overlay.setPickOnBounds(false);

        tabs = new DesignerTabs(model, canvas, runtimes);
        StartupTrace.mark("inspector and problems built (the other tabs when first shown)");
        EditCommands edits = new EditCommands(model, canvas, delta -> tabs.runPaneIfBuilt().map(run -> run.stepStory(delta)).orElse(false));

        Palette palette = new Palette(canvas, overlay);
        palette.setPrefWidth(190);
        palette.setMinWidth(170);
        SplitPane middle = new SplitPane(canvas, tabs.bottom());
        middle.setOrientation(Orientation.VERTICAL);
        middle.setId("middle-split");
        middle.setDividerPositions(0.76);
        tabs.keepReadableIn(middle);
        SplitPane.setResizableWithParent(tabs.bottom(), false);
        SplitPane main = new SplitPane(palette, middle, tabs.side());
        main.setId("main-split");
        main.setDividerPositions(0.14, 0.72);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(tabs.side(), false);
        sidePanels = new SidePanels(main, palette, tabs.side());
        sidePanels.makeRoomForRunViews(tabs.bottom(), tabs::isRunView, tabs.side(), tabs::lessonShown, stage, model);
        menus = new DesignerMenus(this, tabs, edits, settings);

        canvas.setId("canvas");
        root.setTop(new VBox(menus.menuBar(), menus.toolBar()));
        root.setCenter(main);
        root.setBottom(menus.statusBar());
        root.getStyleClass().add("designer");
        StartupTrace.mark("menus and toolbar built");

        // the preferred size, but never larger than the screen it opens on (a laptop, a projector)
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(new StackPane(root, overlay), Math.min(PREFERRED_WIDTH, screen.getWidth()),
                Math.min(PREFERRED_HEIGHT, screen.getHeight()));
        scene.getStylesheets().add(DesignerWindow.class.getResource("designer.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, edits::canvasKeys);
        // the other usual redo key, beside the menu's Ctrl+Shift+Z
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Y"), DesignerMenus.notWhileTyping(stage, model::redo));
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(this::title, model.dirtyProperty(), model.fileProperty(), model.labProperty()));
        stage.setOnCloseRequest(e -> {
            Optional<RunPane> running = tabs.runPaneIfBuilt().filter(RunPane::isRunning);
            if (running.isPresent()) {
                // a live run's namespaces, agents and QEMU must go before the window does
                e.consume();
                if (confirmStopRun(running.get().isRunningLive())) {
                    running.get().stopRunThen(() -> {
                        if (confirmDiscard("closing")) {
                            deleteRecovery();
                            stage.close();
                        }
                    });
                }
            } else if (!confirmDiscard("closing")) {
                e.consume();
            } else {
                deleteRecovery();
            }
        });
        setDark(settings.darkTheme());
        menus.refreshRecent();
        Timeline autosave = new Timeline(new KeyFrame(AUTOSAVE_EVERY, e -> autosave()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();
        // the window's life ends when its stage closes or shows another scene
        stage.sceneProperty().addListener((o, was, is) -> {
            if (is != scene) {
                autosave.stop();
            }
        });
        stage.setOnHidden(e -> autosave.stop());
    }

    public DesignerModel model() {
        return model;
    }

    public CanvasView canvas() {
        return canvas;
    }

    public Stage stage() {
        return stage;
    }

    /** The Configs view (built now if its tab was never shown). */
    public ConfigsPane configsPane() {
        return tabs.configsPane();
    }

    /** The Run view (built now if its tab was never shown). */
    public RunPane runPane() {
        return tabs.runPane();
    }

    /** The Compare view (built now if its tab was never shown). */
    public ComparePane comparePane() {
        return tabs.comparePane();
    }

    /** The Sweep view (built now if its tab was never shown). */
    public SweepPane sweepPane() {
        return tabs.sweepPane();
    }

    /** Shows the Run tab and starts a run of the lab as it is. */
    public void runLab() {
        tabs.showRun();
        RunPane run = tabs.runPane();
        if (!run.isRunning()) {
            run.startRunFromToolbar();
        }
    }

    /** Whether the palette and the side tabs are beside the canvas (View ▸ Side Panels). */
    public BooleanProperty sidePanelsShownProperty() {
        return sidePanels.shownProperty();
    }

    public TabPane bottomTabs() {
        return tabs.bottom();
    }

    /** Selects {@code id} and shows it: on the canvas, or in the plan. */
    public void reveal(String id) {
        tabs.reveal(id);
    }

    private String title() {
        Path file = model.fileProperty().get();
        String doc = file == null ? model.lab().name() : file.getFileName().toString();
        return (model.isDirty() ? "• " : "") + doc + " — " + APP_NAME;
    }

    void setDark(boolean dark) {
        menus.setDarkChecked(dark);
        root.getStyleClass().remove("dark");
        if (dark) {
            root.getStyleClass().add("dark");
        }
        if (stage.getScene() != null) {
            stage.getScene().getRoot().getStyleClass().remove("dark");
            if (dark) {
                stage.getScene().getRoot().getStyleClass().add("dark");
            }
        }
        canvas.themeProperty().set(dark ? Theme.DARK : Theme.LIGHT);
        settings.setDarkTheme(dark);
    }

    void showHelp() {
        Alert help = new Alert(Alert.AlertType.INFORMATION);
        help.initOwner(stage);
        help.setTitle("How to draw a lab");
        help.setHeaderText("Drawing a migration lab");
        help.setContentText("""
                1. Drag two data centers, the routers and a client from the palette onto the canvas.
                2. Drag a VM into the data center where it starts.
                3. Press C (Connect) and drag from node to node: data center–router and client–router make LAN links, \
                router–router WAN links (with a /30 each), data center–data center the management link.
                4. In the Scheme tab choose network paging, segmentation or Mobile IPv6 and check its settings.
                5. In the Plan tab add a migration and a probe.
                6. The Problems tab lists what is still wrong; click a problem to jump to it.
                Select with a click, Shift-click or a rubber band; move by dragging; double-click to rename; \
                the mouse wheel zooms, the right button pans.""");
        help.showAndWait();
    }

    // ---- documents

    /** Asks before changes are lost; true when the caller may go on. */
    private boolean confirmStopRun(boolean live) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(stage);
        ask.setTitle(APP_NAME);
        ask.setHeaderText(live ? "A live run is going on. Stop it and close?" : "A run is going on. Stop it and close?");
        ask.setContentText(live ? "Its namespaces, agents and VMs are torn down first; this takes a moment, then the window closes."
                : "Its results are lost.");
        ButtonType stop = new ButtonType("Stop and Close", ButtonBar.ButtonData.OK_DONE);
        ask.getButtonTypes().setAll(stop, ButtonType.CANCEL);
        return ask.showAndWait().filter(stop::equals).isPresent();
    }

    boolean confirmDiscard(String doing) {
        if (!model.isDirty()) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(stage);
        ask.setTitle(APP_NAME);
        ask.setHeaderText("Save the changes to " + title().replace("• ", "").replace(" — " + APP_NAME, "") + " before " + doing + "?");
        ask.setContentText("Your changes will be lost if you don't save them.");
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        ask.getButtonTypes().setAll(save, discard, ButtonType.CANCEL);
        Optional<ButtonType> answer = ask.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return false;
        }
        if (answer.get() == save) {
            return save();
        }
        return true;
    }

    public void newDocument() {
        if (confirmDiscard("starting a new lab")) {
            model.replaceDocument(Lab.empty("Untitled lab"), null);
            deleteRecovery();
            model.statusProperty().set("New lab: drag a data center from the palette to start");
            canvas.fit();
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("WarpLab labs (*" + LabFiles.EXTENSION + ")", "*" + LabFiles.EXTENSION));
        return chooser;
    }

    void openWithChooser() {
        if (!confirmDiscard("opening another lab")) {
            return;
        }
        FileDialogs.open(chooser("Open a lab"), model.fileProperty().get(), stage).ifPresent(this::open);
    }

    /** Opens {@code file} (without asking about unsaved changes); false, with the reasons shown, when it cannot. */
    public boolean open(Path file) {
        return open(file, Optional.empty());
    }

    /** {@link #open(Path)}, with the file already read and checked when {@code preread} has it. */
    boolean open(Path file, Optional<LabPreread> preread) {
        try {
            CheckedLab checked = preread.isPresent() ? preread.get().of(file).orElse(null) : null;
            if (checked == null) {
                checked = CheckedLab.read(file);
            }
            if (SampleLabs.opensAsCopy(file)) {
                model.openCopy(checked);
            } else {
                model.open(checked);
            }
            settings.opened(file);
            menus.refreshRecent();
            deleteRecovery();
            canvas.fit();
            return true;
        } catch (LabFileException e) {
            showFileProblems(file, e.problems());
            return false;
        }
    }

    private void showFileProblems(Path file, List<FileProblem> problems) {
        List<String> lines = new ArrayList<>();
        for (FileProblem p : problems) {
            lines.add(p.toString());
        }
        model.statusProperty().set("Could not open " + file + ": " + (lines.isEmpty() ? "unknown reason" : lines.get(0)));
        if (stage.isShowing()) {
            Alert alert = new Alert(Alert.AlertType.ERROR);
            alert.initOwner(stage);
            alert.setTitle(APP_NAME);
            alert.setHeaderText("Could not open " + file.getFileName());
            alert.setContentText(String.join("\n", lines));
            alert.show();
        }
    }

    boolean save() {
        Path file = model.fileProperty().get();
        if (file == null) {
            return saveAs();
        }
        return saveTo(file);
    }

    boolean saveAs() {
        FileChooser chooser = chooser("Save the lab as");
        chooser.setInitialFileName(model.lab().name().replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("(^-|-$)", "").toLowerCase(java.util.Locale.ROOT)
                + LabFiles.EXTENSION);
        var chosen = FileDialogs.save(chooser, model.fileProperty().get(), stage);
        if (chosen.isEmpty()) {
            return false;
        }
        Path file = chosen.get();
        if (!file.getFileName().toString().endsWith(LabFiles.EXTENSION)) {
            file = file.resolveSibling(file.getFileName() + LabFiles.EXTENSION);
        }
        return saveTo(file);
    }

    /** Saves to {@code file} atomically; it becomes the document's file. */
    public boolean saveTo(Path file) {
        try {
            model.save(file);
            settings.opened(file);
            menus.refreshRecent();
            deleteRecovery();
            return true;
        } catch (IOException e) {
            model.statusProperty().set("Could not save " + file + ": " + e.getMessage());
            Alert alert = new Alert(Alert.AlertType.ERROR, "Could not save " + file + ":\n" + e.getMessage()
                    + "\nCheck that the folder exists and is writable, or choose Save As.");
            alert.initOwner(stage);
            alert.show();
            return false;
        }
    }

    void quit() {
        if (confirmDiscard("quitting")) {
            deleteRecovery();
            stage.close();
        }
    }

    /** The sample labs that ship with WarpLab (see {@link SampleLabs}). */
    public static List<Path> sampleLabs() {
        return SampleLabs.list();
    }

    void export(String format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the drawing as " + format.toUpperCase(java.util.Locale.ROOT));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.toUpperCase(java.util.Locale.ROOT), "*." + format));
        Path file = model.fileProperty().get();
        String base = file == null ? "lab" : file.getFileName().toString().replace(LabFiles.EXTENSION, "");
        chooser.setInitialFileName(base + "." + format);
        FileDialogs.save(chooser, file, stage).ifPresent(chosen -> exportTo(chosen, format));
    }

    /** Writes the drawing to {@code file} as "png" or "svg". */
    public boolean exportTo(Path file, String format) {
        try {
            if (format.equals("png")) {
                Exporter.png(model.lab(), canvas.currentTheme(), model.linkLabelsProperty().get(), file);
            } else {
                Exporter.svg(model.lab(), canvas.currentTheme(), model.linkLabelsProperty().get(), file);
            }
            model.statusProperty().set("Exported " + file);
            return true;
        } catch (IOException e) {
            model.statusProperty().set("Could not export " + file + ": " + e.getMessage());
            return false;
        }
    }

    // ---- recovery

    /** Writes the unsaved lab to the recovery file, so a crash loses at most one autosave period. */
    void autosave() {
        if (recoveryFile == null || !model.isDirty()) {
            return;
        }
        try {
            LabFiles.writeAtomically(recoveryFile, LabFiles.toJson(model.lab()).getBytes(StandardCharsets.UTF_8));
            Path file = model.fileProperty().get();
            settings.setRecoveryOf(file == null ? "" : file.toAbsolutePath().toString());
        } catch (IOException e) {
            model.statusProperty().set("Autosave failed (" + recoveryFile + "): " + e.getMessage());
        }
    }

    private void deleteRecovery() {
        if (recoveryFile != null) {
            try {
                Files.deleteIfExists(recoveryFile);
            } catch (IOException e) {
                model.statusProperty().set("Could not remove the recovery file " + recoveryFile + ": " + e.getMessage());
            }
        }
    }

    /** After a crash: offers the recovery file's lab; true when the user took it. */
    boolean offerRecovery() {
        if (recoveryFile == null || !Files.isRegularFile(recoveryFile)) {
            return false;
        }
        String of = settings.recoveryOf();
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(stage);
        ask.setTitle(APP_NAME);
        String when;
        try {
            when = TIME.format(Instant.ofEpochMilli(Files.getLastModifiedTime(recoveryFile).toMillis()));
        } catch (IOException e) {
            when = "an earlier session";
        }
        ask.setHeaderText("WarpLab did not close properly. Restore the unsaved changes from " + when + "?");
        ask.setContentText((of.isEmpty() ? "They belong to a new, unsaved lab." : "They belong to " + of + ".")
                + "\nRestore opens them as unsaved changes; Discard deletes them.");
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        ask.getButtonTypes().setAll(restore, discard);
        Optional<ButtonType> answer = ask.showAndWait();
        if (answer.isPresent() && answer.get() == restore) {
            return restoreRecovery(of);
        }
        deleteRecovery();
        return false;
    }

    /** Loads the recovery file as the unsaved state of {@code of} ("" for a new lab). */
    boolean restoreRecovery(String of) {
        try {
            Lab recovered = LabFiles.load(recoveryFile).lab();
            Path original = of.isEmpty() ? null : Path.of(of);
            Lab base = Lab.empty("Untitled lab");
            if (original != null && Files.isRegularFile(original)) {
                base = LabFiles.load(original).lab();
            }
            model.replaceDocument(base, original);
            model.perform(new org.warplab.edit.ReplaceLab("Restore unsaved changes", base, recovered));
            return true;
        } catch (LabFileException e) {
            showFileProblems(recoveryFile, e.problems());
            return false;
        }
    }
}
