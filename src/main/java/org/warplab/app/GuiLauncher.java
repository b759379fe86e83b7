package org.warplab.app;

import javafx.application.Application;
import org.warplab.emulation.EmulatedRuntime;
import org.warplab.live.LiveRuntime;
import org.warplab.run.Runtimes;
import org.warplab.ui.WarpLabApp;

/** Starts the JavaFX designer, or says plainly why it cannot. */
public final class GuiLauncher {

    private GuiLauncher() {
    }

    /** Public for {@link JavaFxModules}, which calls it through its own class loader. */
    public static void launch(String[] args) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux") && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            System.err.println("warplab: no display to open the designer on (DISPLAY is not set).");
            System.err.println("Run it in a graphical session, or use the headless commands: warplab --help");
            System.exit(2);
        }
        try {
            // the lab file is read while JavaFX's toolkit starts: a core is idle then
            WarpLabApp.startReading(args);
            WarpLabApp.useRuntimes(new Runtimes(new EmulatedRuntime(), LiveRuntime.forThisHost()));
            Application.launch(WarpLabApp.class, args);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            System.err.println("warplab: the designer could not start: " + e.getMessage());
            if (String.valueOf(e.getMessage()).contains("GTK")) {
                System.err.println("JavaFX draws its windows with GTK 3 on Linux; install it (Debian: apt-get install libgtk-3-0).");
            }
            System.err.println("The headless commands still work: warplab --help");
            System.exit(2);
        }
    }
}
