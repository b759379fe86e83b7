package org.warplab.ui.designer;

import java.util.Arrays;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.warplab.edit.ChangeSettings;
import org.warplab.edit.SchemeDefaults;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.ui.common.DesignerModel;

/** Chooses how the lab keeps a moving VM reachable, and sets that scheme's parameters. */
public final class SchemePane extends VBox {

    private final DesignerModel model;
    private final ComboBox<SchemeKind> choice = new ComboBox<>(FXCollections.observableArrayList(Arrays.asList(SchemeKind.values())));
    private final Label explanation = new Label();
    private final FieldSheet sheet;
    private boolean updating;

    public SchemePane(DesignerModel model) {
        this.model = model;
        this.sheet = new FieldSheet(model, "scheme");
        getStyleClass().add("side-pane");
        Label heading = new Label("Scheme in use");
        heading.getStyleClass().add("pane-heading");
        choice.setId("scheme-choice");
        choice.setMaxWidth(Double.MAX_VALUE);
        choice.setCellFactory(v -> new KindCell());
        choice.setButtonCell(new KindCell());
        choice.valueProperty().addListener((o, was, is) -> {
            if (!updating && is != null && is != model.lab().scheme()) {
                Lab lab = model.lab();
                model.perform(ChangeSettings.between("Use " + is.label(), lab,
                        lab.withSchemeConfig(SchemeDefaults.forScheme(lab, is)).withScheme(is)));
            }
        });
        explanation.setWrapText(true);
        explanation.getStyleClass().add("explanation");
        VBox.setVgrow(sheet, Priority.ALWAYS);
        getChildren().addAll(heading, choice, explanation, sheet);
        model.labProperty().addListener(o -> refresh());
        refresh();
    }

    private static final class KindCell extends ListCell<SchemeKind> {
        @Override
        protected void updateItem(SchemeKind item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label());
        }
    }

    static String explain(SchemeKind kind) {
        return switch (kind) {
            case NETWORK_PAGING -> "Both data centers use the same subnet S. The source's server edge translates S to S' on the WAN; "
                    + "client edges translate back per VM and switch when the VM's announcement is captured. Routing never changes.";
            case SEGMENTATION -> "Separate virtual networks (VLAN or VNI) span the sites; the moved VM is re-attached to its segment "
                    + "and the segment's MAC tables learn it from its announcement.";
            case MOBILE_IPV6 -> "The VM is a mobile node: in the new network it forms a care-of address, registers with its home agent, "
                    + "and traffic to its home address is tunneled.";
            case NONE -> "Baseline: the VM moves and nothing follows it; its traffic is lost after the move.";
            case L2_EXTENSION -> "Baseline: the LAN is stretched between sites; reachable, but traffic hairpins through the old site.";
            case ROUTING_MOVE -> "Baseline: the subnet is re-advertised from the new site and dynamic routing converges.";
        };
    }

    private void refresh() {
        Lab lab = model.lab();
        updating = true;
        choice.setValue(lab.scheme());
        updating = false;
        explanation.setText(explain(lab.scheme()));
        sheet.show(SchemeFields.forLab(lab));
    }
}
