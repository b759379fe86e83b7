package org.warplab.ui.run;

import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The replay's clock and its bar: play/pause, next event, the speed (0.001× to 10×, a log slider),
 * the time and Present. While playing, each pulse advances the replay by the wall time since the
 * last pulse times the speed.
 */
final class PlaybackBar {

    static final double MIN_SPEED = 0.001;
    static final double MAX_SPEED = 10;

    /** The replay this bar drives. */
    interface Replay {
        /** Whether a run is loaded (a view made for its runs always has them). */
        default boolean loaded() {
            return true;
        }

        long time();

        long endNs();

        /** Moves the playhead while playing (the Run view's log follows at most ten times a second); without a log, a seek. */
        default void advanceTo(long timeNs) {
            seek(timeNs);
        }

        /** Moves the playhead at once (the log follows now). */
        void seek(long timeNs);

        void nextEvent();

        void present();

        void speedChanged(double speed);

        /** While Stretch holds the clock at an instant of several steps, the one of them to show now. */
        default void holdOn(org.warplab.run.story.StoryStep step) {
        }
    }

    private final Replay replay;
    private final ToggleButton play = new ToggleButton("Play");
    private final Button step = new Button("Next event");
    private final Slider speed = new Slider(Math.log10(MIN_SPEED), Math.log10(MAX_SPEED), -2);
    private final Label speedLabel = new Label();
    private final Label timeLabel = new Label("—");
    private final Button present = new Button("Present");
    private final ToggleButton stretch = new ToggleButton("Stretch");
    private final Label stretchLabel = new Label();
    private final AnimationTimer clock;
    private long lastPulse;
    private TimeStretch stretching;

