package org.warplab.ui.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.warplab.model.Lab;
import org.warplab.run.RunOutcome;
import org.warplab.run.Runtimes;
import org.warplab.run.TraceEvent;
import org.warplab.ui.canvas.CanvasView;
import org.warplab.ui.common.DesignerModel;

/**
 * The Run tab, put together: the run bar ({@link RunControl}), the replay on the canvas driven by
 * the {@link PlaybackBar}, the {@link Scrubber} with the phases and the story's {@link StoryStepper}
 * and caption, the timing readout, the side tabs ({@link EventLogPanel}) and the run's files
 * ({@link RunFiles}). This class owns the playhead: every control moves it through {@link #seek}.
 */
public final class RunPane extends BorderPane {

    /** How long (wall time) a drop or rule switch stays marked on the canvas. */
    private static final double MARK_WALL_SECONDS = 0.8;

    private final DesignerModel model;
    private final CanvasView canvas;
    private final ObjectProperty<RunRecord> record = new SimpleObjectProperty<>(this, "record");
    private final PlaybackBar play = new PlaybackBar(new PlaybackBar.Replay() {
        @Override
        public boolean loaded() {
            return index != null;
        }

        @Override
        public long time() {
            return timeNs;
        }

        @Override
        public long endNs() {
            return index.endNs();
        }

        @Override
        public void advanceTo(long t) {
            setTime(t);
        }

        @Override
        public void seek(long t) {
            RunPane.this.seek(t);
        }

        @Override
        public void nextEvent() {
            seek(index.nextStepAfter(timeNs));
        }

        @Override
        public void present() {
            RunPane.this.present(true);
        }

        @Override
        public void holdOn(org.warplab.run.story.StoryStep step) {
            stepper.showStep(step);
        }

        @Override
        public void speedChanged(double speed) {
            if (overlay != null) {
                overlay.setMarkDuration((long) (MARK_WALL_SECONDS * 1e9 * speed));
            }
        }
    });
    private final Scrubber scrubber = new Scrubber(this::seek);
    private final StoryStepper stepper = new StoryStepper(this::seekFromStory, this::highlight);
    private final CaptionBar caption = new CaptionBar("run-caption");
    private PresentationView presentation;
    private final SideBySideRuns sideBySide;
    private final ReadoutPane readout = new ReadoutPane();
    private final RunControl control;
    private final RunFiles files;
    private final EventLogPanel events;
    private TraceIndex index;
    private ReplayOverlay overlay;
    private long timeNs;
    private String placementKey = "";

