package org.warplab.ui.run;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.warplab.model.Lab;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunResult;
import org.warplab.run.story.StoryStep;
import org.warplab.ui.canvas.CanvasView;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.common.Theme;

/**
 * Presentation mode: the replay alone on a window of its own (full screen from View ▸ Present or
 * F11), the side panels left behind; a large readout (switching, downtime, gap) over the top, the
 * story's caption over the bottom, and the keyboard in charge: Space play/pause, ←/→ step,
 * +/− speed, Home/End, F11 full screen, Esc to leave. Dots, labels and links at a presentation
 * scale; the lab is fitted into the space between the readout and the caption, where the labels
 * are placed too.
 */
final class PresentationView {

    static final double DOT_PIXELS = 12;
    static final double LABEL_PIXELS = 18;
    static final double FIGURE_PIXELS = 52;

    /** What presentation mode asks of the run view it shows. */
    interface Controls {
        void togglePlay();

        void step(int delta);

        void speedBy(double factor);

        void seekStart();

        void seekEnd();

        String speedText();

        long time();
    }

    private final Stage stage = new Stage();
    private final CanvasView canvas;
    private final ReplayOverlay overlay;
    private final CaptionBar caption = new CaptionBar("present-caption");
    private final Label switching = figure("present-switching");
    private final Label downtime = figure("present-downtime");
    private final Label gap = figure("present-gap");
    private final Label clock = new Label();
    private final HBox readout;
    private final Controls controls;
    private final RunResult result;

