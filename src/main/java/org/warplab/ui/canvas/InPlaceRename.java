package org.warplab.ui.canvas;

import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.warplab.edit.ReplaceNode;
import org.warplab.model.Node;
import org.warplab.ui.common.DesignerModel;

/** Renaming a node in place: a text field over its name; Enter (or leaving the field) renames, Escape cancels. */
final class InPlaceRename {

    private final CanvasView view;
    private final DesignerModel model;
    private final TextField field = new TextField();
    private String renaming;

    InPlaceRename(CanvasView view, DesignerModel model) {
        this.view = view;
        this.model = model;
        field.setVisible(false);
        field.setManaged(false);
        field.setId("rename-field");
        field.setOnAction(e -> commit());
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                cancel();
                e.consume();
            }
        });
        field.focusedProperty().addListener((o, was, is) -> {
            if (!is && renaming != null) {
                commit();
            }
        });
    }

    TextField field() {
        return field;
    }

    boolean active() {
        return renaming != null;
    }

    /** Opens the field over {@code id}'s name. */
    void start(String id) {
        Optional<Node> node = model.lab().node(id);
        Optional<Rectangle2D> r = view.labLayout().bounds(id);
        if (node.isEmpty() || r.isEmpty()) {
            return;
        }
        renaming = id;
        model.select(id);
        Point2D topLeft = view.toScreen(r.get().getMinX(), r.get().getMinY());
        double width = Math.max(140, r.get().getWidth() * view.scale());
        field.setText(node.get().name());
        field.resizeRelocate(topLeft.getX(), Math.max(0, topLeft.getY() - 4), width, 28);
        field.setVisible(true);
        field.requestFocus();
        field.selectAll();
    }

    void commit() {
        String id = renaming;
        renaming = null;
        field.setVisible(false);
        Optional<Node> node = model.lab().node(id);
        String text = field.getText().strip();
        if (node.isPresent() && !text.isEmpty() && !text.equals(node.get().name())) {
            model.perform(new ReplaceNode("Rename " + id, node.get(), node.get().withName(text)));
        }
        view.requestFocus();
    }

    private void cancel() {
        renaming = null;
        field.setVisible(false);
        view.requestFocus();
    }
}
