package org.warplab.ui.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.warplab.files.SafeWrite;
import org.warplab.model.Lab;
import org.warplab.run.RunExports;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.ui.common.FileDialogs;
import org.warplab.ui.common.Theme;
import org.warplab.ui.common.Wording;

/**
 * A run's files: the exports (HTML report, probe CSV, pcap, trace, result + trace, the story as
 * GIF or PNGs) and reopening a saved run. Every outcome is said in the run view's status line.
 */
final class RunFiles {

    /** The story's pictures at a size, one per step (presentation mode records them). */
    interface StoryPictures {
        List<java.awt.image.BufferedImage> frames(double width, double height);
    }

    private final Supplier<RunRecord> record;
    private final ReadoutPane readout;
    private final Supplier<Theme> theme;
    private final Supplier<Lab> openLab;
    private final Consumer<RunRecord> load;
    private final StoryPictures story;
    private final Supplier<Window> owner;
    private final Label status;
    private final Button open = new Button("Open run…");
    private final MenuButton exportMenu = new MenuButton("Export");

    RunFiles(Supplier<RunRecord> record, ReadoutPane readout, Supplier<Theme> theme, Supplier<Lab> openLab, Consumer<RunRecord> load,
            StoryPictures story, Supplier<Window> owner, Label status) {
        this.record = record;
        this.readout = readout;
        this.theme = theme;
        this.openLab = openLab;
        this.load = load;
        this.story = story;
        this.owner = owner;
        this.status = status;
        open.setId("run-open");
        open.setTooltip(new Tooltip("Replay a saved run (its .result.json and the .trace.jsonl beside it) without running again"));
        open.setOnAction(e -> chooseSavedRun());
        open.setMinWidth(Button.USE_PREF_SIZE);
        exportMenu.setId("run-export");
        exportMenu.setDisable(true);
        exportMenu.setMinWidth(MenuButton.USE_PREF_SIZE);
        exportMenu.getItems().addAll(
                menuItem("HTML report…", "run-export-html", () -> chooseFile("HTML report", "html", this::exportHtml)),
                menuItem("Probe series (CSV)…", "run-export-csv", () -> chooseFile("probe series", "csv", this::exportCsv)),
                menuItem("Captures (pcap) to folder…", "run-export-pcap", this::choosePcapFolder),
                menuItem("Trace (JSON lines)…", "run-export-trace", () -> chooseFile("trace", "jsonl", this::exportTrace)),
                menuItem("Save run (result + trace)…", "run-save", () -> chooseFile("run", "result.json", this::saveRun)),
                menuItem("Story as animated GIF (1280×720)…", "run-export-gif", () -> chooseFile("story", "gif", f -> exportStoryGif(f, 1280, 720))),
                menuItem("Story as numbered PNGs (1280×720) to folder…", "run-export-pngs", this::chooseStoryFolder));
    }

    Button openButton() {
        return open;
    }

    MenuButton exportMenu() {
        return exportMenu;
    }

    /** The exports are offered while a run is shown. */
    void setRunShown(boolean shown) {
        exportMenu.setDisable(!shown);
    }