    PlaybackBar(Replay replay) {
        this.replay = replay;
        play.setId("run-play");
        play.setTooltip(new Tooltip("Play / pause the replay (Space)"));
        play.selectedProperty().addListener((o, was, is) -> {
            play.setText(is ? "Pause" : "Play");
            if (is && replay.loaded() && replay.time() >= replay.endNs()) {
                replay.seek(0);
            }
            lastPulse = 0;
        });
        step.setId("run-step");
        step.setTooltip(new Tooltip("Pause and go to the next event of the trace; a run of the migration stream's bursts, or of probes "
                + "in flight, is one step"));
        step.setOnAction(e -> {
            pause();
            replay.nextEvent();
        });
        speed.setId("run-speed");
        speed.setPrefWidth(160);
        speed.setTooltip(new Tooltip("Replay speed, 0.001× to 10× real time (a 20 ms probe is visible below 0.1×)"));
        speed.valueProperty().addListener(o -> speedChanged());
        speedLabel.setId("run-speed-label");
        speedLabel.setTooltip(new Tooltip("Replay speed (times real time)"));
        speedLabel.setMinWidth(58);
        timeLabel.setId("run-time");
        timeLabel.setMinWidth(170);
        stretch.setId("run-stretch");
        stretch.setTooltip(new Tooltip("Time that stretches: the replay slows by itself around each story step, so that each "
                + "stays at least " + TimeStretch.WALL_NS / 1_000_000_000L + " s on screen (the factor is shown)"));
        stretch.selectedProperty().addListener(o -> showFactor());
        stretchLabel.setId("run-stretch-factor");
        stretchLabel.getStyleClass().add("explanation");
        stretchLabel.setMinWidth(Control.USE_PREF_SIZE);
        present.setId("run-present");
        present.setTooltip(new Tooltip("Presentation mode: the replay full screen with a large readout and the story's captions (F11)"));
        present.setOnAction(e -> replay.present());
        clock = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick(now);
            }
        };
        setDisabled(true);
        setStretch(null);
        speedChanged();
    }

    /** The bar: play, next event, then {@code middle} (the story's previous/next step), speed, time, Present. */
    HBox bar(Control... middle) {
        HBox playback = new HBox(play, step);
        playback.getChildren().addAll(middle);
        // no "Speed" word: the slider's "0.01×" says it, and at 1280×720 the bar needs the room for Stretch and Present
        playback.getChildren().addAll(speed, speedLabel, stretch, timeLabel, present);
        RunPane.keepWhole(playback);
        playback.getStyleClass().add("run-bar");
        playback.setId("run-playback");
        for (Node n : playback.getChildren()) {
            if (n instanceof Control c && n != speed) {
                c.setMinWidth(Control.USE_PREF_SIZE);
            }
        }
        for (Control c : List.of(play, step, speedLabel, stretch, timeLabel, present)) {
            c.setMinWidth(Control.USE_PREF_SIZE);
        }
        return playback;
    }

    /** A second bar in another window (side by side): ids under {@code prefix} ("sbs-play", …) and Present named for what it does there. */
    void rename(String prefix, String presentText, String presentTip) {
        for (Control c : List.of(play, step, speed, speedLabel, timeLabel, stretch, stretchLabel, present)) {
            c.setId(c.getId().replace("run-", prefix + "-"));
        }
        present.setText(presentText);
        present.setTooltip(new Tooltip(presentTip));
    }

    /** The stretched factor and what it slows around ("×0.0072 around VM paused"); empty while the chosen speed holds. */
    Label stretchLabel() {
        return stretchLabel;
    }

    void start() {
        clock.start();
    }

    boolean isPlaying() {
        return play.isSelected();
    }

    void setPlaying(boolean playing) {
        play.setSelected(playing);
    }

    void pause() {
        play.setSelected(false);
    }

    /** Presentation mode's keys drive this bar and its replay; {@code step} moves by story steps. */
    PresentationView.Controls presentationControls(java.util.function.IntConsumer step) {
        return new PresentationView.Controls() {
            @Override
            public void togglePlay() {
                PlaybackBar.this.togglePlay();
            }

            @Override
            public void step(int delta) {
                step.accept(delta);
            }

            @Override
            public void speedBy(double factor) {
                setSpeed(speed() * factor);
            }

            @Override
            public void seekStart() {
                replay.seek(0);
            }

            @Override
            public void seekEnd() {
                replay.seek(replay.endNs());
            }

            @Override
            public String speedText() {
                return PlaybackBar.this.speedText();
            }

            @Override
            public long time() {
                return replay.time();
            }
        };
    }

    void togglePlay() {
        if (!play.isDisabled()) {
            play.setSelected(!play.isSelected());
        }
    }

    void setDisabled(boolean disabled) {
        play.setDisable(disabled);
        step.setDisable(disabled);
    }

    private void tick(long now) {
        if (!replay.loaded() || !play.isSelected()) {
            lastPulse = 0;
            return;
        }
        if (lastPulse != 0) {
            TimeStretch.Position to = isStretching() ? stretching.advance(replay.time(), now - lastPulse, speed())
                    : new TimeStretch.Position(replay.time() + Math.max(1, (long) ((now - lastPulse) * speed())), null);
            long next = to.timeNs();
            if (next >= replay.endNs()) {
                next = replay.endNs();
                play.setSelected(false);
            }
            replay.advanceTo(next);
            if (to.shown() != null) {
                replay.holdOn(to.shown());
                showFactor();
            }
        }
        lastPulse = now;
    }

    double speed() {
        return Math.pow(10, speed.getValue());
    }

    /** The story whose steps time stretches around (null: none). */
    void setStretch(TimeStretch stretching) {
        this.stretching = stretching;
        stretch.setDisable(stretching == null);
        showFactor();
    }

    boolean isStretching() {
        return stretch.isSelected() && stretching != null;
    }

    void setStretching(boolean on) {
        stretch.setSelected(on);
    }

    /** The speed at the playhead: the chosen one, or slower around a story step while Stretch is on. */
    TimeStretch.Factor factor() {
        double chosen = speed();
        if (!isStretching() || !replay.loaded()) {
            return new TimeStretch.Factor(chosen, null);
        }
        return stretching.at(replay.time(), chosen);
    }

    private void showFactor() {
        TimeStretch.Factor f = factor();
        stretchLabel.setText(f.stretched() ? f.text() : "");
    }

    void setSpeed(double factor) {
        speed.setValue(Math.log10(Math.max(MIN_SPEED, Math.min(MAX_SPEED, factor))));
    }

    /** The speed as the presentation's clock shows it: "0.01×", or the stretched factor and why. */
    String speedText() {
        TimeStretch.Factor f = factor();
        return f.stretched() ? f.text() : speedLabel.getText();
    }

    /** Re-announces the speed (a new run's marks last as long in wall time as the last run's). */
    void speedChanged() {
        double s = speed();
        speedLabel.setText(s >= 1 ? String.format(Locale.ROOT, "%.1f×", s) : s >= 0.01 ? String.format(Locale.ROOT, "%.2f×", s)
                : String.format(Locale.ROOT, "%.3f×", s));
        replay.speedChanged(s);
    }

    void showTime(long timeNs, long endNs) {
        timeLabel.setText(String.format(Locale.ROOT, "%.3f / %.1f ms", timeNs / 1e6, endNs / 1e6));
        showFactor();
    }
}
