package org.warplab.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The folder layout of generated files, {@code DIR/STATE/DEVICE/FILE}, shared by {@code warplab configs} and the designer. */
public final class ConfigTree {
    private ConfigTree() {
    }

    /** True when {@code dir} exists and holds anything (writing there would mix old and new files). */
    public static boolean isNonEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    /** Writes every file of {@code states} under {@code dir}; returns how many files were written. */
    public static int write(List<StateFiles> states, Path dir) throws IOException {
        int written = 0;
        for (StateFiles s : states) {
            for (GeneratedFile f : s.files()) {
                Path target = dir.resolve(s.state()).resolve(f.device()).resolve(f.relativePath());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.content(), StandardCharsets.UTF_8);
                written++;
            }
        }
        return written;
    }
}
