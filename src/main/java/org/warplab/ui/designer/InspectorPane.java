package org.warplab.ui.designer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;
import org.warplab.ui.common.DesignerModel;

/** The properties of what is selected on the canvas, or of the lab when nothing is. */
public final class InspectorPane extends VBox {

    private final DesignerModel model;
    private final Label heading = new Label();
    private final FieldSheet sheet;

    public InspectorPane(DesignerModel model) {
        this.model = model;
        this.sheet = new FieldSheet(model, "inspector");
        getStyleClass().add("side-pane");
        heading.getStyleClass().add("pane-heading");
        heading.setWrapText(true);
        heading.setId("inspector-heading");
        VBox.setVgrow(sheet, Priority.ALWAYS);
        getChildren().addAll(heading, sheet);
        model.labProperty().addListener(o -> refresh());
        model.selectionProperty().addListener(o -> refresh());
        refresh();
    }

    private void refresh() {
        Lab lab = model.lab();
        Set<String> selection = model.selection();
        if (selection.size() > 1) {
            heading.setText(selection.size() + " elements selected: move them together, or delete, copy or duplicate them");
            sheet.show(List.of());
            return;
        }
        if (selection.size() == 1) {
            String id = selection.iterator().next();
            Optional<Node> node = lab.node(id);
            if (node.isPresent()) {
                String kind = node.get().kind().label();
                heading.setText(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " " + id);
                sheet.show(InspectorFields.forNode(lab, node.get()));
                return;
            }
            Optional<Link> link = lab.link(id);
            if (link.isPresent()) {
                // WAN and LAN are acronyms; "management" is a word ("Management link M1", not "MANAGEMENT link")
                String kind = link.get().kind().key();
                heading.setText((kind.length() == 3 ? kind.toUpperCase(java.util.Locale.ROOT)
                        : Character.toUpperCase(kind.charAt(0)) + kind.substring(1)) + " link " + id);
                sheet.show(InspectorFields.forLink(lab, link.get()));
                return;
            }
        }
        heading.setText("The lab (select a node or link to edit it)");
        sheet.show(InspectorFields.forLab(lab));
    }
}
