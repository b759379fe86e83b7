package org.warplab.ui.designer;

import java.util.List;
import java.util.Optional;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;
import org.warplab.edit.Edit;
import org.warplab.ui.common.DesignerModel;

/**
 * A ControlsFX property sheet over {@link Field}s. Text is committed on Enter or when the field
 * loses focus, as one edit; a value the model refuses stays in the field, marked, with the reason
 * below the sheet, and the lab is left unchanged.
 */
final class FieldSheet extends VBox {

    /** An editor's preferred width: the row's rest goes to it (the sheet grows its editors), never the names' room. */
    private static final double EDITOR_PREF_WIDTH = 100;

    private final DesignerModel model;
    private final PropertySheet sheet = new PropertySheet();
    private final Label refusal = new Label();
    private final String idPrefix;

    /** {@code idPrefix} keeps the editors' node ids apart between sheets: "inspector-field-mac". */
    FieldSheet(DesignerModel model, String idPrefix) {
        this.model = model;
        this.idPrefix = idPrefix;
        getStyleClass().add("field-sheet");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setPropertyEditorFactory(item -> editorFor((FieldItem) item));
        refusal.getStyleClass().add("refusal");
        refusal.setWrapText(true);
        refusal.setId(idPrefix + "-refusal");
        refusal.setVisible(false);
        refusal.setManaged(false);
        VBox.setVgrow(sheet, Priority.ALWAYS);
        getChildren().addAll(refusal, sheet);
    }

    void show(List<Field> fields) {
        clearRefusal();
        sheet.getItems().setAll(fields.stream().map(FieldItem::new).toList());
    }

    String refusalText() {
        return refusal.isVisible() ? refusal.getText() : "";
    }

    private void refuse(String fieldName, String reason) {
        refusal.setText(fieldName + ": " + reason);
        refusal.setVisible(true);
        refusal.setManaged(true);
        model.statusProperty().set("Refused " + fieldName + ": " + reason);
    }

    private void clearRefusal() {
        refusal.setVisible(false);
        refusal.setManaged(false);
    }

    /** Turns the text into an edit and performs it; false (with the reason shown) when refused. */
    private boolean commit(Field field, String text) {
        if (text.equals(field.value())) {
            clearRefusal();
            return true;
        }
        try {
            Edit edit = field.commit().apply(text);
            clearRefusal();
            return model.perform(edit);
        } catch (IllegalArgumentException e) {
            refuse(field.name(), e.getMessage());
            return false;
        }
    }

    private PropertyEditor<?> editorFor(FieldItem item) {
        Field field = item.field;
        Node editor;
        switch (field.type()) {
            case CHOICE -> {
                ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(field.choices()));
                box.setValue(field.value());
                box.setMaxWidth(Double.MAX_VALUE);
                box.valueProperty().addListener((o, was, is) -> {
                    if (is != null && !is.equals(field.value()) && !commit(field, is)) {
                        box.setValue(field.value());
                    }
                });
                editor = box;
            }
            case FLAG -> {
                CheckBox check = new CheckBox();
                check.setSelected(Boolean.parseBoolean(field.value()));
                check.selectedProperty().addListener((o, was, is) -> {
                    if (!commit(field, Boolean.toString(is))) {
                        check.setSelected(was);
                    }
                });
                editor = check;
            }
            case LINES -> {
                TextArea area = new TextArea(field.value());
                area.setWrapText(true);
                area.setPrefRowCount(Math.max(3, Math.min(8, field.value().split("\n", -1).length + 1)));
                area.getStyleClass().add("lines");
                Runnable apply = () -> {
                    // trailing blank lines only: the lines a person wrote stay as written
                    if (commit(field, area.getText().stripTrailing())) {
                        area.getStyleClass().remove("invalid");
                    } else if (!area.getStyleClass().contains("invalid")) {
                        area.getStyleClass().add("invalid");
                    }
                };
                area.focusedProperty().addListener((o, was, is) -> {
                    if (!is && area.getScene() != null) {
                        apply.run();
                    }
                });
                editor = area;
            }
            case READ_ONLY -> {
                TextField text = new TextField(field.value());
                text.setEditable(false);
                text.getStyleClass().add("read-only");
                editor = text;
            }
            default -> {
                TextField text = new TextField(field.value());
                Runnable apply = () -> {
                    if (commit(field, text.getText().strip())) {
                        text.getStyleClass().remove("invalid");
                    } else if (!text.getStyleClass().contains("invalid")) {
                        text.getStyleClass().add("invalid");
                    }
                };
                text.setOnAction(e -> apply.run());
                text.focusedProperty().addListener((o, was, is) -> {
                    if (!is && text.getScene() != null) {
                        apply.run();
                    }
                });
                editor = text;
            }
        }
        editor.setId(idPrefix + "-" + field.editorId());
        if (editor instanceof javafx.scene.layout.Region region) {
            // the sheet's grid gives the editors what is left after the names, which keep their whole text
            // ("Run duration (ms)", not "Run duration …"): a small preferred width, grown to fill the row
            region.setPrefWidth(EDITOR_PREF_WIDTH);
            region.setMaxWidth(Double.MAX_VALUE);
        }
        Tooltip.install(editor, new Tooltip(field.description()));
        Node node = editor;
        return new PropertyEditor<Object>() {
            @Override
            public Node getEditor() {
                return node;
            }

            @Override
            public Object getValue() {
                return field.value();
            }

            @Override
            public void setValue(Object value) {
                // the sheet is rebuilt from the lab after each edit; the editor shows the field's value
            }
        };
    }

    /** Adapts a field to the sheet's item interface. */
    private static final class FieldItem implements PropertySheet.Item {
        private final Field field;

        FieldItem(Field field) {
            this.field = field;
        }

        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public String getCategory() {
            return field.category();
        }

        @Override
        public String getName() {
            return field.name();
        }

        @Override
        public String getDescription() {
            return field.description();
        }

        @Override
        public Object getValue() {
            return field.value();
        }

        @Override
        public void setValue(Object value) {
            // values change through the editor's commit, as undoable edits
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.empty();
        }

        @Override
        public boolean isEditable() {
            return field.type() != Field.Type.READ_ONLY;
        }
    }
}
