package org.warplab.ui;

import org.warplab.testing.TestRuntimes;
import java.nio.file.Path;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.stage.Stage;

/**
 * A designer window for a TestFX test: its own throw-away preferences (so tests never see the
 * user's recent files or each other's), a fixed size at the screen's corner, shown.
 */
public final class TestWindows {

    private TestWindows() {
    }

    /** The window and the preferences node it uses; {@link #forget()} after the test. */
    public record Opened(DesignerWindow window, Preferences prefs) {
        public void forget() throws BackingStoreException {
            prefs.removeNode();
        }
    }

    /** @param recovery the autosave file, or null for none */
    public static Opened open(Stage stage, String testName, Path recovery) {
        return open(stage, testName, recovery, TestRuntimes.real());
    }

    /** As {@link #open(Stage, String, Path)}, running labs on {@code runtimes}. */
    public static Opened open(Stage stage, String testName, Path recovery, org.warplab.run.Runtimes runtimes) {
        Preferences prefs = Preferences.userRoot().node("org/warplab/" + testName + "-" + System.nanoTime());
        DesignerWindow window = new DesignerWindow(stage, new DesignerSettings(prefs), recovery, runtimes);
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        return new Opened(window, prefs);
    }

    /** {@code call}'s answer, asked on the FX thread (a test's look at a node's state). */
    public static <T> T fx(java.util.concurrent.Callable<T> call) {
        java.util.concurrent.atomic.AtomicReference<T> out = new java.util.concurrent.atomic.AtomicReference<>();
        org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            try {
                out.set(call.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return out.get();
    }
}
