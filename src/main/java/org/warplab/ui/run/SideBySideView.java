package org.warplab.ui.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryStep;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.common.Theme;

/**
 * Two runs replayed side by side under one clock (network paging beside no scheme; a live run
 * beside an emulated one): each {@link ReplaySide} has its canvas, readout and caption; one
 * {@link PlaybackBar} (play, pause, speed, Stretch), one {@link Scrubber} and one pair of step
 * buttons move both. Both runs count time from their own start, so the same instant is the same
 * point of each lab's schedule. Past the shorter run's end, that side stays at its end.
 */
final class SideBySideView {

    private final Stage stage = new Stage();
    private final ReplaySide left;
    private final ReplaySide right;
    private final long endNs;
    private final Story merged;
    private final Scrubber scrubber;
    private final PlaybackBar play;
    private final Button previous = new Button("◀ Step");
    private final Button next = new Button("Step ▶");
    private long timeNs;

    SideBySideView(DesignerModel model, Theme theme, RunRecord leftRun, RunRecord rightRun) {
        left = new ReplaySide("sbs-left", model, theme, leftRun);
        right = new ReplaySide("sbs-right", model, theme, rightRun);
        endNs = Math.max(left.index().endNs(), right.index().endNs());
        merged = merge(left.story(), right.story());
        play = new PlaybackBar(new PlaybackBar.Replay() {
            @Override
            public long time() {
                return timeNs;
            }

            @Override
            public long endNs() {
                return endNs;
            }

            @Override
            public void seek(long t) {
                setTime(t);
            }

            @Override
            public void nextEvent() {
                setTime(Math.min(left.index().nextStepAfter(timeNs), right.index().nextStepAfter(timeNs)));
            }

            @Override
            public void present() {
                stage.setFullScreen(!stage.isFullScreen());
            }

            @Override
            public void holdOn(StoryStep step) {
                if (!left.showStep(step)) {
                    right.showStep(step);
                }
            }

            @Override
            public void speedChanged(double speed) {
                long marks = (long) (0.8e9 * speed);
                left.setMarkDuration(marks);
                right.setMarkDuration(marks);
            }
        });
        play.rename("sbs", "Full screen", "Both replays full screen (F11); Esc leaves");
        play.setStretch(new TimeStretch(merged, endNs));
        play.setDisabled(false);
        previous.setId("sbs-previous");
        next.setId("sbs-next");
        previous.setTooltip(new Tooltip("The previous step of either run's story (←)"));
        next.setTooltip(new Tooltip("The next step of either run's story (→)"));
        previous.setOnAction(e -> step(-1));
        next.setOnAction(e -> step(1));
        scrubber = new Scrubber(this::setTime);
        scrubber.setId("sbs-scrubber");
        scrubber.setTheme(theme);
        scrubber.showRun(leftRun, endNs);
        HBox.setHgrow(scrubber, Priority.ALWAYS);

        HBox bar = play.bar(previous, next);
        HBox scrubberRow = new HBox(8, scrubber, scrubber.zoomLabel(), play.stretchLabel());
        scrubberRow.setAlignment(Pos.CENTER_LEFT);
        scrubberRow.getStyleClass().add("run-bar");
        // readouts, canvases and captions in rows of their own: both canvases start at one height and have one size
        javafx.scene.layout.GridPane sides = new javafx.scene.layout.GridPane();
        sides.setHgap(10);
        sides.setVgap(4);
        sides.addColumn(0, left.readout(), left.canvasArea(), left.caption());
        sides.addColumn(1, right.readout(), right.canvasArea(), right.caption());
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
            half.setPercentWidth(50);
            sides.getColumnConstraints().add(half);
        }
        javafx.scene.layout.RowConstraints readouts = new javafx.scene.layout.RowConstraints();
        readouts.setValignment(javafx.geometry.VPos.TOP);
        javafx.scene.layout.RowConstraints canvases = new javafx.scene.layout.RowConstraints();
        canvases.setVgrow(Priority.ALWAYS);
        javafx.scene.layout.RowConstraints captions = new javafx.scene.layout.RowConstraints();
        captions.setValignment(javafx.geometry.VPos.TOP);
        sides.getRowConstraints().addAll(readouts, canvases, captions);
        // wrapped text is measured at the column's width, so a long caption gets the lines it needs
        for (javafx.scene.layout.Region r : List.of(left.readout(), right.readout(), left.caption(), right.caption())) {
            r.prefWidthProperty().bind(sides.widthProperty().subtract(10).divide(2));
            r.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        BorderPane root = new BorderPane(sides);
        root.setId("sbs-root");
        root.setTop(new VBox(bar, scrubberRow));
        BorderPane.setMargin(sides, new Insets(4));
        root.getStyleClass().add("run-pane");
        stage.setScene(ReplayScene.of(root, theme, this::key));
        stage.setTitle("WarpLab — " + title(leftRun) + " beside " + title(rightRun));
        stage.setOnHidden(e -> play.pause());
        play.start();
        play.speedChanged();
        setTime(0);
    }

