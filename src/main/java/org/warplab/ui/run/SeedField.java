package org.warplab.ui.run;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/** The seed box of a run bar (the Run view's, the Compare tab's): 1 at first, read as a whole number or refused in the status line. */
final class SeedField extends TextField {

    SeedField(String id, String tooltip) {
        super("1");
        setId(id);
        setPrefColumnCount(5);
        setTooltip(new Tooltip(tooltip));
    }

    /** The seed typed; null, with the reason in {@code status}, when it is not a whole number. */
    Long seed(Label status) {
        try {
            return Long.parseLong(getText().strip());
        } catch (NumberFormatException e) {
            status.setText("The seed must be a whole number, e.g. 1");
            return null;
        }
    }
}
