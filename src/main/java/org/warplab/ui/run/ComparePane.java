package org.warplab.ui.run;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.warplab.run.LabRuntime;
import org.warplab.run.ParallelRuns;
import org.warplab.run.SchemeComparison;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.SchemeKind;
import org.warplab.run.FigureText;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.SweepMetric;
import org.warplab.ui.common.BackgroundWork;
import org.warplab.ui.common.DesignerModel;

/**
 * The Compare tab: the lab under every scheme it can run and the baselines (what {@code warplab
 * compare} prints), as a table and bars of switching time, downtime and client gap.
 */
public final class ComparePane extends BorderPane {

    /** One row: a scheme's figures for one migration, or why the scheme was not run. */
    record Row(String scheme, String migration, String switching, String downtime, String gap, String lost, String latencyAfter,
               String pathAfter, double switchingMs, double downtimeMs, double gapMs) { }

    private final DesignerModel model;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final TableView<Row> table = new TableView<>(rows);
    private final BarChart<String, Number> bars = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final Button run = new Button("Compare schemes");
    private final SeedField seed = new SeedField("compare-seed", "The same seed for every scheme, so they see the same jitter and loss");
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancelButton = new Button("Cancel");
    private static final String INTRO = "Runs the lab in the emulator once per scheme it has settings for, and the baselines.";
    private final Label status = new Label(INTRO);
    private Task<List<SchemeComparison.Entry>> task;
    /** The decades the bars are drawn on; null before a comparison. */
    private LogScale scale;
    private java.util.function.BiConsumer<SchemeKind, Long> replayBeside;
    /** The runtime the comparison runs on (the emulator: every scheme, the same seed). */
    private final LabRuntime emulator;