    private static MenuItem menuItem(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    private void chooseFile(String what, String extension, FileAction action) {
        RunRecord run = record.get();
        if (run == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the " + what);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what + " (*." + extension + ")", "*." + extension));
        chooser.setInitialFileName(baseName(run) + "." + extension);
        var picked = FileDialogs.save(chooser, null, owner.get());
        if (picked.isPresent()) {
            Path chosen = picked.get();
            try {
                action.write(chosen);
                status.setText("Wrote " + chosen);
            } catch (IOException | RuntimeException e) {
                status.setText("Could not write " + chosen + ": " + e.getMessage());
            }
        }
    }

    private interface FileAction {
        void write(Path file) throws IOException;
    }

    static String baseName(RunRecord run) {
        String name = run.result().lab().replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("(^-|-$)", "").toLowerCase(Locale.ROOT);
        return (name.isEmpty() ? "run" : name) + "-" + run.result().scheme() + (run.result().runtime().equals("emulator") ? "-seed" + run.result().seed() : "-live");
    }

    void exportHtml(Path file) throws IOException {
        RunReport.write(record.get(), readout, theme.get(), file);
    }

    void exportCsv(Path file) throws IOException {
        SafeWrite.text(file, readout.series().toCsv());
    }

    void exportTrace(Path file) throws IOException {
        RunExports.writeTrace(record.get().trace(), file);
    }

    void exportStoryGif(Path file, double width, double height) throws IOException {
        StoryFrames.writeGif(story.frames(width, height), file);
    }

    List<Path> exportStoryPngs(Path folder, double width, double height) throws IOException {
        return StoryFrames.writePngs(story.frames(width, height), folder);
    }

    private void choosePcapFolder() {
        RunRecord run = record.get();
        if (run == null) {
            return;
        }
        if (run.captures().isEmpty()) {
            status.setText("This run has no captures (live runs and reopened runs keep none); emulated runs write one pcap per link");
            return;
        }
        chooseFolder("Write one pcap file per link and LAN", dir -> exportPcaps(dir).size() + " pcap files written to " + dir);
    }

    private void chooseStoryFolder() {
        if (record.get() == null) {
            return;
        }
        chooseFolder("Write one picture per story step (step-01.png, …)",
                dir -> Wording.count(exportStoryPngs(dir, 1280, 720).size(), "picture") + " written to " + dir);
    }

    /** Asks for a folder and writes into it; the status line says what was written, or why it could not be. */
    private void chooseFolder(String title, FolderAction action) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        Optional<Path> chosen = FileDialogs.folder(chooser, null, owner.get());
        if (chosen.isPresent()) {
            try {
                status.setText(action.write(chosen.get()));
            } catch (IOException e) {
                status.setText("Could not write to " + chosen.get() + ": " + e.getMessage());
            }
        }
    }

    private interface FolderAction {
        /** Writes into {@code folder}; returns what it wrote, for the status line. */
        String write(Path folder) throws IOException;
    }

    List<Path> exportPcaps(Path dir) throws IOException {
        return RunExports.writeCaptures(record.get().captures(), dir);
    }

    /** Writes FILE.result.json and, beside it, FILE.trace.jsonl. */
    void saveRun(Path resultFile) throws IOException {
        RunExports.writeResult(record.get().result(), resultFile);
        RunExports.writeTrace(record.get().trace(), traceBeside(resultFile));
    }

    static Path traceBeside(Path resultFile) {
        String name = resultFile.getFileName().toString();
        String base = name.endsWith(".result.json") ? name.substring(0, name.length() - ".result.json".length())
                : name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return resultFile.resolveSibling(base + ".trace.jsonl");
    }

    private void chooseSavedRun() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a saved run (its result JSON; the trace beside it is read too)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("WarpLab run results (*.json)", "*.json"));
        FileDialogs.open(chooser, null, owner.get()).ifPresent(this::openSavedRun);
    }

    /** Replays a saved run on the open lab without running it again; false, with the reason in the status, when it cannot. */
    boolean openSavedRun(Path resultFile) {
        RunRecord run = readSavedRun(resultFile);
        if (run == null) {
            return false;
        }
        load.accept(run);
        status.setText("Replaying " + resultFile.getFileName() + (run.result().lab().equals(run.lab().name()) ? ""
                : " (a run of \"" + run.result().lab() + "\", drawn on the open lab \"" + run.lab().name() + "\")"));
        return true;
    }

    /** A saved run (its result and the trace beside it) on the open lab; null, with the reason in the status, when it cannot be read. */
    RunRecord readSavedRun(Path resultFile) {
        Path traceFile = traceBeside(resultFile);
        RunResult result;
        Trace trace;
        try {
            result = RunExports.readResult(Files.readString(resultFile));
        } catch (IOException | RuntimeException e) {
            status.setText("Could not read the run result " + resultFile + ": " + e.getMessage());
            return null;
        }
        if (!Files.isRegularFile(traceFile)) {
            status.setText("No trace beside " + resultFile.getFileName() + ": expected " + traceFile.getFileName()
                    + " (Save run writes both; warplab emulate --report R.result.json --trace R.trace.jsonl too)");
            return null;
        }
        try {
            trace = RunExports.readTrace(traceFile);
        } catch (IOException | RuntimeException e) {
            status.setText("Could not read the trace " + traceFile + ": " + e.getMessage());
            return null;
        }
        return new RunRecord(openLab.get(), result, trace, List.of());
    }

    /** Asks for a saved run's result file (the trace is read beside it). */
    java.util.Optional<Path> chooseSavedRunFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("A saved run to replay beside an emulated one (its result JSON; the trace beside it is read too)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("WarpLab run results (*.json)", "*.json"));
        return FileDialogs.open(chooser, null, owner.get());
    }
}