    PresentationView(DesignerModel model, Theme theme, TraceIndex index, Lab shown, RunResult result, Controls controls) {
        this.controls = controls;
        this.result = result;
        canvas = new CanvasView(model);
        canvas.setId("present-canvas");
        canvas.themeProperty().set(theme);
        canvas.shownLabProperty().set(shown);
        canvas.outsideLabelsProperty().set(false);
        overlay = new ReplayOverlay(index, p -> { });
        overlay.setTheme(theme);
        overlay.present(DOT_PIXELS, LABEL_PIXELS, true, shown);
        canvas.overlayProperty().set(overlay);
        // the presentation shows the lab; it does not edit it: a press selects a packet or nothing
        canvas.addEventFilter(MouseEvent.ANY, e -> {
            if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
                javafx.geometry.Point2D world = canvas.toWorld(e.getX(), e.getY());
                overlay.clicked(canvas.labLayout(), world.getX(), world.getY(), 12 / canvas.scale());
                canvas.requestRedraw();
            }
            if (e.getEventType() != MouseEvent.MOUSE_MOVED) {
                e.consume();
            }
        });
        readout = new HBox(12, tile("switching time", switching), tile("VM downtime", downtime), tile("client gap", gap));
        readout.setId("present-readout");
        readout.getStyleClass().add("present-readout");
        readout.setAlignment(Pos.TOP_RIGHT);
        readout.setMaxHeight(Region.USE_PREF_SIZE);
        readout.setPickOnBounds(false);
        clock.setId("present-clock");
        clock.getStyleClass().add("present-clock");
        caption.setFontSize(22);
        caption.getStyleClass().add("present-caption");
        caption.setMaxHeight(Region.USE_PREF_SIZE);
        HBox topRow = new HBox(clock, new Region(), readout);
        HBox.setHgrow(topRow.getChildren().get(1), javafx.scene.layout.Priority.ALWAYS);
        topRow.setAlignment(Pos.TOP_LEFT);
        topRow.setMaxHeight(Region.USE_PREF_SIZE);
        topRow.setPickOnBounds(false);
        topRow.setPadding(new Insets(10));
        StackPane root = new StackPane(canvas, topRow, caption);
        root.setId("present-root");
        StackPane.setAlignment(topRow, Pos.TOP_CENTER);
        StackPane.setAlignment(caption, Pos.BOTTOM_CENTER);
        StackPane.setMargin(caption, new Insets(0, 10, 10, 10));
        root.getStyleClass().add("present-root");
        stage.setScene(ReplayScene.of(root, theme, this::key));
        stage.setTitle("WarpLab — presenting " + result.lab());
        stage.setFullScreenExitHint("Esc leaves presentation mode");
        root.widthProperty().addListener(o -> refit());
        root.heightProperty().addListener(o -> refit());
        topRow.heightProperty().addListener(o -> refit());
        caption.heightProperty().addListener(o -> refit());
    }

    private static Label figure(String id) {
        Label l = new Label("—");
        l.setId(id);
        l.getStyleClass().add("present-figure");
        l.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.0fpx;", FIGURE_PIXELS));
        return l;
    }

    private static VBox tile(String name, Label figure) {
        Label caption = new Label(name);
        caption.getStyleClass().add("present-figure-caption");
        VBox tile = new VBox(caption, figure);
        tile.getStyleClass().add("present-tile");
        return tile;
    }

    private void key(KeyEvent e) {
        KeyCode code = e.getCode();
        switch (code) {
            case SPACE -> controls.togglePlay();
            case RIGHT, PAGE_DOWN -> controls.step(1);
            case LEFT, PAGE_UP -> controls.step(-1);
            case PLUS, ADD, EQUALS -> controls.speedBy(2);
            case MINUS, SUBTRACT -> controls.speedBy(0.5);
            case HOME -> controls.seekStart();
            case END -> controls.seekEnd();
            case F11 -> stage.setFullScreen(!stage.isFullScreen());
            case ESCAPE -> close();
            default -> {
                return;
            }
        }
        e.consume();
    }

    void show(Window owner, boolean fullScreen, double width, double height) {
        if (stage.getOwner() == null && owner != null) {
            stage.initOwner(owner);
        }
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        stage.setFullScreen(fullScreen);
        stage.toFront();
        refit();
    }

    void close() {
        stage.setFullScreen(false);
        stage.hide();
    }

    boolean isShowing() {
        return stage.isShowing();
    }

    /** The lab fitted into the space between the readout and the caption; the labels are placed there too. */
    void refit() {
        double top = ((Region) readout.getParent()).getHeight();
        double bottom = caption.getHeight() + 10;
        overlay.setLabelArea(top, bottom);
        canvas.fit(top + 8, 24, bottom + 8, 24, 2.5);
        // the window's size reaches the canvas in the layout pass after this one: fit again then
        javafx.application.Platform.runLater(() -> {
            canvas.fit(top + 8, 24, bottom + 8, 24, 2.5);
            canvas.redrawNow();
        });
    }

    void setShownLab(Lab lab) {
        canvas.shownLabProperty().set(lab);
        overlay.present(DOT_PIXELS, LABEL_PIXELS, true, lab);
    }

    void setTime(long timeNs, StoryStep step) {
        overlay.setTime(timeNs);
        MigrationMetrics m = migrationOf(step);
        if (m != null) {
            switching.setText(m.switchingTimeNs() == null ? "—" : TraceText.ms(m.switchingTimeNs()));
            // as the readout and warplab emulate write them ("did not finish", "none"), never a raw -1
            downtime.setText(org.warplab.run.FigureText.downtime(m));
            gap.setText(org.warplab.run.FigureText.gap(m));
        }
        clock.setText(String.format(Locale.ROOT, "t = %.3f ms   %s", timeNs / 1e6, controls.speedText()));
        canvas.requestRedraw();
    }

    private MigrationMetrics migrationOf(StoryStep step) {
        List<MigrationMetrics> all = result.migrations();
        if (all.isEmpty()) {
            return null;
        }
        return step == null ? all.get(0) : all.stream().filter(m -> m.migration().equals(step.migration())).findFirst().orElse(all.get(0));
    }

    void setHighlight(StoryHighlight highlight) {
        overlay.setHighlight(highlight);
        canvas.requestRedraw();
    }

    CaptionBar caption() {
        return caption;
    }

    CanvasView canvas() {
        return canvas;
    }

    ReplayOverlay overlay() {
        return overlay;
    }

    Stage stage() {
        return stage;
    }

    List<Label> figures() {
        return List.of(switching, downtime, gap);
    }
}
