package org.warplab.ui.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.warplab.io.LabParameter;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Migration;
import org.warplab.model.Problem;
import org.warplab.run.LabRuntime;
import org.warplab.run.RunFailedException;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.ParallelRuns;
import org.warplab.run.SweepMetric;
import org.warplab.ui.common.BackgroundWork;
import org.warplab.ui.common.DesignerModel;

/**
 * The Sweep tab: runs the lab once per value of one numeric parameter (named as {@code warplab
 * sweep} names it, e.g. {@code links.W2.delayMs}) and plots a metric of each migration against it.
 */
public final class SweepPane extends BorderPane {

    /** One point of the sweep: the parameter's value and the metric of each migration. */
    record Point(double value, List<Double> metric) { }

    private final DesignerModel model;
    /** The runtime every point runs on (the emulator: the same seed at every point). */
    private final LabRuntime emulator;
    /** The element swept (as the canvas names it) and which of its fields: no lab-file paths on screen. */
    private final ChoiceBox<String> element = new ChoiceBox<>();
    private final ChoiceBox<SweepChoices.Choice> field = new ChoiceBox<>();
    private List<SweepChoices.Choice> choices = List.of();
    private final TextField from = new TextField("0");
    private final TextField to = new TextField("200");
    private final TextField step = new TextField("20");
    private final ChoiceBox<SweepMetric> metric = new ChoiceBox<>(FXCollections.observableArrayList(SweepMetric.values()));
    private final Button run = new Button("Sweep");
    private final ProgressBar progress = new ProgressBar(0);
    private static final String INTRO = "Runs the lab in the emulator once per value and plots the metric.";
    private final Label status = new Label(INTRO);
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
    private final List<Point> points = new ArrayList<>();
    private Task<Outcome> task;
    private final Button cancelButton = new Button("Cancel");
    private final java.util.concurrent.atomic.AtomicInteger valuesDone = new java.util.concurrent.atomic.AtomicInteger();

