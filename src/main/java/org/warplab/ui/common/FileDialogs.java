package org.warplab.ui.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Every file dialog of the designer opens where the last one was left (across sessions: the window
 * keeps the folder in its settings), and never in a folder of shipped samples, so a Save never
 * proposes to overwrite one.
 */
public final class FileDialogs {

    private static Path lastFolder;
    private static Consumer<Path> remember = folder -> { };
    private static Predicate<Path> shippedFolder = folder -> false;

    private FileDialogs() {
    }

    /** Set once by the window: the folder the last session ended in, where to keep the next one, which folders hold shipped samples. */
    public static void configure(Optional<Path> last, Consumer<Path> keep, Predicate<Path> isShippedFolder) {
        lastFolder = last.orElse(null);
        remember = keep;
        shippedFolder = isShippedFolder;
    }

    /**
     * The folder a dialog opens in: the last one used, else the folder of {@code current} (the
     * document's file, may be null), else the home folder; never a shipped samples folder.
     */
    public static Path initialFolder(Path current) {
        if (usable(lastFolder)) {
            return lastFolder;
        }
        Path beside = current == null ? null : current.toAbsolutePath().getParent();
        if (usable(beside)) {
            return beside;
        }
        return Path.of(System.getProperty("user.home"));
    }

    public static Optional<Path> lastFolder() {
        return Optional.ofNullable(lastFolder);
    }

    public static Optional<Path> open(FileChooser chooser, Path current, Window owner) {
        chooser.setInitialDirectory(initialFolder(current).toFile());
        return chosen(chooser.showOpenDialog(owner));
    }

    public static Optional<Path> save(FileChooser chooser, Path current, Window owner) {
        chooser.setInitialDirectory(initialFolder(current).toFile());
        return chosen(chooser.showSaveDialog(owner));
    }

    public static Optional<Path> folder(DirectoryChooser chooser, Path current, Window owner) {
        chooser.setInitialDirectory(initialFolder(current).toFile());
        Optional<Path> folder = Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
        folder.ifPresent(FileDialogs::used);
        return folder;
    }

    /** Records that a file in this folder (or this folder) was chosen. */
    public static void used(Path folderOrFile) {
        Path folder = Files.isDirectory(folderOrFile) ? folderOrFile : folderOrFile.toAbsolutePath().getParent();
        if (folder != null && !shippedFolder.test(folder)) {
            lastFolder = folder.toAbsolutePath();
            remember.accept(lastFolder);
        }
    }

    private static Optional<Path> chosen(File file) {
        Optional<Path> path = Optional.ofNullable(file).map(File::toPath);
        path.ifPresent(FileDialogs::used);
        return path;
    }

    private static boolean usable(Path folder) {
        return folder != null && Files.isDirectory(folder) && Files.isWritable(folder) && !shippedFolder.test(folder);
    }
}