    public RunPane(DesignerModel model, CanvasView canvas, Runtimes runtimes) {
        this.model = model;
        this.canvas = canvas;
        setId("run-pane");
        control = new RunControl(model, runtimes, new RunControl.Listener() {
            @Override
            public void runStarting(String emptyLogText) {
                forgetRun(emptyLogText);
            }

            @Override
            public void runFinished(RunRecord run) {
                load(run);
            }
        });
        files = new RunFiles(record::get, readout, canvas::currentTheme, model::lab, this::load, this::storyFrames,
                () -> getScene() == null ? null : getScene().getWindow(), control.status());
        sideBySide = new SideBySideRuns(model, runtimes.emulated(), control, files, canvas::currentTheme,
                () -> getScene() == null ? null : getScene().getWindow());
        events = new EventLogPanel(this::shownName, () -> index, new EventLogPanel.Navigation() {
            @Override
            public void pauseAndSeek(long t) {
                play.pause();
                seek(t);
            }

            @Override
            public void pauseAndGoToStep(int i) {
                play.pause();
                stepper.step(i - stepper.currentIndex());
            }
        });
        HBox controls = control.bar(files.openButton(), files.exportMenu());
        HBox messages = control.messages();

        scrubber.setId("run-scrubber");
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        HBox playback = play.bar(stepper.previousButton(), stepper.nextButton());
        HBox scrubberRow = new HBox(8, scrubber, scrubber.zoomLabel(), play.stretchLabel());
        scrubberRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        scrubberRow.getStyleClass().add("run-bar");
        setPlaybackDisabled(true);

        javafx.scene.control.ScrollPane readoutScroll = new javafx.scene.control.ScrollPane(readout);
        readoutScroll.setFitToWidth(true);
        readoutScroll.setId("readout-scroll");
        SplitPane body = new SplitPane(readoutScroll, events.node());
        // about half each: at 1280×720 the log's time, event and where columns (350 px) are whole beside the readout's tiles
        body.setDividerPositions(0.48);
        body.setOrientation(Orientation.HORIZONTAL);
        stepper.addBar(caption);
        setTop(new VBox(controls, messages, new Separator(), playback, scrubberRow, caption));
        setCenter(body);

        model.labProperty().addListener((o, was, is) -> labChanged(is));
        model.documentsProperty().addListener(o -> forgetRun("No run yet: press Run (F5)"));
        canvas.themeProperty().addListener((o, was, is) -> {
            readout.setTheme(is);
            scrubber.setTheme(is);
            if (overlay != null) {
                overlay.setTheme(is);
            }
        });
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

    // ---- running (RunControl)

    public void startRunFromToolbar() {
        control.startRun();
    }

    /** Stops the run and, once its thread has ended (a live lab torn down), runs {@code after} on the FX thread. */
    public void stopRunThen(Runnable after) {
        control.stopRunThen(after);
    }

    public void stopRun() {
        control.stopRun();
    }

    public boolean isRunning() {
        return control.isRunning();
    }

    /** Whether the run going on is a live one (its namespaces, agents and perhaps QEMU are up). */
    public boolean isRunningLive() {
        return control.isRunningLive();
    }

    Optional<String> liveUnavailable(Lab lab) {
        return control.liveUnavailable(lab);
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
        scrubber.showRun(run, index.endNs());
        org.warplab.run.story.Story story = org.warplab.run.story.Story.of(run.result(), run.trace());
        stepper.setStory(story, run.lab());
        play.setStretch(new TimeStretch(story, index.endNs()));
        events.show(run.trace().events(), story.steps());
        if (presentation != null) {
            presentation.close();
            presentation = null;
        }
        placementKey = "";
        setPlaybackDisabled(false);
        files.setRunShown(true);
        play.speedChanged();
        seek(0);
        play.start();
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
    private void forgetRun(String emptyLogText) {
        play.pause();
        if (record.get() == null && events.isEmpty()) {
            return;
        }
        record.set(null);
        index = null;
        overlay = null;
        canvas.overlayProperty().set(null);
        canvas.shownLabProperty().set(null);
        readout.clear();
        stepper.clear();
        play.setStretch(null);
        events.clear(emptyLogText);
        scrubber.setData(1, List.of(), List.of());
        setPlaybackDisabled(true);
        files.setRunShown(false);
    }

    private void seekFromStory(long t) {
        play.pause();
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
        events.storyStepShown(i);
        canvas.requestRedraw();
    }

    /** Shows a run made elsewhere through the same runtimes (the lesson panel's) as if this pane had made it. */
    public void show(Lab lab, org.warplab.run.RunOutcome outcome) {
        if (!control.isRunning()) {
            load(new RunRecord(lab, outcome.result(), outcome.trace(), outcome.captures()));
            control.status().setText("The lesson's run: " + outcome.trace().size() + " trace events");
        }
    }

    /** Hides the shown run, saying why (a lesson's question is open: its figure must not be seen before the answer). */
    public void hideRun(String why) {
        if (!control.isRunning()) {
            forgetRun(why);
            control.status().setText(why);
        }
    }

    /** Stops the replay at {@code step} of the shown run's story; false when the shown story has no such step. */
    public boolean stopAt(org.warplab.run.story.StoryStep step) {
        org.warplab.run.story.Story story = stepper.story();
        int i = story == null || overlay == null ? -1 : story.steps().indexOf(step);
        if (i < 0) {
            return false;
        }
        play.pause();
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
        play.togglePlay();
    }

    /** Presentation mode for the loaded run (full screen, or a window of the given size for tests and pictures). */
    public void present(boolean fullScreen) {
        present(fullScreen, 1280, 720);
    }

    void present(boolean fullScreen, double width, double height) {
        RunRecord run = record.get();
        if (run == null || overlay == null) {
            control.status().setText("Run the lab first: presentation mode shows a run");
            return;
        }
        if (presentation == null) {
            Lab shown = canvas.shownLabProperty().get() != null ? canvas.shownLabProperty().get() : run.lab();
            presentation = new PresentationView(model, canvas.currentTheme(), index, shown, run.result(),
                    play.presentationControls(this::stepStory));
            stepper.addBar(presentation.caption());
        }
        presentation.show(getScene() == null ? null : getScene().getWindow(), fullScreen, width, height);
        presentation.setHighlight(StoryHighlight.of(stepper.currentStep(), run.lab()));
        presentation.setTime(timeNs, stepper.currentStep());
    }

    // ---- side by side (SideBySideRuns)

    /** Run &gt; Replay Beside … and the Compare tab's row menu: two runs replayed side by side in a window of their own. */
    public SideBySideRuns sideBySide() {
        return sideBySide;
    }

    /** One picture per story step at {@code width × height}: presentation mode of its own, so the replay on screen stays where it is. */
    List<java.awt.image.BufferedImage> storyFrames(double width, double height) {
        RunRecord run = record.get();
        if (run == null || stepper.story() == null) {
            return List.of();
        }
        return StoryRecorder.frames(canvas.currentTheme(), run.lab(), run.result(), run.trace(), stepper.story(), (int) width, (int) height);
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
        play.setDisabled(disabled);
        scrubber.setDisable(disabled);
    }

    /** The document changed: a replay of the old lab no longer matches the drawing, so it leaves the canvas (the readout stays). */
    private void labChanged(Lab lab) {
        control.updateLiveAvailability();
        RunRecord run = record.get();
        if (run != null && run.lab() != lab && overlay != null) {
            play.pause();
            canvas.overlayProperty().set(null);
            canvas.shownLabProperty().set(null);
            overlay = null;
            setPlaybackDisabled(true);
            control.status().setText("The lab changed after this run: run it again to replay it (the figures below are of the earlier run)");
        }
    }

    double speed() {
        return play.speed();
    }

    PlaybackBar playback() {
        return play;
    }

    void setSpeed(double factor) {
        play.setSpeed(factor);
    }

    void seek(long t) {
        if (index == null) {
            return;
        }
        setTime(t);
        events.timeChanged(timeNs, true);
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
        play.showTime(timeNs, index.endNs());
        events.timeChanged(timeNs, false);
    }

    /** Shows each moved VM in the data center the trace has it in at this instant (the document is not changed). */
    private void placeVms() {
        Lab lab = record.get().lab();
        String key = index.movedVms(lab, timeNs).toString();
        if (!key.equals(placementKey) || canvas.shownLabProperty().get() == null) {
            placementKey = key;
            Lab shown = index.labAt(lab, timeNs);
            canvas.shownLabProperty().set(shown);
            if (presentation != null) {
                presentation.setShownLab(shown);
            }
        }
    }

    /** A clicked packet: the replay pauses and the Packet tab tells its way through the network. */
    private void inspect(TraceEvent.PacketSent packet) {
        play.pause();
        events.inspect(packet);
        canvas.requestRedraw();
    }

    String packetStory(TraceEvent.PacketSent packet) {
        return events.packetStory(packet);
    }

    String packetDetailsText() {
        return events.packetDetailsText();
    }

    ReplayOverlay overlay() {
        return overlay;
    }

    ReadoutPane readout() {
        return readout;
    }

    TableView<TraceEvent> log() {
        return events.log();
    }

    Scrubber scrubber() {
        return scrubber;
    }

    // ---- files (RunFiles)

    RunFiles files() {
        return files;
    }

    /** Replays a saved run on the open lab without running it again; false, with the reason in the status, when it cannot. */
    boolean openSavedRun(Path resultFile) {
        return files.openSavedRun(resultFile);
    }

    Label statusLabel() {
        return control.status();
    }
}
