package org.warplab.ui;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.io.LabFiles;

/**
 * The sample labs that ship with WarpLab: beside the application where it is installed
 * ({@code /opt/warplab/lib/app/sample-labs}, read-only), else in {@code sample-labs/} under the
 * working directory (a source checkout). A sample always opens as a copy, so the shipped file is
 * never the one a Save overwrites.
 */
public final class SampleLabs {

    static final String FOLDER = "sample-labs";

    private SampleLabs() {
    }

    /** Where the samples are, if anywhere: the installed application's folder first, then the working directory. */
    public static Optional<Path> folder() {
        return besideTheApplication().or(() -> Optional.of(Path.of(FOLDER)).filter(Files::isDirectory));
    }

    /** The sample lab files, sorted by name; empty when there is no samples folder. */
    public static List<Path> list() {
        List<Path> labs = new ArrayList<>();
        Optional<Path> dir = folder();
        if (dir.isEmpty()) {
            return labs;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.get(), "*" + LabFiles.EXTENSION)) {
            files.forEach(labs::add);
        } catch (IOException e) {
            return labs;
        }
        labs.sort(null);
        return labs;
    }

    /** Whether {@code file} is a shipped sample, or a file this user cannot write: either opens as a copy. */
    public static boolean opensAsCopy(Path file) {
        if (!Files.isWritable(file)) {
            return true;
        }
        Optional<Path> dir = folder();
        try {
            return dir.isPresent() && Files.isSameFile(dir.get(), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code dir} is the folder the shipped samples are in (a dialog must not propose it). */
    public static boolean isShippedFolder(Path dir) {
        Optional<Path> samples = folder();
        try {
            return samples.isPresent() && Files.isDirectory(dir) && Files.isSameFile(samples.get(), dir);
        } catch (IOException e) {
            return false;
        }
    }

    /** The first paragraph of a sample's description, for the Sample Labs menu ("" when it has none or cannot be read). */
    public static String description(Path sample) {
        try {
            String text = LabFiles.load(sample).lab().description().strip();
            int paragraph = text.indexOf("\n\n");
            return paragraph < 0 ? text : text.substring(0, paragraph);
        } catch (org.warplab.io.LabFileException | RuntimeException e) {
            return "";
        }
    }

    private static Optional<Path> besideTheApplication() {
        try {
            Path code = Path.of(SampleLabs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = code.getParent() == null ? null : code.getParent().resolve(FOLDER);
            return Optional.ofNullable(dir).filter(Files::isDirectory);
        } catch (URISyntaxException | SecurityException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
