package org.warplab.ui;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.Problem;
import org.warplab.ui.canvas.CanvasView;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.designer.Palette;
import static org.warplab.ui.common.Wording.count;

/**
 * The designer window's menu bar, toolbar and status bar, and the menus that change with use
 * (recent files, sample labs). The commands themselves are the window's, its tabs' and its
 * {@link EditCommands}'.
 */
final class DesignerMenus {

    private final DesignerWindow window;
    private final DesignerModel model;
    private final CanvasView canvas;
    private final DesignerTabs tabs;
    private final EditCommands edits;
    private final DesignerSettings settings;
    private final Menu recentMenu = new Menu("Open _Recent");
    private final CheckMenuItem darkItem = new CheckMenuItem("_Dark Theme");

    DesignerMenus(DesignerWindow window, DesignerTabs tabs, EditCommands edits, DesignerSettings settings) {
        this.window = window;
        this.model = window.model();
        this.canvas = window.canvas();
        this.tabs = tabs;
        this.edits = edits;
        this.settings = settings;
    }

    /** Runs {@code action} unless the user is typing in a text field, where the keys belong to the text. */
    static Runnable notWhileTyping(Stage stage, Runnable action) {
        return () -> {
            Node focus = stage.getScene() == null ? null : stage.getScene().getFocusOwner();
            if (!(focus instanceof TextInputControl) || !((TextInputControl) focus).isEditable()) {
                action.run();
            }
        };
    }

    private Runnable notWhileTyping(Runnable action) {
        return notWhileTyping(window.stage(), action);
    }

    private static MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (key != null) {
            item.setAccelerator(key);
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private static KeyCombination key(String combination) {
        return KeyCombination.keyCombination(combination);
    }

    MenuBar menuBar() {
        Menu samples = new Menu("_Sample Labs");
        samples.setId("menu-samples");
        // the descriptions are read when the menu opens, not while the window starts
        samples.setOnShowing(e -> fillSamples(samples, true));
        fillSamples(samples, false);
        Menu file = new Menu("_File");
        file.getItems().addAll(
                item("_New", "menu-new", key("Shortcut+N"), window::newDocument),
                item("_Open…", "menu-open", key("Shortcut+O"), window::openWithChooser),
                recentMenu, samples, new SeparatorMenuItem(),
                item("_Save", "menu-save", key("Shortcut+S"), window::save),
                item("Save _As…", "menu-save-as", key("Shortcut+Shift+S"), window::saveAs),
                new SeparatorMenuItem(),
                item("Export as _PNG…", "menu-export-png", key("Shortcut+E"), () -> window.export("png")),
                item("Export as S_VG…", "menu-export-svg", key("Shortcut+Shift+E"), () -> window.export("svg")),
                new SeparatorMenuItem(),
                item("_Quit", "menu-quit", key("Shortcut+Q"), window::quit));

        MenuItem undo = item("Undo", "menu-undo", key("Shortcut+Z"), notWhileTyping(model::undo));
        undo.textProperty().bind(model.undoLabelProperty());
        undo.disableProperty().bind(model.canUndoProperty().not());
        MenuItem redo = item("Redo", "menu-redo", key("Shortcut+Shift+Z"), notWhileTyping(model::redo));
        redo.textProperty().bind(model.redoLabelProperty());
        redo.disableProperty().bind(model.canRedoProperty().not());
        Menu edit = new Menu("_Edit");
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("_Copy", "menu-copy", key("Shortcut+C"), notWhileTyping(edits::copy)),
                item("_Paste", "menu-paste", key("Shortcut+V"), notWhileTyping(edits::paste)),
                item("_Duplicate", "menu-duplicate", key("Shortcut+D"), notWhileTyping(edits::duplicate)),
                item("De_lete", "menu-delete", key("Delete"), notWhileTyping(edits::deleteSelection)),
                item("_Rename", "menu-rename", key("F2"), notWhileTyping(edits::renameSelection)),
                new SeparatorMenuItem(),
                item("Select _All", "menu-select-all", key("Shortcut+A"), notWhileTyping(edits::selectAll)));

        CheckMenuItem labels = new CheckMenuItem("Link _Labels");
        labels.setAccelerator(key("Shortcut+L"));
        labels.selectedProperty().bindBidirectional(model.linkLabelsProperty());
        CheckMenuItem miniMap = new CheckMenuItem("_Mini-map");
        miniMap.setAccelerator(key("Shortcut+M"));
        miniMap.selectedProperty().bindBidirectional(canvas.miniMapShownProperty());
        darkItem.setAccelerator(key("Shortcut+T"));
        darkItem.setOnAction(e -> window.setDark(darkItem.isSelected()));
        CheckMenuItem connect = new CheckMenuItem("_Connect Mode");
        connect.setAccelerator(key("C"));
        connect.selectedProperty().bindBidirectional(canvas.connectModeProperty());
        CheckMenuItem panels = new CheckMenuItem("Side _Panels");
        panels.setId("menu-side-panels");
        panels.setAccelerator(key("Shortcut+B"));
        panels.selectedProperty().bindBidirectional(window.sidePanelsShownProperty());
        Menu view = new Menu("_View");
        view.getItems().addAll(
                item("Zoom _In", "menu-zoom-in", key("Shortcut+EQUALS"), canvas::zoomIn),
                item("Zoom _Out", "menu-zoom-out", key("Shortcut+MINUS"), canvas::zoomOut),
                item("_Fit Lab", "menu-fit", key("Shortcut+0"), canvas::fit),
                item("_100 %", "menu-actual-size", key("Shortcut+1"), canvas::actualSize),
                new SeparatorMenuItem(), connect, labels, miniMap, panels, darkItem, new SeparatorMenuItem(),
                item("_Present the Run", "menu-present", key("F11"), () -> tabs.runPane().present(true)));
        Menu runMenu = new Menu("_Run");
        runMenu.getItems().addAll(
                item("_Run the Lab", "menu-run", key("F5"), window::runLab),
                item("_Stop the Run", "menu-stop", key("Shift+F5"), () -> tabs.runPaneIfBuilt().ifPresent(run -> run.stopRun())),
                new SeparatorMenuItem(),
                item("_Play / Pause", "menu-play", key("Shortcut+P"), () -> tabs.runPaneIfBuilt().ifPresent(run -> run.togglePlay())),
                item("Pre_vious Step", "menu-previous-step", key("Alt+LEFT"), () -> tabs.runPaneIfBuilt().ifPresent(run -> run.stepStory(-1))),
                item("_Next Step", "menu-next-step", key("Alt+RIGHT"), () -> tabs.runPaneIfBuilt().ifPresent(run -> run.stepStory(1))),
                new SeparatorMenuItem(),
                item("Replay Beside _No Scheme", "menu-side-by-side", null,
                        () -> tabs.runPane().sideBySide().replayBeside(org.warplab.model.SchemeKind.NONE)),
                item("Replay Beside a _Saved Run…", "menu-side-by-side-saved", null,
                        () -> tabs.runPane().sideBySide().chooseRunToReplayBeside()),
                new SeparatorMenuItem(),
                item("_Compare Schemes", "menu-compare", null, () -> {
                    tabs.showCompare();
                    tabs.comparePane().start();
                }));
        Menu help = new Menu("_Help");
        help.getItems().add(item("_How to Draw a Lab", "menu-help", key("F1"), window::showHelp));
        MenuBar bar = new MenuBar(file, edit, view, runMenu, help);
        bar.setId("menu-bar");
        return bar;
    }

