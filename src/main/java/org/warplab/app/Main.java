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
                GuiLauncher.launch(args);
                return;
            }
        } catch (Throwable e) {
            System.err.println("warplab: " + Cli.oneLine(e));
            exit = Cli.UNUSABLE;
        }
        System.exit(exit);
    }

    private static boolean wantsCli(String first) {
        if (first.startsWith("-") || Cli.isCommand(first)) {
            return true;
        }
        // a word that is neither a command nor a file is most likely a mistyped command
        return !first.endsWith(".json") && !Files.exists(Path.of(first));
    }
}
