package org.warplab.ui.run;

import java.net.URL;
import javafx.event.EventHandler;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import org.warplab.ui.common.Theme;

/**
 * The scene of a window that replays runs apart from the designer (presentation mode, side by side):
 * 1280×720, the designer's stylesheet and theme, and the window's own keys.
 */
final class ReplayScene {
    private ReplayScene() {
    }

    static Scene of(Parent root, Theme theme, EventHandler<KeyEvent> keys) {
        Scene scene = new Scene(root, 1280, 720);
        URL css = ReplayScene.class.getResource("/org/warplab/ui/designer.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        if (theme == Theme.DARK) {
            root.getStyleClass().add("dark");
        }
        scene.addEventFilter(KeyEvent.KEY_PRESSED, keys);
        return scene;
    }
}
