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
        stage.show();
        StartupTrace.mark("stage shown");
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
        Platform.runLater(() -> {
            if (window.offerRecovery()) {
                return;
            }
            Optional<Path> initial = args.isEmpty() ? settings.lastLab().or(() -> SampleLabs.folder().map(dir -> dir.resolve(DEFAULT_SAMPLE)).filter(Files::isRegularFile))
                    : Optional.of(Path.of(args.get(0)));
            if (initial.isEmpty() || !window.open(initial.get())) {
                window.model().statusProperty().set(initial.isEmpty() ? "New lab: drag a data center from the palette to start"
                        : window.model().statusProperty().get());
            }
            StartupTrace.mark("lab opened");
        });
    }
}
