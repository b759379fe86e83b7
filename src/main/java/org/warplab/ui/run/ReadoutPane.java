package org.warplab.ui.run;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.warplab.run.FigureText;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.ProbeSeries;
import org.warplab.run.RunResult;
import org.warplab.ui.common.Theme;

/**
 * A run's figures for one migration, large: switching time, downtime, client gap, probes lost,
 * latency before → after (formatted as {@code warplab emulate} prints them); the phase bar; the
 * probe chart.
 */
final class ReadoutPane extends VBox {
    private final ChoiceBox<String> migration = new ChoiceBox<>();
    private final Label switching = big("readout-switching");
    private final Label downtime = big("readout-downtime");
    private final Label gap = big("readout-gap");
    private final Label lost = big("readout-lost");
    private final Label latency = big("readout-latency");
    private final Label lostOf = small();
    /** The hypervisor's own downtime held to the limit, under the downtime (a real QEMU guest only). */
    private final Label downtimeOf = small();
    private final Label heading = new Label();
    private final Label notes = new Label();
    /** What the figures alone would hide (unreachable, every probe lost, no convergence, not finished), in words. */
    private final Label caveats = new Label();
    private final PhaseBar phaseBar = new PhaseBar();
    private final ProbeChart probeChart = new ProbeChart();
    private RunResult result;
    private ProbeSeries series = new ProbeSeries(List.of());

    ReadoutPane() {
        setId("readout");
        getStyleClass().add("readout");
        setSpacing(6);
        setPadding(new Insets(6, 8, 6, 8));
        migration.setId("readout-migration");
        // the chooser shows a whole migration id ("MIG1", not "MI…"); the heading beside it wraps instead
        migration.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        migration.getSelectionModel().selectedIndexProperty().addListener(o -> showMigration());
        heading.getStyleClass().add("pane-heading");
        heading.setId("readout-heading");
        // the lab's name, scheme, runtime and seed are read in full: the heading wraps rather than ending in "…"
        heading.setWrapText(true);
        heading.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(heading, javafx.scene.layout.Priority.ALWAYS);
        notes.getStyleClass().add("explanation");
        notes.setWrapText(true);
        notes.setId("readout-notes");
        downtimeOf.setId("readout-hypervisor-downtime");
        downtimeOf.setWrapText(true);
        downtimeOf.setMaxWidth(260);
        caveats.setId("readout-caveats");
        caveats.getStyleClass().add("readout-caveats");
        caveats.setWrapText(true);
        caveats.setVisible(false);
        caveats.setManaged(false);
        HBox top = new HBox(8, heading, migration);
        top.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.FlowPane numbers = new javafx.scene.layout.FlowPane(8, 6,
                tile("switching time", switching, capitalized(org.warplab.run.MetricDefinitions.SWITCHING)),
                tile("VM downtime", downtime, capitalized(org.warplab.run.MetricDefinitions.DOWNTIME)
                        + "; for a real QEMU guest, QEMU's own figure held to the migration's downtime limit below it", downtimeOf),
                tile("client gap", gap, capitalized(org.warplab.run.MetricDefinitions.CLIENT_GAP)),
                tile("probes lost", lost, "Probes of the migration's window that never came back", lostOf),
                tile("latency before → after", latency, "Mean round trip before the migration and after the VM resumed"));
        numbers.setId("readout-numbers");
        phaseBar.setId("readout-phases");
        probeChart.setId("readout-probes");
        probeChart.setMinHeight(180);
        getChildren().addAll(top, caveats, numbers, phaseBar, probeChart, notes);
        clear();
    }

    private static Label big(String id) {
        Label l = new Label("—");
        l.setId(id);
        l.getStyleClass().add("readout-number");
        return l;
    }

    private static Label small() {
        Label l = new Label();
        l.getStyleClass().add("explanation");
        return l;
    }

    private static VBox tile(String caption, Label value, String tip, Label... more) {
        Label c = new Label(caption);
        c.getStyleClass().add("readout-caption");
        VBox box = new VBox(0, c, value);
        box.getChildren().addAll(more);
        box.getStyleClass().add("readout-tile");
        Tooltip.install(box, new Tooltip(tip));
        box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return box;
    }

    /** Only the heading and the figures (a side-by-side replay's readout): the phase bar, probe chart and notes leave the layout. */
    void figuresOnly() {
        for (javafx.scene.Node n : List.of(phaseBar, probeChart, notes)) {
            n.setVisible(false);
            n.setManaged(false);
        }
    }

