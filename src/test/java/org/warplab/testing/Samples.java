package org.warplab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;

/** The sample labs of the repository, for tests that run over all of them. */
public final class Samples {

    private Samples() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("warplab.projectDir", ".")).toAbsolutePath();
    }

    public static Path dir() {
        return projectDir().resolve("sample-labs");
    }

    public static List<Path> files() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(LabFiles.EXTENSION)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample labs' names, without {@code .warplab.json}, sorted. */
    public static List<String> names() {
        return files().stream().map(f -> f.getFileName().toString().replace(LabFiles.EXTENSION, "")).toList();
    }

    public static Path file(String name) {
        return dir().resolve(name + LabFiles.EXTENSION);
    }

    public static Lab lab(String name) {
        try {
            return LabFiles.load(file(name)).lab();
        } catch (LabFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
