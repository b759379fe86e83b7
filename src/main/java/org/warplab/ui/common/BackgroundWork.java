package org.warplab.ui.common;

import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;

/**
 * Long work off the FX thread, shown while it runs: the task's messages in a status label, its
 * progress in a bar, and the button that started it disabled until it ends.
 */
public final class BackgroundWork {

    private final Label status;
    private final ProgressBar progress;
    private final Button start;

    public BackgroundWork(Label status, ProgressBar progress, Button start) {
        this.status = status;
        this.progress = progress;
        this.start = start;
    }

    /**
     * Runs {@code task} on a daemon thread. On success {@code done} gets the value; on failure the
     * status says {@code failure} and the cause. Either way {@code ended} runs last, on the FX thread.
     */
    public <T> void run(Task<T> task, String threadName, Consumer<T> done, String failure, Runnable ended) {
        status.textProperty().bind(task.messageProperty());
        progress.progressProperty().bind(task.progressProperty());
        progress.setVisible(true);
        start.setDisable(true);
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
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void reset() {
        status.textProperty().unbind();
        progress.progressProperty().unbind();
        progress.setVisible(false);
        start.setDisable(false);
    }
}
