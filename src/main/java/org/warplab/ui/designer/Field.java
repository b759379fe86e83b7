package org.warplab.ui.designer;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.warplab.edit.Edit;

/**
 * One editable (or read-only) value shown in a property sheet: its text, the choices when it is a
 * pick list, and how a new text becomes an edit. The commit function throws
 * IllegalArgumentException with a reason a person can read when the text is refused.
 */
public record Field(String category, String name, String description, Type type, String value, List<String> choices,
                    Function<String, Edit> commit) {

    /** LINES: text of several lines (a description), edited in a text area. */
    public enum Type { TEXT, LINES, CHOICE, FLAG, READ_ONLY }

    public Field {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        choices = List.copyOf(choices);
    }

    public static Field text(String category, String name, String description, String value, Function<String, Edit> commit) {
        return new Field(category, name, description, Type.TEXT, value, List.of(), commit);
    }

    /** Text of several lines: Enter starts a new line, the value is taken when the editor loses focus. */
    public static Field lines(String category, String name, String description, String value, Function<String, Edit> commit) {
        return new Field(category, name, description, Type.LINES, value, List.of(), commit);
    }

    public static Field choice(String category, String name, String description, String value, List<String> choices,
                               Function<String, Edit> commit) {
        return new Field(category, name, description, Type.CHOICE, value, choices, commit);
    }

    public static Field flag(String category, String name, String description, boolean value, Function<String, Edit> commit) {
        return new Field(category, name, description, Type.FLAG, Boolean.toString(value), List.of(), commit);
    }

    public static Field readOnly(String category, String name, String description, String value) {
        return new Field(category, name, description, Type.READ_ONLY, value, List.of(), null);
    }

    /** The node id of this field's editor: "field-" and the name in lowercase words joined by '-'. */
    public String editorId() {
        return "field-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
