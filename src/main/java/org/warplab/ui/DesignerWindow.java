package org.warplab.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.warplab.edit.RemoveElements;
import org.warplab.edit.Snippet;
import org.warplab.io.FileProblem;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.run.Runtimes;
import static org.warplab.ui.common.Wording.APP_NAME;
import static org.warplab.ui.common.Wording.count;
import org.warplab.model.Lab;
import org.warplab.model.Problem;
import org.warplab.ui.canvas.CanvasView;
import org.warplab.ui.canvas.Exporter;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.common.FileDialogs;
import org.warplab.ui.common.Theme;
import org.warplab.ui.configs.ConfigsPane;
import org.warplab.ui.designer.InspectorPane;
import org.warplab.ui.designer.Palette;
import org.warplab.ui.designer.PlanPane;
import org.warplab.ui.designer.ProblemsPane;
import org.warplab.ui.designer.SchemePane;
import org.warplab.ui.lesson.LessonPane;
import org.warplab.ui.run.ComparePane;
import org.warplab.ui.run.RunPane;
import org.warplab.ui.run.SweepPane;

/**
 * The designer's main window: menus and toolbar, palette, canvas, inspector/scheme/plan tabs,
 * problems and configs tabs, status bar; and the document's life: new, open, save, recent files,
 * sample labs, the prompt before losing changes, autosave to a recovery file and its restore.
 */
public final class DesignerWindow {

    static final double PREFERRED_WIDTH = 1360;
    static final double PREFERRED_HEIGHT = 860;

    private static final Duration AUTOSAVE_EVERY = Duration.seconds(30);
    /** The bottom area's height below which a run, compare or sweep view cannot show its chart and readout. */
    static final double RUN_VIEW_MIN_HEIGHT = 330;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Stage stage;
    private final DesignerSettings settings;
    private final Path recoveryFile;
    private final DesignerModel model = new DesignerModel(Lab.empty("Untitled lab"));
    private final CanvasView canvas = new CanvasView(model);
    private final BorderPane root = new BorderPane();
    private final TabPane sideTabs = new TabPane();
    private final Tab planTab;
    private final Tab inspectorTab;
    private final Tab schemeTab;
    private final Tab problemsTab;
    private final TabPane bottomTabs = new TabPane();
    private final ConfigsPane configsPane;
    private final RunPane runPane;
    private final Tab runTab;
    private final ComparePane comparePane;
    private final SweepPane sweepPane;
    private final Menu recentMenu = new Menu("Open _Recent");
    private final CheckMenuItem darkItem = new CheckMenuItem("_Dark Theme");
    private Snippet clipboard = new Snippet(List.of(), List.of());
    private int pasteCount;

