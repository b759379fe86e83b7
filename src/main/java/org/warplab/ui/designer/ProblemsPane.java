package org.warplab.ui.designer;

import java.util.function.Consumer;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import org.warplab.model.Problem;
import org.warplab.ui.common.DesignerModel;

/** The lab's validation problems, live; clicking one selects and reveals the element it is about. */
public final class ProblemsPane extends BorderPane {

    private final ListView<Problem> list;

    public ProblemsPane(DesignerModel model, Consumer<Problem> reveal) {
        list = new ListView<>(model.problems());
        list.setId("problem-list");
        list.setPlaceholder(new javafx.scene.control.Label("No problems: the lab is valid."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (empty || p == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                getStyleClass().add(p.isError() ? "problem-error" : "problem-warning");
                setText((p.isError() ? "✖ " : "▲ ") + (p.elementId().isEmpty() ? "" : p.elementId() + ": ") + p.message()
                        + (p.hint().isEmpty() ? "" : " — " + p.hint()));
                setTooltip(new Tooltip(p.path().isEmpty() ? p.message() : p.path() + ": " + p.message()));
            }
        });
        list.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            Problem p = list.getSelectionModel().getSelectedItem();
            if (p != null) {
                reveal.accept(p);
            }
        });
        setCenter(list);
    }
}
