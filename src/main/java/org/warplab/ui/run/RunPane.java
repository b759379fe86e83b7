package org.warplab.ui.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.warplab.files.SafeWrite;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.model.Vm;
import org.warplab.run.LabRuntime;
import org.warplab.run.RunFailedException;
import org.warplab.run.RunOutcome;
import org.warplab.run.Runtimes;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.run.RunExports;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.run.TraceEvent;
import org.warplab.ui.common.FileDialogs;
import org.warplab.ui.common.Wording;
import org.warplab.ui.canvas.CanvasView;
import org.warplab.ui.common.DesignerModel;

/**
 * The Run tab: run controls (emulated or live, seed, Run, Stop, progress), playback of the run on
 * the canvas (play/pause, step to the next event, speed 0.001× to 10×, a scrubber with the phases),
 * the timing readout, the event log kept in step with the playhead, the packet inspector, and the
 * exports (HTML report, probe CSV, pcap, trace and result JSON; reopening a saved run).
 */
public final class RunPane extends BorderPane {

    static final double MIN_SPEED = 0.001;
    static final double MAX_SPEED = 10;
    /** How long (wall time) a drop or rule switch stays marked on the canvas. */
    private static final double MARK_WALL_SECONDS = 0.8;

    enum LogFilter {
        STATE("state changes and drops"), STORY("story steps only"), ALL("every event"), DROPS("drops only"), PACKETS("packet steps");

        final String label;

        LogFilter(String label) {
            this.label = label;
        }

