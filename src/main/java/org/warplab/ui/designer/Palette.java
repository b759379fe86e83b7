package org.warplab.ui.designer;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.SVGPath;
import org.warplab.edit.ElementFactory;
import org.warplab.ui.canvas.CanvasView;
import org.warplab.ui.common.Icons;

/**
 * The node kinds a user drags onto the canvas. Dragging is done with plain mouse events (press,
 * drag, release), with a ghost following the pointer, so it works the same everywhere a mouse does;
 * a double-click adds the node in the middle of the view.
 */
public final class Palette extends VBox {

    private final CanvasView canvas;
    private final Pane overlay;

    public Palette(CanvasView canvas, Pane overlay) {
        this.canvas = canvas;
        this.overlay = overlay;
        getStyleClass().add("palette");
        Label heading = new Label("Palette");
        heading.getStyleClass().add("pane-heading");
        getChildren().add(heading);
        for (ElementFactory.Kind kind : ElementFactory.Kind.values()) {
            getChildren().add(item(kind));
        }
        Label hint = new Label("Drag onto the canvas. VMs go inside a data center. "
                + "Connect: press C (or hold Alt) and drag from node to node.");
        hint.setWrapText(true);
        hint.getStyleClass().add("explanation");
        getChildren().add(hint);
    }

    static String iconOf(ElementFactory.Kind kind) {
        return switch (kind) {
            case DATA_CENTER -> Icons.DATA_CENTER;
            case VM -> Icons.VM;
            case SERVER_EDGE_ROUTER, CORE_ROUTER, CLIENT_EDGE_ROUTER -> Icons.ROUTER;
            case CLIENT -> Icons.CLIENT;
            case SWITCH -> Icons.SWITCH;
        };
    }

    public static StackPane icon(String pathData, String styleClass) {
        SVGPath path = new SVGPath();
        path.setContent(pathData);
        path.setFillRule(FillRule.EVEN_ODD);
        path.getStyleClass().add("icon-path");
        StackPane box = new StackPane(path);
        box.getStyleClass().addAll("icon-box", styleClass);
        box.setMinSize(30, 30);
        box.setMaxSize(30, 30);
        return box;
    }

    private Label item(ElementFactory.Kind kind) {
        String styleClass = "kind-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        Label label = new Label(kind.label(), icon(iconOf(kind), styleClass));
        label.setId("palette-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        label.getStyleClass().add("palette-item");
        label.setMaxWidth(Double.MAX_VALUE);
        label.setAlignment(Pos.CENTER_LEFT);
        label.setTooltip(new Tooltip("Drag a " + kind.label().toLowerCase(Locale.ROOT) + " onto the canvas"
                + (kind == ElementFactory.Kind.VM ? " (into a data center)" : "") + "; double-click to add it in the middle"));
        Label ghost = new Label(kind.label(), icon(iconOf(kind), styleClass));
        ghost.getStyleClass().add("palette-ghost");
        ghost.setMouseTransparent(true);
        label.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> label.setCursor(Cursor.CLOSED_HAND));
        label.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!overlay.getChildren().contains(ghost)) {
                overlay.getChildren().add(ghost);
            }
            var p = overlay.sceneToLocal(e.getSceneX(), e.getSceneY());
            ghost.relocate(p.getX() + 8, p.getY() + 8);
        });
        label.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            label.setCursor(Cursor.DEFAULT);
            if (overlay.getChildren().remove(ghost)) {
                canvas.dropFromPalette(kind, e.getSceneX(), e.getSceneY());
            }
        });
        label.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                var center = canvas.localToScene(canvas.getWidth() / 2, canvas.getHeight() / 2);
                canvas.dropFromPalette(kind, center.getX(), center.getY());
            }
        });
        return label;
    }
}
