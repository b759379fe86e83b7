package org.warplab.app;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * JavaFX supports itself only as named modules; loaded from the class path (as from a plain
 * {@code java -jar warplab.jar}) it warns "Unsupported JavaFX configuration" on every start. So
 * the build puts the JavaFX module jars in {@code javafx/} beside {@code warplab.jar} (and the
 * installer beside its copy), and the designer is started in a module layer made of them: JavaFX
 * as the named modules it expects, WarpLab's own classes in a loader whose parent is that layer.
 * This class must not touch JavaFX itself (the CLI runs where there is none).
 */
final class JavaFxModules {

    static final String FOLDER = "javafx";
    private static final Set<String> ROOTS = Set.of("javafx.controls", "javafx.swing");

    private JavaFxModules() {
    }

    /** Whether JavaFX already runs as named modules (started with --module-path, as by mvn javafx:run). */
    static boolean alreadyNamed() {
        return ModuleLayer.boot().findModule("javafx.graphics").isPresent();
    }

    /** The jar this code runs from and, beside it, a javafx/ folder of module jars; empty when either is missing. */
    static Optional<Launch> besideTheJar() {
        try {
            Path code = Path.of(JavaFxModules.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path folder = code.resolveSibling(FOLDER);
            if (!Files.isRegularFile(code) || !Files.isDirectory(folder) || !hasJars(folder)) {
                return Optional.empty();
            }
            return Optional.of(new Launch(code, folder));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException | NullPointerException | IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasJars(Path folder) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
            return jars.iterator().hasNext();
        }
    }

    /** WarpLab's jar and the folder of JavaFX module jars. */
    record Launch(Path jar, Path modules) {

        /**
         * Starts {@link GuiLauncher#launch} with JavaFX as named modules; a JavaFX that cannot be
         * resolved from the folder (a jar missing or broken) is an exception before anything starts.
         */
        void start(String[] args) throws ReflectiveOperationException, IOException {
            ModuleLayer boot = ModuleLayer.boot();
            Configuration javafx = boot.configuration().resolve(ModuleFinder.of(modules), ModuleFinder.of(), ROOTS);
            ModuleLayer layer = boot.defineModulesWithOneLoader(javafx, ClassLoader.getPlatformClassLoader());
            // parent first: javafx.* from the layer, everything else (WarpLab, its libraries) from the jar
            URLClassLoader designer = new URLClassLoader("warplab-designer", new URL[] {jar.toUri().toURL()},
                    layer.findLoader("javafx.graphics"));
            Thread.currentThread().setContextClassLoader(designer);
            Class<?> launcher = Class.forName(GuiLauncher.class.getName(), true, designer);
            launcher.getMethod("launch", String[].class).invoke(null, (Object) args);
        }
    }
}