        boolean accepts(TraceEvent e) {
            switch (this) {
                case ALL:
                    return true;
                case DROPS:
                    return e instanceof TraceEvent.Dropped;
                case PACKETS:
                    return TraceText.isPacketStep(e);
                case STORY:
                    return false; // the story's own list is shown instead of the table
                default:
                    return !TraceText.isPacketStep(e);
            }
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final DesignerModel model;
    private final CanvasView canvas;
    private final ObjectProperty<RunRecord> record = new SimpleObjectProperty<>(this, "record");
    private final RadioButton emulated = new RadioButton("Emulated");
    private final RadioButton live = new RadioButton("Live");
    private final Label liveReason = new Label();
    private final TextField seed = new TextField("1");
    private final Button runButton = new Button("▶ Run");
    private final Button stopButton = new Button("■ Stop");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("Emulated runs take a second; live runs need root on Linux.");
    private final ToggleButton play = new ToggleButton("Play");
    private final Button step = new Button("Next event");
    private final Slider speed = new Slider(Math.log10(MIN_SPEED), Math.log10(MAX_SPEED), -2);
    private final Label speedLabel = new Label();
    private final Label timeLabel = new Label("—");
    private final Scrubber scrubber = new Scrubber(this::seek);
    private final StoryStepper stepper = new StoryStepper(this::seekFromStory, this::highlight);
    private final CaptionBar caption = new CaptionBar("run-caption");
    private final Button present = new Button("Present");
    private PresentationView presentation;
    private final ReadoutPane readout = new ReadoutPane();
    private final ObservableList<TraceEvent> logItems = FXCollections.observableArrayList();
    private final FilteredList<TraceEvent> filteredLog = new FilteredList<>(logItems);
    private final TableView<TraceEvent> log = new TableView<>(filteredLog);
    private final TextField logFilter = new TextField();
    private final ChoiceBox<LogFilter> logKind = new ChoiceBox<>(FXCollections.observableArrayList(LogFilter.values()));
    private final javafx.scene.control.ListView<org.warplab.run.story.StoryStep> storyList = new javafx.scene.control.ListView<>();
    private final TextArea packetDetails = new TextArea();
    private static final String PACKET_HINT = "Click a packet on the canvas to see its headers, before and after each translation.";
    private final TabPane sideTabs = new TabPane();
    private final Tab packetTab;
    private final MenuButton exportMenu = new MenuButton("Export");
    private final AnimationTimer clock;
    private TraceIndex index;
    private ReplayOverlay overlay;
    private long timeNs;
    private long lastPulse;
    private long lastLogSync;
    private String placementKey = "";
    private Task<RunRecord> running;
    private boolean runningLive;
    private Runnable afterStop;
    private Thread runThread;
    private final Runtimes runtimes;
    /** Whether live mode has looked at this host yet (it runs commands, so off the FX thread). */
    private boolean hostChecked;
    private boolean syncingLog;

    public RunPane(DesignerModel model, CanvasView canvas, Runtimes runtimes) {
        this.model = model;
        this.canvas = canvas;
        this.runtimes = runtimes;
        setId("run-pane");

        ToggleGroup mode = new ToggleGroup();
        emulated.setToggleGroup(mode);
        live.setToggleGroup(mode);
        emulated.setSelected(true);
        emulated.setId("run-emulated");
        live.setId("run-live");
        live.setDisable(true);
        liveReason.setId("run-live-reason");
        liveReason.getStyleClass().add("run-reason");
        liveReason.setText("Live: checking this host…");
        seed.setId("run-seed");
        seed.setPrefColumnCount(5);
        seed.setTooltip(new Tooltip("Seed of the emulator's random source (jitter, loss): the same seed gives the same run"));
        runButton.setId("run-start");
        runButton.setDefaultButton(false);
        runButton.setOnAction(e -> startRun());
        stopButton.setId("run-stop");
        stopButton.setDisable(true);
        stopButton.setOnAction(e -> stopRun());
        progress.setId("run-progress");
        progress.setPrefWidth(120);
        progress.setVisible(false);
        status.setId("run-status");
        status.getStyleClass().add("explanation");
        Button open = new Button("Open run…");
        open.setId("run-open");
        open.setTooltip(new Tooltip("Replay a saved run (its .result.json and the .trace.jsonl beside it) without running again"));
        open.setOnAction(e -> chooseSavedRun());
        exportMenu.setId("run-export");
        exportMenu.setDisable(true);
        exportMenu.getItems().addAll(
                menuItem("HTML report…", "run-export-html", () -> chooseFile("HTML report", "html", this::exportHtml)),
                menuItem("Probe series (CSV)…", "run-export-csv", () -> chooseFile("probe series", "csv", this::exportCsv)),
                menuItem("Captures (pcap) to folder…", "run-export-pcap", this::choosePcapFolder),
                menuItem("Trace (JSON lines)…", "run-export-trace", () -> chooseFile("trace", "jsonl", this::exportTrace)),
                menuItem("Save run (result + trace)…", "run-save", () -> chooseFile("run", "result.json", this::saveRun)),
                menuItem("Story as animated GIF (1280×720)…", "run-export-gif", () -> chooseFile("story", "gif", f -> exportStoryGif(f, 1280, 720))),
                menuItem("Story as numbered PNGs (1280×720) to folder…", "run-export-pngs", this::chooseStoryFolder));
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox controls = new HBox(emulated, live, new Label("Seed"), seed, runButton, stopButton, progress, spacer, open, exportMenu);
        keepWhole(controls);
        controls.getStyleClass().add("run-bar");
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox messages = new HBox(status, liveReason);
        messages.getStyleClass().add("run-bar");
        for (javafx.scene.control.Control c : List.of(emulated, live, runButton, stopButton, open, exportMenu)) {
            c.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        }

        play.setId("run-play");
        play.setTooltip(new Tooltip("Play / pause the replay"));
        play.selectedProperty().addListener((o, was, is) -> {
            play.setText(is ? "Pause" : "Play");
            if (is && index != null && timeNs >= index.endNs()) {
                seek(0);
            }
            lastPulse = 0;
        });
        step.setId("run-step");
        step.setTooltip(new Tooltip("Pause and go to the next event of the trace"));
        step.setOnAction(e -> stepToNextEvent());
        speed.setId("run-speed");
        speed.setPrefWidth(160);
        speed.setTooltip(new Tooltip("Replay speed, 0.001× to 10× real time (a 20 ms probe is visible below 0.1×)"));
        speed.valueProperty().addListener(o -> speedChanged());
        speedLabel.setId("run-speed-label");
        speedLabel.setMinWidth(58);
        timeLabel.setId("run-time");
        timeLabel.setMinWidth(170);
        scrubber.setId("run-scrubber");
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        present.setId("run-present");
        present.setTooltip(new Tooltip("Presentation mode: the replay full screen with a large readout and the story's captions (F11)"));
        present.setOnAction(e -> present(true));
        HBox playback = new HBox(play, step, stepper.previousButton(), stepper.nextButton(), new Label("Speed"), speed, speedLabel, timeLabel, present);
        keepWhole(playback);
        playback.getStyleClass().add("run-bar");
        playback.setId("run-playback");
        for (javafx.scene.control.Control c : List.of(play, step, speedLabel, timeLabel, stepper.previousButton(), stepper.nextButton(), present)) {
            c.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        }
        HBox scrubberRow = new HBox(scrubber);
        scrubberRow.getStyleClass().add("run-bar");
        setPlaybackDisabled(true);
        speedChanged();

        log.setId("run-log");
        log.setPlaceholder(new Label("No run yet"));
        log.getColumns().add(column("time (ms)", 80, e -> TraceText.time(e.timeNs())));
        log.getColumns().add(column("event", 110, TraceText::type));
        log.getColumns().add(column("where", 140, e -> TraceText.where(e, this::shownName)));
        log.getColumns().add(column("what", 420, TraceText::detail));
        log.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null && !syncingLog) {
                play.setSelected(false);
                seek(is.timeNs());
            }
        });
        logFilter.setId("run-log-filter");
        logFilter.setPromptText("filter: text in the event (node, kind, address…)");
        logFilter.setMinWidth(80);
        logKind.setId("run-log-kind");
        logKind.setValue(LogFilter.STATE);
        logFilter.textProperty().addListener(o -> refilter());
        logKind.valueProperty().addListener(o -> refilter());
        HBox.setHgrow(logFilter, Priority.ALWAYS);
        HBox logBar = new HBox(6, logKind, logFilter);
        keepWhole(logBar);
        logBar.getStyleClass().add("run-bar");
        storyList.setId("run-story-list");
        storyList.setPlaceholder(new Label("No run yet"));
        storyList.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(org.warplab.run.story.StoryStep item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format(Locale.ROOT, "%9.1f ms  %s: %s", item.timeNs() / 1e6, item.kind().label(), item.caption()));
            }
        });
        storyList.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null && !syncingLog) {
                play.setSelected(false);
                int delta = stepper.story().steps().indexOf(is) - stepper.currentIndex();
                stepper.step(delta);
            }
        });
        javafx.scene.layout.StackPane logStack = new javafx.scene.layout.StackPane(log, storyList);
        storyList.visibleProperty().bind(logKind.valueProperty().isEqualTo(LogFilter.STORY));
        log.visibleProperty().bind(storyList.visibleProperty().not());
        VBox logBox = new VBox(logBar, logStack);
        VBox.setVgrow(logStack, Priority.ALWAYS);
        packetDetails.setId("run-packet");
        packetDetails.setEditable(false);
        packetDetails.getStyleClass().add("packet-details");
        packetDetails.setText(PACKET_HINT);
        Tab logTab = new Tab("Event log", logBox);
        logTab.setId("run-tab-log");
        packetTab = new Tab("Packet", packetDetails);
        packetTab.setId("run-tab-packet");
        sideTabs.getTabs().addAll(logTab, packetTab);
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        javafx.scene.control.ScrollPane readoutScroll = new javafx.scene.control.ScrollPane(readout);
        readoutScroll.setFitToWidth(true);
        readoutScroll.setId("readout-scroll");
        SplitPane body = new SplitPane(readoutScroll, sideTabs);
        body.setDividerPositions(0.64);
        body.setOrientation(Orientation.HORIZONTAL);
        stepper.addBar(caption);
        setTop(new VBox(controls, messages, new Separator(), playback, scrubberRow, caption));
        setCenter(body);

        clock = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick(now);
            }
        };
        model.labProperty().addListener((o, was, is) -> labChanged(is));
        model.documentsProperty().addListener(o -> forgetRun("No run yet: press Run (F5)"));
        canvas.themeProperty().addListener((o, was, is) -> {
            readout.setTheme(is);
            scrubber.setTheme(is);
            if (overlay != null) {
                overlay.setTheme(is);
            }
        });
        checkHost();
    }

    /** A node's name as the canvas shows it ("Core 1" for C1), in the lab of the run shown; the id when it has no other. */
    private String shownName(String id) {
        RunRecord run = record.get();
        if (run == null || id == null) {
            return id;
        }
        return run.lab().node(id).map(org.warplab.model.Node::name).filter(n -> !n.isBlank()).orElse(id);
    }

    /** Labels, buttons and choosers of a bar keep their whole text ("Seed", not "S…"); sliders and text fields give way. */
    static void keepWhole(HBox bar) {
        for (javafx.scene.Node n : bar.getChildren()) {
            if (n instanceof javafx.scene.control.Labeled || n instanceof ChoiceBox<?> || n instanceof javafx.scene.control.MenuButton) {
                ((javafx.scene.control.Control) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
    }

    private static MenuItem menuItem(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    private static TableColumn<TraceEvent, String> column(String title, double width, java.util.function.Function<TraceEvent, String> text) {
        TableColumn<TraceEvent, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }

    // ---- live availability

    /** Asks the host (off the FX thread: it runs {@code id -u}) whether live mode can run at all. */
    private void checkHost() {
        Thread t = new Thread(() -> {
            runtimes.live().checkHost();
            Platform.runLater(() -> {
                hostChecked = true;
                updateLiveAvailability();
            });
        }, "warplab-preflight");
        t.setDaemon(true);
        t.start();
    }

    /** Live is offered when the host can run it and the lab's scheme runs live; else the reason is shown. */
    private void updateLiveAvailability() {
        Optional<String> reason = liveUnavailable(model.lab());
        live.setDisable(reason.isPresent() || running != null);
        if (reason.isPresent() && live.isSelected()) {
            emulated.setSelected(true);
        }
        liveReason.setText(reason.map(r -> "Live unavailable: " + shorten(r)).orElse("Live available"));
        liveReason.setTooltip(new Tooltip(reason.orElse("This host can run the lab live on network namespaces")));
    }

    Optional<String> liveUnavailable(Lab lab) {
        return hostChecked ? runtimes.live().unavailable(lab) : Optional.of("checking this host");
    }

    private static String shorten(String text) {
        return text.length() > 90 ? text.substring(0, 88) + "…" : text;
    }

    // ---- running

    public void startRunFromToolbar() {
        startRun();
    }

    private void startRun() {
        if (running != null) {
            return;
        }
        Lab lab = model.lab();
        List<Problem> errors = LabValidator.validate(lab).stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            status.setText("Fix the problems first: " + Wording.count(errors.size(), "error") + " (see the Problems tab)");
            return;
        }
        long seedValue;
        try {
            seedValue = Long.parseLong(seed.getText().strip());
        } catch (NumberFormatException e) {
            status.setText("The seed must be a whole number, e.g. 1");
            return;
        }
        boolean isLive = live.isSelected() && !live.isDisabled();
        play.setSelected(false);
        forgetRun("Running…");
        Task<RunRecord> task = new Task<>() {
            @Override
            protected RunRecord call() throws Exception {
                try {
                    LabRuntime runtime = isLive ? runtimes.live() : runtimes.emulated();
                    RunOutcome outcome = runtime.run(lab, seedValue, this::updateMessage);
                    return new RunRecord(lab, outcome.result(), outcome.trace(), outcome.captures());
                } finally {
                    Platform.runLater(RunPane.this::runThreadEnded);
                }
            }
        };
        running = task;
        runningLive = isLive;
        status.textProperty().bind(task.messageProperty());
        progress.setProgress(-1);
        progress.setVisible(true);
        runButton.setDisable(true);
        stopButton.setDisable(false);
        live.setDisable(true);
        task.setOnSucceeded(e -> {
            finishStatus();
            load(task.getValue());
            status.setText("Ran in " + (isLive ? "live mode" : "the emulator") + ": " + task.getValue().trace().size() + " trace events; press Play");
        });
        task.setOnFailed(e -> {
            finishStatus();
            Throwable cause = task.getException();
            status.setText("The run failed: " + describe(cause));
        });
        task.setOnCancelled(e -> {
            finishStatus();
            status.setText(isLive ? "Stopping: tearing the live lab down…" : "Stopped");
        });
        runThread = new Thread(task, "warplab-run");
        runThread.setDaemon(true);
        runThread.start();
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        if (cause instanceof RunFailedException || cause instanceof IOException) {
            return cause.getMessage();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private void finishStatus() {
        status.textProperty().unbind();
        progress.setVisible(false);
    }

    /** Called when the run's thread has really ended (after a live teardown too): only then may another run start. */
    private void runThreadEnded() {
        boolean cancelled = running != null && running.isCancelled();
        running = null;
        runThread = null;
        Runnable after = afterStop;
        afterStop = null;
        runButton.setDisable(false);
        stopButton.setDisable(true);
        updateLiveAvailability();
        if (cancelled) {
            status.setText("Stopped; nothing of the run is left behind");
        }
        if (after != null) {
            after.run();
        }
    }

    /** Stops the run and, once its thread has ended (a live lab torn down), runs {@code after} on the FX thread. */
    public void stopRunThen(Runnable after) {
        if (running == null) {
            after.run();
            return;
        }
        afterStop = after;
        status.textProperty().unbind();
        status.setText("Stopping the run before closing…");
        running.cancel(true);
    }

    /** Stops the run: the thread is interrupted; the emulator stops within a few thousand events, a live run tears its lab down. */
    public void stopRun() {
        if (running != null) {
            running.cancel(true);
        }
    }

    public boolean isRunning() {
        return running != null;
    }

    /** Whether the run going on is a live one (its namespaces, agents and perhaps QEMU are up). */
    public boolean isRunningLive() {
        return running != null && runningLive;
    }

    // ---- replay

    ObjectProperty<RunRecord> recordProperty() {
        return record;
    }

    /** Shows a run: readout, log, and the replay on the canvas from its start. */
    void load(RunRecord run) {
        record.set(run);
        index = new TraceIndex(run.trace(), run.result().endNs());
        overlay = new ReplayOverlay(index, this::inspect);
        overlay.setTheme(canvas.themeProperty().get());
        canvas.overlayProperty().set(overlay);
        readout.show(run);
        readout.setTheme(canvas.themeProperty().get());
        List<Phase> phases = new ArrayList<>();
        for (MigrationMetrics m : run.result().migrations()) {
            phases.addAll(m.phases());
        }
        List<Long> drops = new ArrayList<>();
        for (TraceEvent e : run.trace().events()) {
            if (e instanceof TraceEvent.Dropped) {
                drops.add(e.timeNs());
            }
        }
        scrubber.setData(index.endNs(), phases, drops);
        logItems.setAll(run.trace().events());
        org.warplab.run.story.Story story = org.warplab.run.story.Story.of(run.result(), run.trace());
        stepper.setStory(story, run.lab());
        storyList.getItems().setAll(story.steps());
        if (presentation != null) {
            presentation.close();
            presentation = null;
        }
        refilter();
        placementKey = "";
        setPlaybackDisabled(false);
        exportMenu.setDisable(false);
        speedChanged();
        seek(0);
        clock.start();
        // the bottom area has just grown for the run view: a lab cut off by it is fitted into what is left
        javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.millis(150));
        settle.setOnFinished(e -> {
            if (canvas.miniMapVisible()) {
                canvas.fit();
            }
        });
        settle.play();
    }

    /**
     * Forgets the shown run: another lab was opened, or a new run starts. Its readout, charts, log,
     * log filter and packet belong to that run, so none of them stays on screen.
     */
    private void forgetRun(String placeholder) {
        play.setSelected(false);
        if (record.get() == null && logItems.isEmpty()) {
            return;
        }
        record.set(null);
        index = null;
        overlay = null;
        canvas.overlayProperty().set(null);
        canvas.shownLabProperty().set(null);
        readout.clear();
        stepper.clear();
        storyList.getItems().clear();
        logItems.clear();
        logFilter.clear();
        logKind.setValue(LogFilter.STATE);
        log.setPlaceholder(new Label(placeholder));
        packetDetails.setText(PACKET_HINT);
        scrubber.setData(1, List.of(), List.of());
        setPlaybackDisabled(true);
        exportMenu.setDisable(true);
    }

    private void seekFromStory(long t) {
        play.setSelected(false);
        seek(t);
    }

    private void highlight(StoryHighlight highlight) {
        if (overlay != null) {
            overlay.setHighlight(highlight);
        }
        if (presentation != null) {
            presentation.setHighlight(highlight);
        }
        int i = stepper.currentIndex();
        syncingLog = true;
        try {
            if (i < 0) {
                storyList.getSelectionModel().clearSelection();
            } else {
                storyList.getSelectionModel().clearAndSelect(i);
                storyList.scrollTo(Math.max(0, i - 2));
            }
        } finally {
            syncingLog = false;
        }
        canvas.requestRedraw();
    }

    /** Shows a run made elsewhere through the same runtimes (the lesson panel's) as if this pane had made it. */
    public void show(Lab lab, org.warplab.run.RunOutcome outcome) {
        if (running == null) {
            load(new RunRecord(lab, outcome.result(), outcome.trace(), outcome.captures()));
            status.setText("The lesson's run: " + outcome.trace().size() + " trace events");
        }
    }

    /** Hides the shown run, saying why (a lesson's question is open: its figure must not be seen before the answer). */
    public void hideRun(String why) {
        if (running == null) {
            forgetRun(why);
            status.setText(why);
        }
    }

    /** Stops the replay at {@code step} of the shown run's story; false when the shown story has no such step. */
    public boolean stopAt(org.warplab.run.story.StoryStep step) {
        org.warplab.run.story.Story story = stepper.story();
        int i = story == null || overlay == null ? -1 : story.steps().indexOf(step);
        if (i < 0) {
            return false;
        }
        play.setSelected(false);
        stepper.goTo(i);
        return true;
    }

    /** Story step {@code delta} away from the one at the playhead (←/→); false when there is no story. */
    public boolean stepStory(int delta) {
        if (stepper.story() == null || overlay == null) {
            return false;
        }
        stepper.step(delta);
        return true;
    }

    public void togglePlay() {
        if (!play.isDisabled()) {
            play.setSelected(!play.isSelected());
        }
    }

    /** Presentation mode for the loaded run (full screen, or a window of the given size for tests and pictures). */
    public void present(boolean fullScreen) {
        present(fullScreen, 1280, 720);
    }

    void present(boolean fullScreen, double width, double height) {
        RunRecord run = record.get();
        if (run == null || overlay == null) {
            status.setText("Run the lab first: presentation mode shows a run");
            return;
        }
        if (presentation == null) {
            Lab shown = canvas.shownLabProperty().get() != null ? canvas.shownLabProperty().get() : run.lab();
            presentation = new PresentationView(model, canvas.currentTheme(), index, shown, run.result(),
                    new PresentationView.Controls() {
                        @Override
                        public void togglePlay() {
                            RunPane.this.togglePlay();
                        }

                        @Override
                        public void step(int delta) {
                            stepStory(delta);
                        }

                        @Override
                        public void speedBy(double factor) {
                            setSpeed(speed() * factor);
                        }

                        @Override
                        public void seekStart() {
                            seek(0);
                        }

                        @Override
                        public void seekEnd() {
                            seek(index.endNs());
                        }

                        @Override
                        public String speedText() {
                            return speedLabel.getText();
                        }

                        @Override
                        public long time() {
                            return timeNs;
                        }
                    });
            stepper.addBar(presentation.caption());
        }
        presentation.show(getScene() == null ? null : getScene().getWindow(), fullScreen, width, height);
        presentation.setHighlight(StoryHighlight.of(stepper.currentStep(), run.lab()));
        presentation.setTime(timeNs, stepper.currentStep());
    }

    /**
     * One picture per story step: presentation mode at {@code width × height} (shown while it
     * records), each step with its caption and readout.
     */
    List<java.awt.image.BufferedImage> storyFrames(double width, double height) {
        List<java.awt.image.BufferedImage> frames = new ArrayList<>();
        if (stepper.story() == null) {
            return frames;
        }
        boolean playing = play.isSelected();
        play.setSelected(false);
        present(false, width, height);
        javafx.scene.Scene scene = presentation.stage().getScene();
        seek(0);
        for (int i = 0; i < stepper.story().steps().size(); i++) {
            stepStory(1);
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            presentation.refit();
            presentation.canvas().redrawNow();
            javafx.scene.image.WritableImage image = new javafx.scene.image.WritableImage((int) Math.round(scene.getWidth()), (int) Math.round(scene.getHeight()));
            frames.add(StoryFrames.sized(StoryFrames.toAwt(scene.snapshot(image)), (int) width, (int) height));
        }
        play.setSelected(playing);
        return frames;
    }

    void exportStoryGif(Path file, double width, double height) throws IOException {
        StoryFrames.writeGif(storyFrames(width, height), file);
    }

    List<Path> exportStoryPngs(Path folder, double width, double height) throws IOException {
        return StoryFrames.writePngs(storyFrames(width, height), folder);
    }

    PresentationView presentation() {
        return presentation;
    }

    StoryStepper stepper() {
        return stepper;
    }

    CaptionBar captionBar() {
        return caption;
    }

    private void setPlaybackDisabled(boolean disabled) {
        play.setDisable(disabled);
        step.setDisable(disabled);
        scrubber.setDisable(disabled);
    }

    /** The document changed: a replay of the old lab no longer matches the drawing, so it leaves the canvas (the readout stays). */
    private void labChanged(Lab lab) {
        updateLiveAvailability();
        RunRecord run = record.get();
        if (run != null && run.lab() != lab && overlay != null) {
            play.setSelected(false);
            canvas.overlayProperty().set(null);
            canvas.shownLabProperty().set(null);
            overlay = null;
            setPlaybackDisabled(true);
            status.setText("The lab changed after this run: run it again to replay it (the figures below are of the earlier run)");
        }
    }

    private void tick(long now) {
        if (index == null || !play.isSelected()) {
            lastPulse = 0;
            return;
        }
        if (lastPulse != 0) {
            long advance = (long) ((now - lastPulse) * speed());
            long next = timeNs + Math.max(1, advance);
            if (next >= index.endNs()) {
                next = index.endNs();
                play.setSelected(false);
            }
            setTime(next);
        }
        lastPulse = now;
    }

    double speed() {
        return Math.pow(10, speed.getValue());
    }

    void setSpeed(double factor) {
        speed.setValue(Math.log10(Math.max(MIN_SPEED, Math.min(MAX_SPEED, factor))));
    }

    private void speedChanged() {
        double s = speed();
        speedLabel.setText(s >= 1 ? String.format(Locale.ROOT, "%.1f×", s) : s >= 0.01 ? String.format(Locale.ROOT, "%.2f×", s)
                : String.format(Locale.ROOT, "%.3f×", s));
        if (overlay != null) {
            overlay.setMarkDuration((long) (MARK_WALL_SECONDS * 1e9 * s));
        }
    }

    void seek(long t) {
        if (index == null) {
            return;
        }
        setTime(t);
        syncLog(true);
    }

    private void stepToNextEvent() {
        if (index == null) {
            return;
        }
        play.setSelected(false);
        seek(index.nextEventAfter(timeNs));
    }

    long time() {
        return timeNs;
    }

    private void setTime(long t) {
        timeNs = Math.max(0, Math.min(index.endNs(), t));
        if (overlay != null) {
            overlay.setTime(timeNs);
            placeVms();
            canvas.requestRedraw();
        }
        scrubber.setTime(timeNs);
        readout.setTime(timeNs);
        stepper.timeChanged(timeNs);
        if (presentation != null && presentation.isShowing()) {
            presentation.setTime(timeNs, stepper.currentStep());
        }
        timeLabel.setText(String.format(Locale.ROOT, "%.3f / %.1f ms", timeNs / 1e6, index.endNs() / 1e6));
        syncLog(false);
    }

    /** Shows each moved VM in the data center the trace has it in at this instant (the document is not changed). */
    private void placeVms() {
        RunRecord run = record.get();
        Lab lab = run.lab();
        StringBuilder key = new StringBuilder();
        List<Vm> moved = new ArrayList<>();
        for (TraceIndex.VmState state : index.vmStates(timeNs).values()) {
            Optional<Vm> vm = lab.node(state.vm(), Vm.class);
            if (vm.isPresent() && !vm.get().dataCenter().equals(state.dataCenter()) && lab.node(state.dataCenter()).isPresent()) {
                moved.add(vm.get().inDataCenter(state.dataCenter()));
                key.append(state.vm()).append('@').append(state.dataCenter()).append(';');
            }
        }
        if (!key.toString().equals(placementKey) || canvas.shownLabProperty().get() == null) {
            placementKey = key.toString();
            Lab shown = lab;
            for (Vm vm : moved) {
                shown = shown.replacingNode(vm);
            }
            canvas.shownLabProperty().set(shown);
            if (presentation != null) {
                presentation.setShownLab(shown);
            }
        }
    }

    /** Keeps the log's selection on the last event at or before the playhead (at most ten times a second while playing). */
    private void syncLog(boolean now) {
        long wall = System.nanoTime();
        if (!now && wall - lastLogSync < 100_000_000L) {
            return;
        }
        lastLogSync = wall;
        int lo = 0;
        int hi = filteredLog.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (filteredLog.get(mid).timeNs() <= timeNs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int row = lo - 1;
        syncingLog = true;
        try {
            if (row < 0) {
                log.getSelectionModel().clearSelection();
            } else if (log.getSelectionModel().getSelectedIndex() != row) {
                log.getSelectionModel().clearAndSelect(row);
                log.scrollTo(Math.max(0, row - 3));
            }
        } finally {
            syncingLog = false;
        }
    }

    private void refilter() {
        LogFilter kind = logKind.getValue() == null ? LogFilter.STATE : logKind.getValue();
        String text = logFilter.getText() == null ? "" : logFilter.getText().strip().toLowerCase(Locale.ROOT);
        filteredLog.setPredicate(e -> kind.accepts(e) && (text.isEmpty()
                || (TraceText.type(e) + " " + TraceText.where(e, this::shownName) + " " + TraceText.detail(e)).toLowerCase(Locale.ROOT).contains(text)));
        if (!logItems.isEmpty()) {
            log.setPlaceholder(new Label("No row matches the filter (" + Wording.count(logItems.size(), "event") + " in this run); clear the filter to see them"));
        }
        syncLog(true);
    }

    /** The packet's story: every hop, translation (addresses before → after), tunnel, and how it ended. */
    private void inspect(TraceEvent.PacketSent packet) {
        play.setSelected(false);
        packetDetails.setText(packetStory(packet));
        sideTabs.getSelectionModel().select(packetTab);
        canvas.requestRedraw();
    }

    String packetStory(TraceEvent.PacketSent packet) {
        StringBuilder out = new StringBuilder();
        TraceEvent.PacketSent first = index.firstHop(packet.packetId());
        out.append("Packet #").append(packet.packetId()).append(": ").append(packet.kind().name().toLowerCase(Locale.ROOT))
                .append(packet.flow() == null ? "" : " of flow " + packet.flow() + ", sequence " + packet.sequence()).append(", ")
                .append(packet.bytes()).append(" bytes\n");
        out.append("Now on ").append(packet.link()).append(": ").append(packet.fromNode()).append(" → ").append(packet.toNode())
                .append(String.format(Locale.ROOT, ", left at %.3f ms, arrives at %.3f ms (%s on the link)%n", packet.departNs() / 1e6,
                        packet.arriveNs() / 1e6, TraceText.ms(packet.arriveNs() - packet.departNs())));
        out.append("Headers here:  source ").append(packet.source()).append("  destination ").append(packet.destination()).append('\n');
        if (first != null && (!first.source().equals(packet.source()) || !first.destination().equals(packet.destination()))) {
            out.append("As sent:       source ").append(first.source()).append("  destination ").append(first.destination()).append('\n');
        }
        out.append("\nIts way through the network:\n");
        for (TraceEvent e : index.packetStory(packet.packetId())) {
            out.append(String.format(Locale.ROOT, "  %10.3f ms  %-12s %s%n", e.timeNs() / 1e6, TraceText.type(e), storyLine(e)));
        }
        return out.toString();
    }

    private static String storyLine(TraceEvent e) {
        if (e instanceof TraceEvent.PacketSent p) {
            return p.fromNode() + " → " + p.toNode() + " on " + p.link() + "   " + p.source() + " → " + p.destination();
        } else if (e instanceof TraceEvent.Translated t) {
            return t.node() + " rewrote the " + t.field() + ": " + t.from() + " → " + t.to();
        }
        return TraceText.where(e) + ": " + TraceText.detail(e);
    }

    String packetDetailsText() {
        return packetDetails.getText();
    }

    ReplayOverlay overlay() {
        return overlay;
    }

    ReadoutPane readout() {
        return readout;
    }

    TableView<TraceEvent> log() {
        return log;
    }

    Scrubber scrubber() {
        return scrubber;
    }

    // ---- files

    private void chooseFile(String what, String extension, FileAction action) {
        RunRecord run = record.get();
        if (run == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the " + what);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what + " (*." + extension + ")", "*." + extension));
        chooser.setInitialFileName(baseName(run) + "." + extension);
        var picked = FileDialogs.save(chooser, null, getScene() == null ? null : getScene().getWindow());
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
        RunReport.write(record.get(), readout, canvas.currentTheme(), file);
    }

    void exportCsv(Path file) throws IOException {
        SafeWrite.text(file, readout.series().toCsv());
    }

    void exportTrace(Path file) throws IOException {
        RunExports.writeTrace(record.get().trace(), file);
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
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Write one pcap file per link and LAN");
        Path chosen = FileDialogs.folder(chooser, null, getScene() == null ? null : getScene().getWindow()).orElse(null);
        if (chosen != null) {
            try {
                List<Path> files = exportPcaps(chosen);
                status.setText(files.size() + " pcap files written to " + chosen);
            } catch (IOException e) {
                status.setText("Could not write to " + chosen + ": " + e.getMessage());
            }
        }
    }

    private void chooseStoryFolder() {
        if (record.get() == null) {
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Write one picture per story step (step-01.png, …)");
        Path chosen = FileDialogs.folder(chooser, null, getScene() == null ? null : getScene().getWindow()).orElse(null);
        if (chosen != null) {
            try {
                status.setText(Wording.count(exportStoryPngs(chosen, 1280, 720).size(), "picture") + " written to " + chosen);
            } catch (IOException e) {
                status.setText("Could not write to " + chosen + ": " + e.getMessage());
            }
        }
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
        FileDialogs.open(chooser, null, getScene() == null ? null : getScene().getWindow()).ifPresent(this::openSavedRun);
    }

    /** Replays a saved run on the current lab without running it again; false, with the reason in the status, when it cannot. */
    boolean openSavedRun(Path resultFile) {
        Path traceFile = traceBeside(resultFile);
        RunResult result;
        Trace trace;
        try {
            result = RunExports.readResult(Files.readString(resultFile));
        } catch (IOException | RuntimeException e) {
            status.setText("Could not read the run result " + resultFile + ": " + e.getMessage());
            return false;
        }
        if (!Files.isRegularFile(traceFile)) {
            status.setText("No trace beside " + resultFile.getFileName() + ": expected " + traceFile.getFileName()
                    + " (Save run writes both; warplab emulate --report R.result.json --trace R.trace.jsonl too)");
            return false;
        }
        try {
            trace = RunExports.readTrace(traceFile);
        } catch (IOException | RuntimeException e) {
            status.setText("Could not read the trace " + traceFile + ": " + e.getMessage());
            return false;
        }
        Lab lab = model.lab();
        load(new RunRecord(lab, result, trace, List.of()));
        status.setText("Replaying " + resultFile.getFileName() + (result.lab().equals(lab.name()) ? ""
                : " (a run of \"" + result.lab() + "\", drawn on the open lab \"" + lab.name() + "\")"));
        return true;
    }

    Label statusLabel() {
        return status;
    }
}
