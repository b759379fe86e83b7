package org.warplab.ui.designer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.warplab.edit.ChangeSettings;
import org.warplab.edit.SchemeDefaults;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.ProbeFlow;
import org.warplab.ui.common.DesignerModel;
import org.warplab.model.Units;

/** The migration plan (which VM moves where and when, live or cold) and the probe traffic that measures it. */
public final class PlanPane extends VBox {

    private final DesignerModel model;
    private final ListView<String> migrations = new ListView<>();
    private final ListView<String> probes = new ListView<>();
    private final FieldSheet sheet;
    private boolean updating;

    public PlanPane(DesignerModel model) {
        this.model = model;
        this.sheet = new FieldSheet(model, "plan");
        getStyleClass().add("side-pane");
        migrations.setId("migration-list");
        probes.setId("probe-list");
        migrations.setPrefHeight(90);
        probes.setPrefHeight(70);
        Button addMigration = button("Add migration", "add-migration", "Plan a move of a VM to another data center", () -> {
            Lab lab = model.lab();
            Optional<Migration> m = SchemeDefaults.newMigration(lab);
            if (m.isEmpty()) {
                model.statusProperty().set("A migration needs a VM and a second data center to move it to");
                return;
            }
            List<Migration> all = new java.util.ArrayList<>(lab.migrations());
            all.add(m.get());
            if (model.perform(ChangeSettings.between("Add migration " + m.get().id(), lab, lab.withMigrations(all)))) {
                model.select(m.get().id());
            }
        });
        Button addProbe = button("Add probe", "add-probe", "Send probe traffic from a client to a VM to measure the gap", () -> {
            Lab lab = model.lab();
            Optional<ProbeFlow> f = SchemeDefaults.newProbe(lab);
            if (f.isEmpty()) {
                model.statusProperty().set("A probe needs a client and a VM");
                return;
            }
            List<ProbeFlow> all = new java.util.ArrayList<>(lab.traffic());
            all.add(f.get());
            if (model.perform(ChangeSettings.between("Add probe " + f.get().id(), lab, lab.withTraffic(all)))) {
                model.select(f.get().id());
            }
        });
        Button remove = button("Remove", "remove-plan-item", "Remove the selected migration or probe", this::removeSelected);
        Label heading = new Label("Migrations");
        heading.getStyleClass().add("pane-heading");
        Label traffic = new Label("Probe traffic");
        traffic.getStyleClass().add("pane-heading");
        migrations.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (!updating && is != null) {
                model.select(is);
            }
        });
        probes.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (!updating && is != null) {
                model.select(is);
            }
        });
        VBox.setVgrow(sheet, Priority.ALWAYS);
        getChildren().addAll(heading, migrations, traffic, probes, new HBox(6, addMigration, addProbe, remove), sheet);
        model.labProperty().addListener(o -> refresh());
        model.selectionProperty().addListener(o -> refresh());
        refresh();
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void removeSelected() {
        Lab lab = model.lab();
        for (String id : model.selection()) {
            if (lab.migrations().stream().anyMatch(m -> m.id().equals(id))) {
                model.perform(ChangeSettings.between("Remove " + id, lab,
                        lab.withMigrations(lab.migrations().stream().filter(m -> !m.id().equals(id)).toList())));
                return;
            }
            if (lab.traffic().stream().anyMatch(f -> f.id().equals(id))) {
                model.perform(ChangeSettings.between("Remove " + id, lab,
                        lab.withTraffic(lab.traffic().stream().filter(f -> !f.id().equals(id)).toList())));
                return;
            }
        }
        model.statusProperty().set("Select a migration or a probe to remove");
    }


    private void refresh() {
        Lab lab = model.lab();
        Set<String> selection = model.selection();
        updating = true;
        migrations.setItems(FXCollections.observableArrayList(lab.migrations().stream().map(Migration::id).toList()));
        probes.setItems(FXCollections.observableArrayList(lab.traffic().stream().map(ProbeFlow::id).toList()));
        migrations.setCellFactory(v -> new PlanCell(lab));
        probes.setCellFactory(v -> new PlanCell(lab));
        String selected = selection.size() == 1 ? selection.iterator().next() : null;
        Optional<Migration> migration = lab.migrations().stream().filter(m -> m.id().equals(selected)).findFirst();
        Optional<ProbeFlow> probe = lab.traffic().stream().filter(f -> f.id().equals(selected)).findFirst();
        migrations.getSelectionModel().clearSelection();
        probes.getSelectionModel().clearSelection();
        if (migration.isPresent()) {
            migrations.getSelectionModel().select(selected);
            sheet.show(PlanFields.forMigration(lab, migration.get()));
        } else if (probe.isPresent()) {
            probes.getSelectionModel().select(selected);
            sheet.show(PlanFields.forProbe(lab, probe.get()));
        } else {
            sheet.show(List.of());
        }
        updating = false;
    }

    /** "MIG1: vm1 → ADC at 1000 ms, live". */
    private static final class PlanCell extends javafx.scene.control.ListCell<String> {
        private final Lab lab;

        PlanCell(Lab lab) {
            this.lab = lab;
        }

        @Override
        protected void updateItem(String id, boolean empty) {
            super.updateItem(id, empty);
            if (empty || id == null) {
                setText(null);
                return;
            }
            Optional<Migration> m = lab.migrations().stream().filter(x -> x.id().equals(id)).findFirst();
            if (m.isPresent()) {
                setText(id + ": " + m.get().vm() + " → " + m.get().to() + " at " + Units.msExactWithUnit(m.get().atNs()) + ", " + m.get().mode().key());
                return;
            }
            Optional<ProbeFlow> f = lab.traffic().stream().filter(x -> x.id().equals(id)).findFirst();
            setText(f.map(p -> id + ": " + p.client() + " ↔ " + p.vm() + ", " + p.kind().key() + " every " + Units.msExactWithUnit(p.intervalNs()))
                    .orElse(id));
        }
    }
}