    public SweepPane(DesignerModel model, LabRuntime emulator) {
        this.model = model;
        this.emulator = emulator;
        setId("sweep-pane");
        element.setId("sweep-element");
        field.setId("sweep-field");
        element.setTooltip(new Tooltip("The link, VM or migration whose value the sweep changes"));
        field.setTooltip(new Tooltip("Which of its values; the range suggested suits it"));
        field.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(SweepChoices.Choice c) {
                return c == null ? "" : c.field();
            }

            @Override
            public SweepChoices.Choice fromString(String s) {
                return null;
            }
        });
        element.valueProperty().addListener((o, was, is) -> showFields(is));
        field.valueProperty().addListener((o, was, is) -> {
            if (is != null && !configuring) {
                from.setText(LabParameter.format(is.from()));
                to.setText(LabParameter.format(is.to()));
                step.setText(LabParameter.format(is.step()));
            }
        });
        from.setId("sweep-from");
        to.setId("sweep-to");
        step.setId("sweep-step");
        for (TextField f : List.of(from, to, step)) {
            f.setPrefColumnCount(5);
        }
        metric.setId("sweep-metric");
        metric.setValue(SweepMetric.DOWNTIME);
        metric.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(SweepMetric m) {
                return m == null ? "" : m.label();
            }

            @Override
            public SweepMetric fromString(String s) {
                return null;
            }
        });
        run.setId("sweep-run");
        run.setOnAction(e -> start());
        cancelButton.setId("sweep-cancel");
        cancelButton.setDisable(true);
        cancelButton.setTooltip(new Tooltip("Stop the sweep: values not yet run are skipped"));
        progress.setId("sweep-progress");
        progress.setVisible(false);
        status.setId("sweep-status");
        status.getStyleClass().add("explanation");
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setWrapText(true);
        HBox what = new HBox(fixed(new Label("Sweep")), element, field);
        HBox range = new HBox(fixed(new Label("from")), from, fixed(new Label("to")), to, fixed(new Label("step")), step,
                fixed(new Label("and plot")), metric, run, cancelButton, progress);
        for (javafx.scene.control.Control c : List.<javafx.scene.control.Control>of(element, field, metric, run, cancelButton, from, to, step)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        what.getStyleClass().add("run-bar");
        range.getStyleClass().add("run-bar");
        javafx.scene.layout.VBox bar = new javafx.scene.layout.VBox(what, range, status);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setPadding(new javafx.geometry.Insets(0, 8, 2, 8));
        chart.setId("sweep-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        // the mouse wheel zooms the swept values about the pointer; a double click shows them all again
        AxisZoom.install(chart, xAxis, this::sweptRange, 0, span -> ProbeChart.niceStep(span / 6), () -> xAxis.setAutoRanging(true));
        setTop(bar);
        setCenter(chart);
        model.labProperty().addListener((o, was, is) -> suggest(is));
        suggest(model.lab());
        model.documentsProperty().addListener(o -> forget());
    }

    /** Another lab was opened or a new one started: the sweep shown (or running) was the old lab's. */
    private void forget() {
        if (task != null) {
            task.cancel();
        }
        points.clear();
        chart.getData().clear();
        status.setText(INTRO);
    }

    private static Label fixed(Label label) {
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /**
     * Offers the lab's sweepable fields by element and field ({@link SweepChoices}); the choice made
     * stays while the lab is edited, and a new lab gets the sweep that changes something for its scheme.
     */
    private void suggest(Lab lab) {
        SweepChoices.Choice kept = field.getValue();
        choices = SweepChoices.of(lab);
        element.getItems().setAll(choices.stream().map(SweepChoices.Choice::element).distinct().toList());
        Optional<SweepChoices.Choice> same = kept == null ? Optional.empty() : choices.stream().filter(c -> c.path().equals(kept.path())).findFirst();
        Optional<SweepChoices.Choice> chosen = same.or(() -> SweepChoices.preferred(lab, choices));
        configuring = same.isPresent();
        try {
            chosen.ifPresent(c -> {
                element.setValue(c.element());
                field.setValue(c);
            });
        } finally {
            configuring = false;
        }
        if (same.isEmpty()) {
            metric.setValue(SweepChoices.preferredMetric(lab));
        }
    }

    private void showFields(String shown) {
        SweepChoices.Choice kept = field.getValue();
        List<SweepChoices.Choice> fields = choices.stream().filter(c -> c.element().equals(shown)).toList();
        field.getItems().setAll(fields);
        field.setValue(fields.contains(kept) ? kept : fields.isEmpty() ? null : fields.get(0));
    }

    private boolean configuring;

    void configure(String path, double fromValue, double toValue, double stepValue, SweepMetric m) {
        SweepChoices.Choice c = choices.stream().filter(x -> x.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the lab has no sweepable " + path));
        element.setValue(c.element());
        field.setValue(c);
        from.setText(LabParameter.format(fromValue));
        to.setText(LabParameter.format(toValue));
        step.setText(LabParameter.format(stepValue));
        metric.setValue(m);
    }

    void start() {
        if (task != null) {
            return;
        }
        Lab base = model.lab();
        if (base.migrations().isEmpty()) {
            status.setText("The lab has no migrations; a sweep shows how a parameter moves a migration's figures");
            return;
        }
        SweepChoices.Choice choice = field.getValue();
        if (choice == null) {
            status.setText("Choose what to sweep: a link, VM or migration, and one of its values");
            return;
        }
        String path = choice.path();
        String shownName = choice.toString();
        LabParameter p;
        double a;
        double b;
        double s;
        try {
            p = LabParameter.parse(path);
            p.valueIn(base);
            a = Double.parseDouble(from.getText().strip());
            b = Double.parseDouble(to.getText().strip());
            s = Double.parseDouble(step.getText().strip());
        } catch (LabParameter.BadParameterException e) {
            status.setText(e.getMessage());
            return;
        } catch (NumberFormatException e) {
            status.setText("from, to and step must be numbers");
            return;
        }
        if (!(s > 0) || b < a || (b - a) / s > 500) {
            status.setText("Give from ≤ to and a step > 0 (at most 500 values)");
            return;
        }
        List<Double> values = new ArrayList<>();
        for (int i = 0; a + i * s <= b + s * 1e-9; i++) {
            values.add(a + i * s);
        }
        SweepMetric chosen = metric.getValue();
        valuesDone.set(0);
        ParallelRuns.Cancel cancel = new ParallelRuns.Cancel();
        task = new Task<>() {
            @Override
            protected Outcome call() throws ParallelRuns.CancelledException {
                int n = values.size();
                // every value's lab is built (through its JSON: milliseconds each) and checked here, off
                // the FX thread, on as many threads as the runs; the first invalid value in order is reported
                int cores = Runtime.getRuntime().availableProcessors();
                updateMessage("building and checking the lab for " + n + " values…");
                updateProgress(0, 2 * n);
                LabParameter.Over over;
                try {
                    over = p.over(base);
                } catch (LabParameter.BadParameterException e) {
                    return new Outcome(null, e.getMessage());
                }
                List<java.util.concurrent.Callable<PreparedPoint>> preparations = values.stream()
                        .<java.util.concurrent.Callable<PreparedPoint>>map(v -> () -> PreparedPoint.of(over, v, path)).toList();
                List<PreparedPoint> prepared = ParallelRuns.run(preparations, Math.min(cores, n), (done, total) -> {
                    updateProgress(done, 2 * n);
                    updateMessage("checked the lab for " + done + " of " + total + " values…");
                }, cancel);
                List<Lab> labs = new ArrayList<>();
                for (PreparedPoint point : prepared) {
                    if (point.refusal() != null) {
                        return new Outcome(List.of(), point.refusal());
                    }
                    labs.add(point.lab());
                }
                // the points run side by side (one per core, fewer when the heap is short), each with seed 1: the serial figures
                ParallelRuns.Plan plan = ParallelRuns.plan(n, labs.stream().mapToLong(emulator::heapEstimate).max().orElse(0));
                updateMessage("running " + plan.describe() + "…");
                List<java.util.concurrent.Callable<Point>> runs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    double v = values.get(i);
                    Lab lab = labs.get(i);
                    runs.add(() -> {
                        List<Double> figures = new ArrayList<>();
                        try {
                            for (MigrationMetrics m : emulator.runForFigures(lab, 1, step -> { }).result().migrations()) {
                                figures.add(chosen.of(m));
                            }
                        } catch (RunFailedException e) {
                            throw new IllegalArgumentException("with " + path + " = " + LabParameter.format(v) + ": " + e.getMessage());
                        }
                        return new Point(v, figures);
                    });
                }
                return new Outcome(ParallelRuns.run(runs, plan.workers(), (done, total) -> {
                    valuesDone.set(done);
                    updateProgress(n + done, 2 * n);
                    updateMessage(done + " of " + total + " values run (" + plan.workers() + " at once)…");
                }, cancel), null);
            }

            @Override
            protected void cancelled() {
                cancel.cancel();
            }
        };
        new BackgroundWork(status, progress, run, cancelButton).run(task, "warplab-sweep", outcome -> {
            if (outcome.refusal() != null) {
                status.setText(outcome.refusal());
                return;
            }
            show(shownName, chosen, outcome.points());
            status.setText("Swept " + shownName + " over " + values.size() + " values (seed 1)");
        }, "The sweep stopped", () -> task = null);
    }

    /** A sweep's end: its points, or why it did not run (a value the parameter or the validator refuses). */
    private record Outcome(List<Point> points, String refusal) { }

    /** One value's lab, built and checked, or why it cannot run. */
    private record PreparedPoint(Lab lab, String refusal) {
        static PreparedPoint of(LabParameter.Over over, double value, String path) {
            try {
                Lab lab = over.apply(value);
                List<Problem> errors = LabValidator.validate(lab).stream().filter(Problem::isError).toList();
                return errors.isEmpty() ? new PreparedPoint(lab, null)
                        : new PreparedPoint(null, "With " + path + " = " + LabParameter.format(value) + " the lab is invalid: " + errors.get(0).message());
            } catch (LabParameter.BadParameterException e) {
                return new PreparedPoint(null, e.getMessage());
            }
        }
    }

    /** Values run so far by the sweep under way (or the last one). */
    int valuesDone() {
        return valuesDone.get();
    }

    boolean isRunning() {
        return task != null;
    }

    private void show(String path, SweepMetric m, List<Point> result) {
        points.clear();
        points.addAll(result);
        List<Migration> migrations = model.lab().migrations();
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        int n = result.isEmpty() ? 0 : result.get(0).metric().size();
        for (int i = 0; i < n; i++) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(i < migrations.size() ? migrations.get(i).id() : "migration " + (i + 1));
            for (Point p : result) {
                double v = i < p.metric().size() ? p.metric().get(i) : Double.NaN;
                if (!Double.isNaN(v)) {
                    s.getData().add(new XYChart.Data<>(p.value(), v));
                }
            }
            series.add(s);
        }
        xAxis.setAutoRanging(true);
        xAxis.setLabel(path);
        yAxis.setLabel(m.label());
        chart.setTitle(String.format(Locale.ROOT, "%s against %s", m.label(), path));
        chart.getData().setAll(series);
    }

    /** Narrows (factor below 1) or widens the x axis about {@code at}, never beyond the values swept. */
    void zoomX(double factor, double at) {
        double[] range = sweptRange();
        if (range != null) {
            AxisZoom.zoom(xAxis, range[0], range[1], 0, factor, at, span -> ProbeChart.niceStep(span / 6));
        }
    }

    /** The lowest and highest value swept; null before a sweep. */
    private double[] sweptRange() {
        if (points.isEmpty()) {
            return null;
        }
        return new double[] {points.stream().mapToDouble(Point::value).min().orElse(0), points.stream().mapToDouble(Point::value).max().orElse(1)};
    }

    NumberAxis xAxis() {
        return xAxis;
    }

    List<Point> points() {
        return List.copyOf(points);
    }

    LineChart<Number, Number> chart() {
        return chart;
    }
}