    public ComparePane(DesignerModel model, LabRuntime emulator) {
        this.model = model;
        this.emulator = emulator;
        setId("compare-pane");
        run.setId("compare-run");
        run.setOnAction(e -> start());
        cancelButton.setId("compare-cancel");
        cancelButton.setDisable(true);
        progress.setId("compare-progress");
        progress.setVisible(false);
        status.setId("compare-status");
        status.getStyleClass().add("explanation");
        HBox bar = new HBox(run, cancelButton, new Label("Seed"), seed, progress, status);
        bar.getStyleClass().add("run-bar");
        HBox.setHgrow(status, Priority.ALWAYS);
        table.setId("compare-table");
        table.setPlaceholder(new Label("Press Compare schemes"));
        table.setRowFactory(view -> {
            javafx.scene.control.TableRow<Row> row = new javafx.scene.control.TableRow<>();
            javafx.scene.control.MenuItem beside = new javafx.scene.control.MenuItem("Replay side by side with the lab's scheme");
            beside.setOnAction(e -> replayBeside(row.getItem()));
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((javafx.scene.control.ContextMenu) null).otherwise(new javafx.scene.control.ContextMenu(beside)));
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    replayBeside(row.getItem());
                }
            });
            return row;
        });
        table.setTooltip(new Tooltip("Double-click a row (or right-click it) to replay that scheme beside the lab's own, under one clock"));
        table.getColumns().add(column("scheme", 110, Row::scheme));
        table.getColumns().add(column("migration", 80, Row::migration));
        table.getColumns().add(column("switching", 80, Row::switching));
        table.getColumns().add(column("downtime", 80, Row::downtime));
        table.getColumns().add(column("gap", 80, Row::gap));
        table.getColumns().add(column("lost", 50, Row::lost));
        table.getColumns().add(column("latency after", 90, Row::latencyAfter));
        table.getColumns().add(column("path after the move / why not run", 380, Row::pathAfter));
        bars.setId("compare-bars");
        bars.setAnimated(false);
        bars.getYAxis().setLabel("log scale");
        bars.setTitle("Per scheme, on a log scale");
        // the wheel zooms the decades about the pointer (never below one decade); a double click shows them all
        AxisZoom.install(bars, valueAxis(), () -> scale == null ? null : new double[] {0, scale.top()}, 1, span -> 1, this::showAllDecades);
        SplitPane body = new SplitPane(table, bars);
        body.setDividerPositions(0.55);
        setTop(bar);
        setCenter(body);
        model.documentsProperty().addListener(o -> forget());
    }

    /** Another lab was opened or a new one started: the comparison shown (or running) was the old lab's. */
    private void forget() {
        if (task != null) {
            task.cancel();
        }
        rows.clear();
        bars.getData().clear();
        scale = null;
        status.setText(INTRO);
    }

    private static TableColumn<Row, String> column(String title, double width, java.util.function.Function<Row, String> text) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }

    public void start() {
        if (task != null) {
            return;
        }
        Lab lab = model.lab();
        if (LabValidator.hasErrors(LabValidator.validate(lab))) {
            status.setText("Fix the problems first (see the Problems tab)");
            return;
        }
        if (lab.migrations().isEmpty()) {
            status.setText("The lab has no migrations, so there is nothing to compare: add one in the Plan tab");
            return;
        }
        Long seedValue = seed.seed(status);
        if (seedValue == null) {
            return;
        }
        // the schemes run side by side (one per core, fewer when the heap is short); the table is the serial one
        ParallelRuns.Plan plan = SchemeComparison.plan(emulator, lab);
        ParallelRuns.Cancel cancel = new ParallelRuns.Cancel();
        task = new Task<>() {
            @Override
            protected List<SchemeComparison.Entry> call() throws ParallelRuns.CancelledException {
                updateMessage("running " + plan.describe() + "…");
                updateProgress(0, plan.runs());
                return SchemeComparison.runAll(emulator, lab, seedValue, plan.workers(), (done, total) -> {
                    updateProgress(done, total);
                    updateMessage(done + " of " + total + " schemes run (" + plan.workers() + " at once)…");
                }, cancel);
            }

            @Override
            protected void cancelled() {
                cancel.cancel();
            }
        };
        new BackgroundWork(status, progress, run, cancelButton).run(task, "warplab-compare", entries -> {
            show(entries);
            status.setText("Compared " + entries.size() + " schemes with seed " + seedValue);
        }, "The comparison failed", () -> task = null);
    }

    /** Replays a compared scheme beside the lab's own (scheme, seed): set by the window, which owns the Run view. */
    public void setReplayBeside(java.util.function.BiConsumer<SchemeKind, Long> replay) {
        this.replayBeside = replay;
    }

    /** The row's scheme replayed beside the lab's own scheme with the comparison's seed; false when the row has no run. */
    boolean replayBeside(Row row) {
        if (replayBeside == null || row == null || row.migration().isEmpty()) {
            return false;
        }
        SchemeKind kind = java.util.Arrays.stream(SchemeKind.values()).filter(k -> k.key().equals(row.scheme())).findFirst().orElse(null);
        Long seedValue = seed.seed(status);
        if (seedValue == null) {
            return false;
        }
        if (kind == null) {
            return false;
        }
        replayBeside.accept(kind, seedValue);
        status.setText("Replaying " + row.scheme() + " beside " + model.lab().scheme().key() + " (seed " + seedValue + "): see the new window");
        return true;
    }

    boolean isRunning() {
        return task != null;
    }


    private void show(List<SchemeComparison.Entry> entries) {
        rows.clear();
        XYChart.Series<String, Number> switching = new XYChart.Series<>();
        switching.setName("switching time");
        XYChart.Series<String, Number> downtime = new XYChart.Series<>();
        downtime.setName("VM downtime");
        XYChart.Series<String, Number> gap = new XYChart.Series<>();
        gap.setName("client gap");
        boolean several = model.lab().migrations().size() > 1;
        List<Double> all = new java.util.ArrayList<>();
        List<Runnable> plots = new java.util.ArrayList<>();
        LogScale[] scale = new LogScale[1];
        for (SchemeComparison.Entry entry : entries) {
            if (!entry.ran()) {
                rows.add(new Row(entry.scheme().key(), "", "", "", "", "", "", entry.refusal(), Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            for (MigrationMetrics m : entry.result().migrations()) {
                Row row = new Row(entry.scheme().key(), m.migration(), m.switchingTimeNs() == null ? "—" : TraceText.ms(m.switchingTimeNs()),
                        FigureText.downtime(m), FigureText.gap(m), Long.toString(m.probesLost()),
                        FigureText.latencyAfter(m), m.pathAfter().isEmpty() ? "—" : m.pathAfter(),
                        SweepMetric.SWITCHING.of(m), SweepMetric.DOWNTIME.of(m), SweepMetric.GAP.of(m));
                rows.add(row);
                String category = entry.scheme().key() + (several ? " " + m.migration() : "");
                all.addAll(List.of(row.switchingMs(), row.downtimeMs(), row.gapMs()));
                plots.add(() -> {
                    plot(switching, category, row.switchingMs(), scale[0]);
                    plot(downtime, category, row.downtimeMs(), scale[0]);
                    plot(gap, category, row.gapMs(), scale[0]);
                });
            }
        }
        // 7 ms and 30 s on one chart: decades, so both are bars a person can see (and read off the axis)
        scale[0] = LogScale.covering(all);
        this.scale = scale[0];
        NumberAxis axis = valueAxis();
        showAllDecades();
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                // a zoomed axis also ticks its own (fractional) ends: only whole decades have a label
                double at = n.doubleValue();
                return Math.abs(at - Math.rint(at)) < 1e-6 ? scale[0].label(at) : "";
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        });
        plots.forEach(Runnable::run);
        bars.getData().setAll(List.of(switching, downtime, gap));
        fitColumns();
        Platform.runLater(bars::requestLayout);
    }

    private NumberAxis valueAxis() {
        return (NumberAxis) bars.getYAxis();
    }

    /** The value axis over every decade of the comparison shown. */
    private void showAllDecades() {
        if (scale != null) {
            NumberAxis axis = valueAxis();
            axis.setAutoRanging(false);
            axis.setLowerBound(0);
            axis.setUpperBound(scale.top());
            axis.setTickUnit(1);
        }
    }

    /** A value at its place on the log scale; a value of 0 (or none) has no bar, the table says it. */
    private static void plot(XYChart.Series<String, Number> series, String category, double ms, LogScale scale) {
        double at = scale.position(ms);
        if (!Double.isNaN(at)) {
            // a bar at the bottom decade would be invisible; it starts a little below it
            series.getData().add(new XYChart.Data<>(category, Math.max(at, 0.05)));
        }
    }

    /** Every column as wide as its widest cell or header, so no cell is cut short ("unrea…"); the table scrolls sideways. */
    private void fitColumns() {
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        measure.setFont(javafx.scene.text.Font.font(13));
        for (TableColumn<Row, ?> column : table.getColumns()) {
            measure.setText(column.getText());
            double widest = measure.getLayoutBounds().getWidth();
            for (Row row : rows) {
                Object value = column.getCellData(row);
                measure.setText(value == null ? "" : value.toString());
                widest = Math.max(widest, measure.getLayoutBounds().getWidth());
            }
            column.setPrefWidth(Math.ceil(widest) + 24);
        }
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    BarChart<String, Number> bars() {
        return bars;
    }
}
