package org.warplab.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Edits are plain Java over the model: no JavaFX, nothing of the UI. */
class EditLayeringTest {

    @Test
    void theEditPackageImportsNoJavafxAndNoUi() throws Exception {
        List<String> offenders;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/warplab/edit"))) {
            offenders = files.filter(f -> {
                try {
                    return Files.readAllLines(f).stream().anyMatch(line -> line.startsWith("import javafx.")
                            || line.startsWith("import org.warplab.ui.") || line.startsWith("import org.controlsfx."));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> f.getFileName().toString()).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
