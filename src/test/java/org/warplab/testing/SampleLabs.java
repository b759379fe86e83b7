package org.warplab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;

/** The sample labs of the project, by file name without {@code .warplab.json}. */
public final class SampleLabs {

    private SampleLabs() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("warplab.projectDir", "."));
    }

    public static List<String> names() {
        try (Stream<Path> files = Files.list(projectDir().resolve("sample-labs"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(LabFiles.EXTENSION))
                    .map(n -> n.substring(0, n.length() - LabFiles.EXTENSION.length())).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list sample-labs: " + e.getMessage(), e);
        }
    }

    public static Path file(String name) {
        return projectDir().resolve("sample-labs").resolve(name + LabFiles.EXTENSION);
    }

    public static Lab load(String name) {
        try {
            return LabFiles.load(file(name)).lab();
        } catch (LabFileException e) {
            throw new IllegalStateException("sample lab " + name + " does not load: " + e.problems(), e);
        }
    }
}
