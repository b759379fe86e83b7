package org.warplab.ui.common;

import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;

/**
 * Long work off the FX thread, shown while it runs: the task's messages in a status label, its
 * progress in a bar, the button that started it disabled until it ends, and (when there is one) a
 * Cancel button enabled meanwhile.
 */
public final class BackgroundWork {

    private final Label status;
    private final ProgressBar progress;
    private final Button start;
    private final Button cancel;

    public BackgroundWork(Label status, ProgressBar progress, Button start) {
        this(status, progress, start, null);
    }

    /** With {@code cancel} (may be null): pressing it cancels the task, which then ends as cancelled. */
    public BackgroundWork(Label status, ProgressBar progress, Button start, Button cancel) {
        this.status = status;
        this.progress = progress;
        this.start = start;
        this.cancel = cancel;
    }

    /**
     * Runs {@code task} on a daemon thread. On success {@code done} gets the value; on failure the
     * status says {@code failure} and the cause; cancelled (by the Cancel button or by the caller),
     * the status says so with how far it got. Either way {@code ended} runs last, on the FX thread.
     */
    public <T> void run(Task<T> task, String threadName, Consumer<T> done, String failure, Runnable ended) {
        status.textProperty().bind(task.messageProperty());
        progress.progressProperty().bind(task.progressProperty());
        progress.setVisible(true);
        start.setDisable(true);
        if (cancel != null) {
            cancel.setDisable(false);
            cancel.setOnAction(e -> task.cancel());
        }
        task.setOnSucceeded(e -> {
            reset();
            done.accept(task.getValue());
            ended.run();
        });
        task.setOnFailed(e -> {
            reset();
            Throwable cause = task.getException();
            status.setText(failure + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            ended.run();
        });
        task.setOnCancelled(e -> {
            String reached = task.getMessage();
            reset();
            status.setText("Cancelled" + (reached == null || reached.isBlank() ? "" : " (" + reached.replace("…", "") + ")"));
            ended.run();
        });
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void reset() {
        status.textProperty().unbind();
        progress.progressProperty().unbind();
        progress.setVisible(false);
        start.setDisable(false);
        if (cancel != null) {
            cancel.setDisable(true);
            cancel.setOnAction(null);
        }
    }
}
