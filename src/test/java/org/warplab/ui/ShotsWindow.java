package org.warplab.ui;

import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.warplab.testing.TestRuntimes;

/**
 * The set-up every {@code *Shots} picture program shares: a designer window on throwaway
 * preferences (a person's own settings are neither read nor changed, and no recent file of theirs
 * shows), of a given size at the screen's top-left corner (where {@code import -window root}
 * finds it); and its end, which forgets those preferences and leaves JavaFX.
 */
public final class ShotsWindow {

    private final Preferences prefs;
    private final DesignerWindow window;

    private ShotsWindow(Preferences prefs, DesignerWindow window) {
        this.prefs = prefs;
        this.window = window;
    }

    /** Shows a designer window on {@code stage}; {@code name} (e.g. "run-shots") names its preferences node. */
    public static ShotsWindow open(Stage stage, String name, double width, double height) {
        Preferences prefs = Preferences.userRoot().node("org/warplab/" + name + "-" + System.nanoTime());
        DesignerWindow window = new DesignerWindow(stage, new DesignerSettings(prefs), null, TestRuntimes.real());
        stage.setWidth(width);
        stage.setHeight(height);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        return new ShotsWindow(prefs, window);
    }

    public DesignerWindow window() {
        return window;
    }

    /** Removes the throwaway preferences and ends the program. */
    public void finish() {
        try {
            prefs.removeNode();
        } catch (Exception e) {
            System.err.println(e.getMessage());
        }
        Platform.exit();
    }
}
