package org.warplab.ui.run;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.run.LabRuntime;
import org.warplab.run.RunFailedException;
import org.warplab.run.RunOutcome;
import org.warplab.run.Runtimes;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.common.Wording;

/**
 * Running a lab in the background: emulated or live (offered when the host and the lab's scheme
 * allow it), the seed, Run and Stop, the progress and the status line. A run is one thread; another
 * may start only once it has really ended (a live lab torn down).
 */
final class RunControl {

    /** What the run view does with a run's start and its result. */
    interface Listener {
        /** A run starts: the shown one is forgotten (its figures are not this run's). */
        void runStarting(String emptyLogText);

        void runFinished(RunRecord run);
    }

    private final DesignerModel model;
    private final Runtimes runtimes;
    private final Listener listener;
    private final RadioButton emulated = new RadioButton("Emulated");
    private final RadioButton live = new RadioButton("Live");
    private final Label liveReason = new Label();
    private final SeedField seed = new SeedField("run-seed", "Seed of the emulator's random source (jitter, loss): the same seed gives the same run");
    private final Button runButton = new Button("▶ Run");
    private final Button stopButton = new Button("■ Stop");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("Emulated runs take a second; live runs need root on Linux.");
    private Task<RunRecord> running;
    private boolean runningLive;
    private Runnable afterStop;
    /** Whether live mode has looked at this host yet (it runs commands, so off the FX thread). */
    private boolean hostChecked;

    RunControl(DesignerModel model, Runtimes runtimes, Listener listener) {
        this.model = model;
        this.runtimes = runtimes;
        this.listener = listener;
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
        checkHost();
    }

    /** The run bar: mode, seed, Run, Stop, progress, then {@code trailing} at the right (open, export). */
    HBox bar(Node... trailing) {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox controls = new HBox(emulated, live, new Label("Seed"), seed, runButton, stopButton, progress, spacer);
        controls.getChildren().addAll(trailing);
        RunPane.keepWhole(controls);
        controls.getStyleClass().add("run-bar");
        for (Control c : List.of(emulated, live, runButton, stopButton)) {
            c.setMinWidth(Control.USE_PREF_SIZE);
        }
        return controls;
    }

    /** The status line and, at its right, why live mode is (un)available. */
    HBox messages() {
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox messages = new HBox(status, liveReason);
        messages.getStyleClass().add("run-bar");
        return messages;
    }

    Label status() {
        return status;
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
    void updateLiveAvailability() {
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

    /** The seed typed in the bar; null, with the reason in the status, when it is not a whole number. */
    Long seed() {
        return seed.seed(status);
    }

    void startRun() {
        if (running != null) {
            return;
        }
        Lab lab = model.lab();
        List<Problem> errors = LabValidator.validate(lab).stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            status.setText("Fix the problems first: " + Wording.count(errors.size(), "error") + " (see the Problems tab)");
            return;
        }
        Long seedValue = seed();
        if (seedValue == null) {
            return;
        }
        boolean isLive = live.isSelected() && !live.isDisabled();
        listener.runStarting("Running…");
        Task<RunRecord> task = new Task<>() {
            @Override
            protected RunRecord call() throws Exception {
                try {
                    LabRuntime runtime = isLive ? runtimes.live() : runtimes.emulated();
                    RunOutcome outcome = runtime.run(lab, seedValue, this::updateMessage);
                    return new RunRecord(lab, outcome.result(), outcome.trace(), outcome.captures());
                } finally {
                    Platform.runLater(RunControl.this::runThreadEnded);
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
            listener.runFinished(task.getValue());
            status.setText("Ran in " + (isLive ? "live mode" : "the emulator") + ": " + task.getValue().trace().size() + " trace events; press Play");
        });
        task.setOnFailed(e -> {
            finishStatus();
            status.setText("The run failed: " + describe(task.getException()));
        });
        task.setOnCancelled(e -> {
            finishStatus();
            status.setText(isLive ? "Stopping: tearing the live lab down…" : "Stopped");
        });
        Thread runThread = new Thread(task, "warplab-run");
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
    void stopRunThen(Runnable after) {
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
    void stopRun() {
        if (running != null) {
            running.cancel(true);
        }
    }

    boolean isRunning() {
        return running != null;
    }

    /** Whether the run going on is a live one (its namespaces, agents and perhaps QEMU are up). */
    boolean isRunningLive() {
        return running != null && runningLive;
    }
}
