package org.warplab.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.warplab.run.Runtimes;

/**
 * The designer application. Opens the lab named on the command line, else the last lab opened,
 * else the paper's paging lab from {@code sample-labs/} when it is there, else a new empty lab;
 * after a crash it first offers the autosaved changes.
 */
public final class WarpLabApp extends Application {

    static final String DEFAULT_SAMPLE = "paging-paper.warplab.json";

    /** Where unsaved changes are autosaved: ~/.warplab/recovery.warplab.json. */
    static Path recoveryFile() {
        return Path.of(System.getProperty("user.home"), ".warplab", "recovery.warplab.json");
    }

    /** The runtimes the designer offers; {@code app} sets them before JavaFX starts the application. */
    private static volatile Runtimes runtimes;

    /** Called by the entry point before {@link Application#launch}: JavaFX constructs this class itself. */
    public static void useRuntimes(Runtimes chosen) {
        runtimes = chosen;
    }

    /** The lab named on the command line, being read while the toolkit starts (see {@link LabPreread}). */
    private static volatile LabPreread preread;

    /** Called by the entry point before {@link Application#launch}: starts reading the lab named first in {@code args}, if any. */
    public static void startReading(String[] args) {
        if (args.length > 0) {
            preread = LabPreread.start(Path.of(args[0]));
        }
    }

    @Override
    public void start(Stage stage) {
        if (runtimes == null) {
            throw new IllegalStateException("WarpLabApp started without runtimes: start it through org.warplab.app.Main");
        }
        StartupTrace.mark("JavaFX toolkit up, application started");
        DesignerSettings settings = DesignerSettings.user();
        DesignerWindow window = new DesignerWindow(stage, settings, recoveryFile(), runtimes);
        StartupTrace.mark("designer window built");
        List<String> args = getParameters().getRaw();
        LabPreread read = preread;
        preread = null; // read once, for the first lab opened; a later open reads the file as it is then
        // a lab read without trouble, and no crashed session to offer first, opens before the window
        // shows: the first CSS pass and layout then style its views once, not the empty lab's first
        boolean openedEarly = read != null && !Files.isRegularFile(recoveryFile())
                && read.readable(Path.of(args.get(0))) && window.open(Path.of(args.get(0)), Optional.of(read));
        if (openedEarly) {
            StartupTrace.mark("lab opened");
        }
        stage.show();
        StartupTrace.mark("stage shown");
        if (openedEarly) {
            window.canvas().fit(); // the canvas has its size now
        }
        stage.getScene().addPostLayoutPulseListener(new Runnable() {
            private int pulses;

            @Override
            public void run() {
                StartupTrace.mark("pulse " + ++pulses + " laid out");
                if (pulses == 5) {
                    stage.getScene().removePostLayoutPulseListener(this);
                }
            }
        });
        if (openedEarly) {
            return;
        }
        Platform.runLater(() -> {
            if (window.offerRecovery()) {
                return;
            }
            Optional<Path> initial = args.isEmpty() ? settings.lastLab().or(() -> SampleLabs.folder().map(dir -> dir.resolve(DEFAULT_SAMPLE)).filter(Files::isRegularFile))
                    : Optional.of(Path.of(args.get(0)));
            if (initial.isEmpty() || !window.open(initial.get(), Optional.ofNullable(read))) {
                window.model().statusProperty().set(initial.isEmpty() ? "New lab: drag a data center from the palette to start"
                        : window.model().statusProperty().get());
            }
            StartupTrace.mark("lab opened");
        });
    }
}