    void clear() {
        result = null;
        heading.setText("No run yet: press Run (or open a saved run)");
        migration.getItems().clear();
        migration.setVisible(false);
        for (Label l : List.of(switching, downtime, gap, lost, latency)) {
            l.setText("—");
        }
        lostOf.setText("");
        showDowntimeOf("", false);
        notes.setText("");
        showCaveats(List.of());
        phaseBar.setPhases(List.of());
        probeChart.setData(new ProbeSeries(List.of()), 1, -1);
    }

    void show(RunRecord record) {
        result = record.result();
        series = ProbeSeries.of(record.trace());
        heading.setText(result.lab() + " · " + result.scheme() + " · " + result.runtime() + (result.runtime().equals("emulator") ? " · seed " + result.seed() : "")
                + " · " + TraceText.ms(result.endNs()));
        migration.getItems().setAll(result.migrations().stream().map(m -> m.migration() + ": " + m.vm() + " " + m.from() + " → " + m.to()).toList());
        migration.setVisible(result.migrations().size() > 1);
        notes.setText(String.join("\n", result.notes()));
        if (result.migrations().isEmpty()) {
            for (Label l : List.of(switching, downtime, gap, lost, latency)) {
                l.setText("—");
            }
            heading.setText(heading.getText() + " · the lab has no migrations");
            phaseBar.setPhases(List.of());
            probeChart.setData(series, result.endNs(), -1);
        } else {
            migration.getSelectionModel().select(0);
            showMigration();
        }
    }

    private void showMigration() {
        int i = migration.getSelectionModel().getSelectedIndex();
        if (result == null || i < 0 || i >= result.migrations().size()) {
            return;
        }
        MigrationMetrics m = result.migrations().get(i);
        switching.setText(m.switchingTimeNs() == null ? "—" : TraceText.ms(m.switchingTimeNs()));
        // a real guest has no agent of ours inside to see the first probe: short here, the hypervisor's own figures below
        boolean unseen = m.hypervisor() != null && m.downtimeNs() < 0 && m.completion().finished();
        downtime.setText(unseen ? "not seen" : FigureText.downtime(m));
        showDowntimeOf(m.hypervisor() == null ? "" : (unseen ? "no agent inside the guest sees the first probe; " : "")
                + m.hypervisor().hypervisor() + " " + FigureText.hypervisorDowntime(m), m.downtimeOverLimit());
        gap.setText(FigureText.gap(m));
        lost.setText(Long.toString(m.probesLost()));
        lostOf.setText("of " + m.probesSent() + " sent" + (m.allProbesLost() ? " (none came back)" : ""));
        latency.setText(TraceText.ms(m.latencyBeforeNs()) + " → " + FigureText.latencyAfter(m));
        showCaveats(m.caveats());
        phaseBar.setPhases(m.phases());
        probeChart.setData(series, result.endNs(), m.gapMeasured() ? m.clientGapNs() : -1);
    }

    private void showDowntimeOf(String text, boolean overLimit) {
        downtimeOf.setText(text);
        downtimeOf.getStyleClass().setAll(overLimit ? List.of("readout-caveats") : List.of("explanation"));
        downtimeOf.setVisible(!text.isEmpty());
        downtimeOf.setManaged(!text.isEmpty());
    }

    private void showCaveats(List<String> list) {
        caveats.setText(list.stream().map(c -> "⚠ " + c).collect(java.util.stream.Collectors.joining("\n")));
        caveats.setVisible(!list.isEmpty());
        caveats.setManaged(!list.isEmpty());
    }

    /** The warnings shown above the figures, for tests. */
    String caveatText() {
        return caveats.isVisible() ? caveats.getText() : "";
    }

    MigrationMetrics shownMigration() {
        int i = migration.getSelectionModel().getSelectedIndex();
        return result == null || i < 0 || i >= result.migrations().size() ? null : result.migrations().get(i);
    }

    void setTime(long timeNs) {
        phaseBar.setTime(timeNs);
        probeChart.setTime(timeNs);
    }

    void setTheme(Theme theme) {
        phaseBar.setTheme(theme);
        probeChart.setTheme(theme);
    }

    PhaseBar phaseBar() {
        return phaseBar;
    }

    ProbeChart probeChart() {
        return probeChart;
    }

    ProbeSeries series() {
        return series;
    }

    /** The five figures as shown, for reports and tests: switching, downtime, gap, lost, latency. */
    List<String> figures() {
        return List.of(switching.getText(), downtime.getText(), gap.getText(), lost.getText() + " " + lostOf.getText(), latency.getText());
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