    public DesignerWindow(Stage stage, DesignerSettings settings, Path recoveryFile, Runtimes runtimes) {
        this.stage = stage;
        this.settings = settings;
        this.recoveryFile = recoveryFile;
        FileDialogs.configure(settings.lastFolder(), settings::setLastFolder, SampleLabs::isShippedFolder);
        Pane overlay = new Pane();
        overlay.setMouseTransparent(true);
        overlay.setPickOnBounds(false);

        InspectorPane inspector = new InspectorPane(model);
        SchemePane scheme = new SchemePane(model);
        PlanPane plan = new PlanPane(model);
        inspectorTab = new Tab("Inspector", inspector);
        schemeTab = new Tab("Scheme", scheme);
        planTab = new Tab("Plan", plan);
        inspectorTab.setId("tab-inspector");
        schemeTab.setId("tab-scheme");
        planTab.setId("tab-plan");
        sideTabs.getTabs().addAll(inspectorTab, schemeTab, planTab);
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sideTabs.setId("side-tabs");
        sideTabs.setPrefWidth(360);
        sideTabs.setMinWidth(280);

        ProblemsPane problems = new ProblemsPane(model, this::reveal);
        problemsTab = new Tab("Problems", problems);
        problemsTab.textProperty().bind(Bindings.createStringBinding(() -> "Problems (" + model.problems().size() + ")", model.problems()));
        configsPane = new ConfigsPane(model, () -> bottomTabs.getSelectionModel().select(problemsTab));
        Tab configsTab = new Tab("Configs", configsPane);
        configsTab.setId("tab-configs");
        configsPane.showingProperty().bind(configsTab.selectedProperty());
        runPane = new RunPane(model, canvas, runtimes);
        runTab = new Tab("Run", runPane);
        runTab.setId("tab-run");
        Tab lessonTab = new Tab("Lesson", new LessonPane(model, runPane, runtimes, () -> bottomTabs.getSelectionModel().select(runTab)));
        lessonTab.setId("tab-lesson");
        sideTabs.getTabs().add(lessonTab);
        model.documentsProperty().addListener((o, was, is) -> {
            if (model.lab().lesson().isPresent()) {
                sideTabs.getSelectionModel().select(lessonTab); // a lab that carries a lesson opens on it
            }
        });
        comparePane = new ComparePane(model, runtimes.emulated());
        Tab compareTab = new Tab("Compare", comparePane);
        compareTab.setId("tab-compare");
        sweepPane = new SweepPane(model, runtimes.emulated());
        Tab sweepTab = new Tab("Sweep", sweepPane);
        sweepTab.setId("tab-sweep");
        bottomTabs.getTabs().addAll(problemsTab, configsTab, runTab, compareTab, sweepTab);
        bottomTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottomTabs.setId("bottom-tabs");

        Palette palette = new Palette(canvas, overlay);
        palette.setPrefWidth(190);
        palette.setMinWidth(170);
        SplitPane middle = new SplitPane(canvas, bottomTabs);
        middle.setOrientation(javafx.geometry.Orientation.VERTICAL);
        middle.setId("middle-split");
        middle.setDividerPositions(0.76);
        // the bottom area keeps the height the user gave it across tabs; only a run view that would be
        // too short to read grows, once, to its least useful height (and nothing ever shrinks it back)
        bottomTabs.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            boolean runView = is != null && (is == runTab || is.getId() != null && (is.getId().equals("tab-compare") || is.getId().equals("tab-sweep")));
            double height = middle.getHeight();
            if (runView && height > 0 && bottomTabs.getHeight() < RUN_VIEW_MIN_HEIGHT) {
                middle.setDividerPositions(Math.max(0.3, 1 - RUN_VIEW_MIN_HEIGHT / height));
            }
        });
        SplitPane.setResizableWithParent(bottomTabs, false);
        SplitPane main = new SplitPane(palette, middle, sideTabs);
        main.setDividerPositions(0.14, 0.72);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(sideTabs, false);

        canvas.setId("canvas");
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(main);
        root.setBottom(statusBar());
        root.getStyleClass().add("designer");

        // the preferred size, but never larger than the screen it opens on (a laptop, a projector)
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(new StackPane(root, overlay), Math.min(PREFERRED_WIDTH, screen.getWidth()),
                Math.min(PREFERRED_HEIGHT, screen.getHeight()));
        scene.getStylesheets().add(DesignerWindow.class.getResource("designer.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::canvasKeys);
        // the other usual redo key, beside the menu's Ctrl+Shift+Z
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Y"), notWhileTyping(model::redo));
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(this::title, model.dirtyProperty(), model.fileProperty(), model.labProperty()));
        stage.setOnCloseRequest(e -> {
            if (runPane.isRunning()) {
                // a live run's namespaces, agents and QEMU must go before the window does
                e.consume();
                if (confirmStopRun()) {
                    runPane.stopRunThen(() -> {
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
        model.selectionProperty().addListener((o, was, is) -> {
            // a lesson step selecting an element keeps the class on the Lesson tab
            if (is.size() == 1 && !lessonTab.isSelected()) {
                String id = is.iterator().next();
                Lab lab = model.lab();
                boolean planItem = lab.migrations().stream().anyMatch(m -> m.id().equals(id))
                        || lab.traffic().stream().anyMatch(f -> f.id().equals(id));
                if (planItem) {
                    sideTabs.getSelectionModel().select(planTab);
                } else if (lab.node(id).isPresent() || lab.link(id).isPresent()) {
                    sideTabs.getSelectionModel().select(inspectorTab);
                }
            }
        });
        setDark(settings.darkTheme());
        refreshRecent();
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

    public ConfigsPane configsPane() {
        return configsPane;
    }

    public RunPane runPane() {
        return runPane;
    }

    public ComparePane comparePane() {
        return comparePane;
    }

    public SweepPane sweepPane() {
        return sweepPane;
    }

    /** Shows the Run tab and starts a run of the lab as it is. */
    public void runLab() {
        bottomTabs.getSelectionModel().select(runTab);
        if (!runPane.isRunning()) {
            runPane.startRunFromToolbar();
        }
    }

    public TabPane bottomTabs() {
        return bottomTabs;
    }

    private String title() {
        Path file = model.fileProperty().get();
        String doc = file == null ? model.lab().name() : file.getFileName().toString();
        return (model.isDirty() ? "• " : "") + doc + " — " + APP_NAME;
    }

    // ---- menus and toolbar

    private MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (key != null) {
            item.setAccelerator(key);
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    /** Runs {@code action} unless the user is typing in a text field, where the keys belong to the text. */
    private Runnable notWhileTyping(Runnable action) {
        return () -> {
            Node focus = stage.getScene() == null ? null : stage.getScene().getFocusOwner();
            if (!(focus instanceof TextInputControl) || !((TextInputControl) focus).isEditable()) {
                action.run();
            }
        };
    }

    private MenuBar menuBar() {
        Menu file = new Menu("_File");
        Menu samples = new Menu("_Sample Labs");
        samples.setId("menu-samples");
        // the descriptions are read when the menu opens, not while the window starts
        samples.setOnShowing(e -> fillSamples(samples, true));
        fillSamples(samples, false);
        file.getItems().addAll(
                item("_New", "menu-new", KeyCombination.keyCombination("Shortcut+N"), this::newDocument),
                item("_Open…", "menu-open", KeyCombination.keyCombination("Shortcut+O"), this::openWithChooser),
                recentMenu, samples, new SeparatorMenuItem(),
                item("_Save", "menu-save", KeyCombination.keyCombination("Shortcut+S"), this::save),
                item("Save _As…", "menu-save-as", KeyCombination.keyCombination("Shortcut+Shift+S"), this::saveAs),
                new SeparatorMenuItem(),
                item("Export as _PNG…", "menu-export-png", KeyCombination.keyCombination("Shortcut+E"), () -> export("png")),
                item("Export as S_VG…", "menu-export-svg", KeyCombination.keyCombination("Shortcut+Shift+E"), () -> export("svg")),
                new SeparatorMenuItem(),
                item("_Quit", "menu-quit", KeyCombination.keyCombination("Shortcut+Q"), this::quit));

        MenuItem undo = item("Undo", "menu-undo", KeyCombination.keyCombination("Shortcut+Z"), notWhileTyping(model::undo));
        undo.textProperty().bind(model.undoLabelProperty());
        undo.disableProperty().bind(model.canUndoProperty().not());
        MenuItem redo = item("Redo", "menu-redo", KeyCombination.keyCombination("Shortcut+Shift+Z"), notWhileTyping(model::redo));
        redo.textProperty().bind(model.redoLabelProperty());
        redo.disableProperty().bind(model.canRedoProperty().not());
        Menu edit = new Menu("_Edit");
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("_Copy", "menu-copy", KeyCombination.keyCombination("Shortcut+C"), notWhileTyping(this::copy)),
                item("_Paste", "menu-paste", KeyCombination.keyCombination("Shortcut+V"), notWhileTyping(this::paste)),
                item("_Duplicate", "menu-duplicate", KeyCombination.keyCombination("Shortcut+D"), notWhileTyping(this::duplicate)),
                item("De_lete", "menu-delete", KeyCombination.keyCombination("Delete"), notWhileTyping(this::deleteSelection)),
                item("_Rename", "menu-rename", KeyCombination.keyCombination("F2"), notWhileTyping(this::renameSelection)),
                new SeparatorMenuItem(),
                item("Select _All", "menu-select-all", KeyCombination.keyCombination("Shortcut+A"), notWhileTyping(() ->
                        model.select(model.lab().nodes().stream().map(org.warplab.model.Node::id).toList()))));

        CheckMenuItem labels = new CheckMenuItem("Link _Labels");
        labels.setAccelerator(KeyCombination.keyCombination("Shortcut+L"));
        labels.selectedProperty().bindBidirectional(model.linkLabelsProperty());
        CheckMenuItem miniMap = new CheckMenuItem("_Mini-map");
        miniMap.setAccelerator(KeyCombination.keyCombination("Shortcut+M"));
        miniMap.selectedProperty().bindBidirectional(canvas.miniMapShownProperty());
        darkItem.setAccelerator(KeyCombination.keyCombination("Shortcut+T"));
        darkItem.setOnAction(e -> setDark(darkItem.isSelected()));
        CheckMenuItem connect = new CheckMenuItem("_Connect Mode");
        connect.setAccelerator(KeyCombination.keyCombination("C"));
        connect.selectedProperty().bindBidirectional(canvas.connectModeProperty());
        Menu view = new Menu("_View");
        view.getItems().addAll(
                item("Zoom _In", "menu-zoom-in", KeyCombination.keyCombination("Shortcut+EQUALS"), canvas::zoomIn),
                item("Zoom _Out", "menu-zoom-out", KeyCombination.keyCombination("Shortcut+MINUS"), canvas::zoomOut),
                item("_Fit Lab", "menu-fit", KeyCombination.keyCombination("Shortcut+0"), canvas::fit),
                item("_100 %", "menu-actual-size", KeyCombination.keyCombination("Shortcut+1"), canvas::actualSize),
                new SeparatorMenuItem(), connect, labels, miniMap, darkItem, new SeparatorMenuItem(),
                item("_Present the Run", "menu-present", KeyCombination.keyCombination("F11"), () -> runPane.present(true)));
        Menu runMenu = new Menu("_Run");
        runMenu.getItems().addAll(
                item("_Run the Lab", "menu-run", KeyCombination.keyCombination("F5"), this::runLab),
                item("_Stop the Run", "menu-stop", KeyCombination.keyCombination("Shift+F5"), runPane::stopRun),
                new SeparatorMenuItem(),
                item("_Play / Pause", "menu-play", KeyCombination.keyCombination("Shortcut+P"), runPane::togglePlay),
                item("Pre_vious Step", "menu-previous-step", KeyCombination.keyCombination("Alt+LEFT"), () -> runPane.stepStory(-1)),
                item("_Next Step", "menu-next-step", KeyCombination.keyCombination("Alt+RIGHT"), () -> runPane.stepStory(1)),
                new SeparatorMenuItem(),
                item("_Compare Schemes", "menu-compare", null, () -> {
                    bottomTabs.getSelectionModel().select(bottomTabs.getTabs().stream().filter(t -> "tab-compare".equals(t.getId())).findFirst().orElseThrow());
                    comparePane.start();
                }));
        Menu help = new Menu("_Help");
        help.getItems().add(item("_How to Draw a Lab", "menu-help", KeyCombination.keyCombination("F1"), this::showHelp));
        MenuBar bar = new MenuBar(file, edit, view, runMenu, help);
        bar.setId("menu-bar");
        return bar;
    }

    private Button toolButton(String text, String icon, String tip, String id, EventHandler<ActionEvent> action) {
        Button b = new Button(text);
        if (icon != null) {
            b.setGraphic(Palette.icon(icon, "tool-icon"));
        }
        b.setTooltip(new Tooltip(tip));
        b.setId(id);
        b.setOnAction(action);
        return b;
    }

    private ToolBar toolBar() {
        Button undo = toolButton("Undo", null, "Undo the last step (Ctrl+Z)", "tool-undo", e -> model.undo());
        undo.disableProperty().bind(model.canUndoProperty().not());
        undo.tooltipProperty().get().textProperty().bind(model.undoLabelProperty().concat(" (Ctrl+Z)"));
        Button redo = toolButton("Redo", null, "Redo (Ctrl+Shift+Z)", "tool-redo", e -> model.redo());
        redo.disableProperty().bind(model.canRedoProperty().not());
        redo.tooltipProperty().get().textProperty().bind(model.redoLabelProperty().concat(" (Ctrl+Shift+Z)"));
        ToggleButton connect = new ToggleButton("Connect");
        connect.setId("tool-connect");
        connect.setGraphic(Palette.icon("M4 12a3 3 0 1 0 0.01 0z M20 12a3 3 0 1 0 0.01 0z M6 11h12v2H6z", "tool-icon"));
        connect.setTooltip(new Tooltip("Connect mode (C): drag from one node to another to link them; "
                + "the kind follows from the ends (LAN in a site, WAN between routers, management between data centers)"));
        connect.selectedProperty().bindBidirectional(canvas.connectModeProperty());
        ToggleButton labels = new ToggleButton("Labels");
        labels.setId("tool-labels");
        labels.setTooltip(new Tooltip("Show link delay and bandwidth on the canvas (Ctrl+L)"));
        labels.selectedProperty().bindBidirectional(model.linkLabelsProperty());
        ToolBar bar = new ToolBar(
                toolButton("New", null, "New lab (Ctrl+N)", "tool-new", e -> newDocument()),
                toolButton("Open", null, "Open a lab file (Ctrl+O)", "tool-open", e -> openWithChooser()),
                toolButton("Save", null, "Save (Ctrl+S)", "tool-save", e -> save()),
                new javafx.scene.control.Separator(), undo, redo, new javafx.scene.control.Separator(), connect,
                toolButton("Delete", null, "Delete the selection (Del)", "tool-delete", e -> deleteSelection()),
                new javafx.scene.control.Separator(),
                toolButton("−", null, "Zoom out (Ctrl+-)", "tool-zoom-out", e -> canvas.zoomOut()),
                toolButton("+", null, "Zoom in (Ctrl+=, or the mouse wheel)", "tool-zoom-in", e -> canvas.zoomIn()),
                toolButton("Fit", null, "Fit the whole lab in the view (Ctrl+0)", "tool-fit", e -> canvas.fit()),
                toolButton("100 %", null, "Actual size (Ctrl+1)", "tool-actual-size", e -> canvas.actualSize()),
                labels, new javafx.scene.control.Separator(),
                toolButton("▶ Run", null, "Run the lab's migrations (in the emulator, or live when chosen in the Run tab) and replay them (F5)",
                        "tool-run", e -> runLab()));
        bar.setId("tool-bar");
        return bar;
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        Label counts = new Label();
        counts.textProperty().bind(Bindings.createStringBinding(() -> {
            Lab lab = model.lab();
            long errors = model.problems().stream().filter(Problem::isError).count();
            long warnings = model.problems().size() - errors;
            return count(lab.nodes().size(), "node") + " · " + count(lab.links().size(), "link") + " · " + lab.scheme().label() + " · "
                    + (errors == 0 && warnings == 0 ? "valid" : count(errors, "error") + ", " + count(warnings, "warning"));
        }, model.labProperty(), model.problems()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, status, spacer, counts);
        bar.getStyleClass().add("status-bar");
        return bar;
    }


    private void canvasKeys(KeyEvent e) {
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
                && runPane.stepStory(e.getCode() == KeyCode.RIGHT ? 1 : -1)) {
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

    private void setDark(boolean dark) {
        darkItem.setSelected(dark);
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

    // ---- editing commands

    private void copy() {
        clipboard = Snippet.copy(model.lab(), model.selection());
        pasteCount = 0;
        model.statusProperty().set(clipboard.isEmpty() ? "Nothing to copy: select nodes first"
                : "Copied " + count(clipboard.nodes().size(), "node"));
    }

    private void paste() {
        if (clipboard.isEmpty()) {
            model.statusProperty().set("Nothing to paste: copy nodes first (Ctrl+C)");
            return;
        }
        pasteCount++;
        var edit = clipboard.pasteInto(model.lab(), 40 * pasteCount, 40 * pasteCount, "Paste " + count(clipboard.nodes().size(), "node"));
        if (model.perform(edit)) {
            model.select(edit.nodes().stream().map(org.warplab.model.Node::id).toList());
        }
    }

    private void duplicate() {
        Snippet snippet = Snippet.copy(model.lab(), model.selection());
        if (snippet.isEmpty()) {
            model.statusProperty().set("Nothing to duplicate: select nodes first");
            return;
        }
        var edit = snippet.pasteInto(model.lab(), 40, 40, "Duplicate " + count(snippet.nodes().size(), "node"));
        if (model.perform(edit)) {
            model.select(edit.nodes().stream().map(org.warplab.model.Node::id).toList());
        }
    }

    private void deleteSelection() {
        Set<String> selection = model.selection();
        if (selection.isEmpty()) {
            return;
        }
        RemoveElements remove = new RemoveElements(model.lab(), selection);
        if (!remove.isEmpty()) {
            model.perform(remove);
        }
    }

    /** Moves the selected nodes (not VMs, which sit in their data center) by (dx, dy): one step per key press. */
    private void nudge(double dx, double dy) {
        java.util.Map<String, org.warplab.model.Position> from = new java.util.HashMap<>();
        java.util.Map<String, org.warplab.model.Position> to = new java.util.HashMap<>();
        for (String id : model.selection()) {
            model.lab().node(id).filter(n -> !(n instanceof org.warplab.model.Vm)).ifPresent(n -> {
                from.put(id, n.position());
                to.put(id, n.position().translate(dx, dy));
            });
        }
        if (!from.isEmpty()) {
            model.perform(new org.warplab.edit.MoveNodes(from, to));
        }
    }

    private void renameSelection() {
        if (model.selection().size() == 1) {
            canvas.startRename(model.selection().iterator().next());
        }
    }

    /** Shows what {@code problem} is about: its element, the scheme settings, or the lab's own fields. */
    void reveal(Problem problem) {
        if (!problem.elementId().isEmpty() && model.lab().hasId(problem.elementId())) {
            reveal(problem.elementId());
        } else if (problem.path().startsWith("scheme")) {
            model.select(List.of());
            sideTabs.getSelectionModel().select(schemeTab);
        } else {
            model.select(List.of());
            sideTabs.getSelectionModel().select(inspectorTab);
        }
    }

    /** Selects {@code id} and shows it: on the canvas, or in the plan. */
    public void reveal(String id) {
        model.select(id);
        Lab lab = model.lab();
        if (lab.node(id).isPresent() || lab.link(id).isPresent()) {
            canvas.reveal(id);
        } else if (lab.migrations().stream().anyMatch(m -> m.id().equals(id)) || lab.traffic().stream().anyMatch(f -> f.id().equals(id))) {
            sideTabs.getSelectionModel().select(planTab);
        }
    }

    private void showHelp() {
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
    private boolean confirmStopRun() {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(stage);
        ask.setTitle(APP_NAME);
        boolean live = runPane.isRunningLive();
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

    private void openWithChooser() {
        if (!confirmDiscard("opening another lab")) {
            return;
        }
        FileDialogs.open(chooser("Open a lab"), model.fileProperty().get(), stage).ifPresent(this::open);
    }

    /** Opens {@code file} (without asking about unsaved changes); false, with the reasons shown, when it cannot. */
    public boolean open(Path file) {
        try {
            if (SampleLabs.opensAsCopy(file)) {
                model.openCopy(file);
            } else {
                model.open(file);
            }
            settings.opened(file);
            refreshRecent();
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

    private boolean saveAs() {
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
            refreshRecent();
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

    private void quit() {
        if (confirmDiscard("quitting")) {
            deleteRecovery();
            stage.close();
        }
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path recent : settings.recentFiles()) {
            MenuItem item = new MenuItem(recent.getFileName() + "  (" + recent.getParent() + ")");
            item.setOnAction(e -> {
                if (confirmDiscard("opening another lab")) {
                    open(recent);
                }
            });
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    /** The sample labs that ship with WarpLab (see {@link SampleLabs}). */
    public static List<Path> sampleLabs() {
        return SampleLabs.list();
    }

    private void fillSamples(Menu samples, boolean withDescriptions) {
        samples.getItems().clear();
        for (Path sample : sampleLabs()) {
            MenuItem item = sampleItem(sample, withDescriptions);
            item.setOnAction(e -> {
                if (confirmDiscard("opening a sample lab")) {
                    open(sample);
                }
            });
            samples.getItems().add(item);
        }
        if (samples.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No sample-labs folder beside WarpLab or in " + Path.of("").toAbsolutePath());
            none.setDisable(true);
            samples.getItems().add(none);
        }
    }

    /** A sample's name and, under it, the first paragraph of its description. */
    private static MenuItem sampleItem(Path sample, boolean withDescription) {
        Label name = new Label(sample.getFileName().toString().replace(LabFiles.EXTENSION, ""));
        name.setStyle("-fx-font-weight: bold");
        Label about = new Label(withDescription ? SampleLabs.description(sample) : "");
        about.setWrapText(true);
        about.setMaxWidth(460);
        about.getStyleClass().add("sample-description");
        VBox box = new VBox(2, name, about);
        if (about.getText().isEmpty()) {
            box.getChildren().remove(about);
        }
        CustomMenuItem item = new CustomMenuItem(box, true);
        item.setId("sample-" + name.getText());
        return item;
    }

    private void export(String format) {
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