    static String title(RunRecord run) {
        return run.result().scheme() + " (" + run.result().runtime() + ")";
    }

    /** Both stories in time order: the clock's steps (Step ▶, Stretch) are those of either run. */
    private static Story merge(Story a, Story b) {
        List<StoryStep> steps = new ArrayList<>(a.steps());
        steps.addAll(b.steps());
        steps.sort(Comparator.comparingLong(StoryStep::timeNs));
        return new Story(a.lab(), a.scheme() + " | " + b.scheme(), a.runtime() + " | " + b.runtime(), steps);
    }

    private void key(KeyEvent e) {
        switch (e.getCode()) {
            case SPACE -> play.togglePlay();
            case RIGHT, PAGE_DOWN -> step(1);
            case LEFT, PAGE_UP -> step(-1);
            case PLUS, ADD, EQUALS -> play.setSpeed(play.speed() * 2);
            case MINUS, SUBTRACT -> play.setSpeed(play.speed() / 2);
            case HOME -> setTime(0);
            case END -> setTime(endNs);
            case F11 -> stage.setFullScreen(!stage.isFullScreen());
            case ESCAPE -> {
                if (stage.isFullScreen()) {
                    stage.setFullScreen(false);
                } else {
                    stage.hide();
                }
            }
            default -> {
                if (!scrubber.zoomKey(e.getCode(), timeNs)) {
                    return;
                }
            }
        }
        e.consume();
    }

    /** To the next (or previous) instant at which either run's story has a step. */
    void step(int delta) {
        play.pause();
        long target = -1;
        for (StoryStep s : merged.steps()) {
            long t = s.timeNs();
            if (delta > 0 && t > timeNs && (target < 0 || t < target)) {
                target = t;
            }
            if (delta < 0 && t < timeNs && t > target) {
                target = t;
            }
        }
        if (target < 0) {
            target = delta > 0 ? timeNs : 0;
        }
        setTime(target);
    }

    void setTime(long t) {
        timeNs = Math.max(0, Math.min(endNs, t));
        left.setTime(timeNs);
        right.setTime(timeNs);
        scrubber.setTime(timeNs);
        play.showTime(timeNs, endNs);
    }

    void show(Window owner, double width, double height) {
        if (stage.getOwner() == null && owner != null) {
            stage.initOwner(owner);
        }
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        stage.toFront();
        // the canvases get their size in the layout pass after this one: fit each lab then
        Platform.runLater(() -> {
            left.fit();
            right.fit();
        });
    }

    void close() {
        stage.hide();
    }

    long time() {
        return timeNs;
    }

    ReplaySide left() {
        return left;
    }

    ReplaySide right() {
        return right;
    }

    PlaybackBar playback() {
        return play;
    }

    Scrubber scrubber() {
        return scrubber;
    }

    Stage stage() {
        return stage;
    }

    Story story() {
        return merged;
    }
}
