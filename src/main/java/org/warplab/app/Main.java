package org.warplab.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.warplab.cli.Cli;

/**
 * The entry point of {@code warplab.jar}: a subcommand runs headless; nothing, or a lab file, opens
 * the designer. This class must not touch JavaFX itself, so the CLI runs where there is no display.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // a thread that dies says so in one line, not a stack trace (a command's own failures are Cli's)
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err.println("warplab: " + thread.getName() + ": " + Cli.oneLine(e)));
        int exit;
        try {
            if (args.length > 0 && wantsCli(args[0])) {
                exit = new Cli().run(args, System.out, System.err);
            } else {
                org.warplab.ui.StartupTrace.mark("main: starting the designer");
                launchDesigner(args);
                return;
            }
        } catch (Throwable e) {
            System.err.println("warplab: " + Cli.oneLine(e));
            exit = Cli.UNUSABLE;
        }
        System.exit(exit);
    }

    /** With JavaFX as named modules when they are beside the jar (see {@link JavaFxModules}), else as JavaFX finds itself. */
    private static void launchDesigner(String[] args) throws ReflectiveOperationException, java.io.IOException {
        var modules = JavaFxModules.alreadyNamed() ? java.util.Optional.<JavaFxModules.Launch>empty() : JavaFxModules.besideTheJar();
        if (modules.isPresent()) {
            try {
                modules.get().start(args);
            } catch (java.lang.module.FindException | java.lang.module.ResolutionException | LayerInstantiationException e) {
                System.err.println("warplab: the JavaFX modules in " + modules.get().modules() + " cannot be used (" + e.getMessage()
                        + "); starting with the JavaFX inside warplab.jar");
                GuiLauncher.launch(args);
            }
        } else {
            GuiLauncher.launch(args);
        }
    }

    private static boolean wantsCli(String first) {
        if (first.startsWith("-")) {
            return true;
        }
        // a lab file opens the designer; deciding that first spares the start-up the CLI's command tree
        if (first.endsWith(".json")) {
            return false;
        }
        if (Cli.isCommand(first)) {
            return true;
        }
        // a word that is neither a command nor a file is most likely a mistyped command
        return !first.endsWith(".json") && !Files.exists(Path.of(first));
    }
}