    private static Button toolButton(String text, String tip, String id, EventHandler<ActionEvent> action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setId(id);
        b.setOnAction(action);
        return b;
    }

    ToolBar toolBar() {
        Button undo = toolButton("Undo", "Undo the last step (Ctrl+Z)", "tool-undo", e -> model.undo());
        undo.disableProperty().bind(model.canUndoProperty().not());
        undo.tooltipProperty().get().textProperty().bind(model.undoLabelProperty().concat(" (Ctrl+Z)"));
        Button redo = toolButton("Redo", "Redo (Ctrl+Shift+Z)", "tool-redo", e -> model.redo());
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
                toolButton("New", "New lab (Ctrl+N)", "tool-new", e -> window.newDocument()),
                toolButton("Open", "Open a lab file (Ctrl+O)", "tool-open", e -> window.openWithChooser()),
                toolButton("Save", "Save (Ctrl+S)", "tool-save", e -> window.save()),
                new Separator(), undo, redo, new Separator(), connect,
                toolButton("Delete", "Delete the selection (Del)", "tool-delete", e -> edits.deleteSelection()),
                new Separator(),
                toolButton("−", "Zoom out (Ctrl+-)", "tool-zoom-out", e -> canvas.zoomOut()),
                toolButton("+", "Zoom in (Ctrl+=, or the mouse wheel)", "tool-zoom-in", e -> canvas.zoomIn()),
                toolButton("Fit", "Fit the whole lab in the view (Ctrl+0)", "tool-fit", e -> canvas.fit()),
                toolButton("100 %", "Actual size (Ctrl+1)", "tool-actual-size", e -> canvas.actualSize()),
                labels, panelsButton(), new Separator(),
                toolButton("▶ Run", "Run the lab's migrations (in the emulator, or live when chosen in the Run tab) and replay them (F5)",
                        "tool-run", e -> window.runLab()));
        bar.setId("tool-bar");
        return bar;
    }

    private ToggleButton panelsButton() {
        ToggleButton panels = new ToggleButton("Panels");
        panels.setId("tool-side-panels");
        panels.setTooltip(new Tooltip("Show the palette and the inspector beside the canvas (Ctrl+B); "
                + "a run on a narrow window hides them to give the lab the width"));
        panels.selectedProperty().bindBidirectional(window.sidePanelsShownProperty());
        return panels;
    }

    HBox statusBar() {
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

    void setDarkChecked(boolean dark) {
        darkItem.setSelected(dark);
    }

    void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path recent : settings.recentFiles()) {
            MenuItem item = new MenuItem(recent.getFileName() + "  (" + recent.getParent() + ")");
            item.setOnAction(e -> {
                if (window.confirmDiscard("opening another lab")) {
                    window.open(recent);
                }
            });
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void fillSamples(Menu samples, boolean withDescriptions) {
        samples.getItems().clear();
        for (Path sample : SampleLabs.list()) {
            MenuItem item = sampleItem(sample, withDescriptions);
            item.setOnAction(e -> {
                if (window.confirmDiscard("opening a sample lab")) {
                    window.open(sample);
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
}
