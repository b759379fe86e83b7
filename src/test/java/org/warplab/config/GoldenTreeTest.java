package org.warplab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.testing.Samples;

/**
 * Every sample lab's generated tree equals the checked-in tree under
 * {@code src/test/resources/golden/<lab>/<state>/<device>/}. Run with
 * {@code -Dwarplab.updateGolden=true} to rewrite the trees, then review the diff.
 */
class GoldenTreeTest {

    static List<String> labs() {
        return Samples.names();
    }

    static Path goldenDir(String lab) {
        return Samples.projectDir().resolve("src/test/resources/golden").resolve(lab);
    }

    @ParameterizedTest
    @MethodSource("labs")
    void generatedTreeMatchesGolden(String name) throws IOException {
        List<StateFiles> states = ConfigGenerator.generateAll(Samples.lab(name), ConfigOptions.DEFAULTS);
        Path golden = goldenDir(name);
        if (Boolean.getBoolean("warplab.updateGolden")) {
            deleteTree(golden);
            for (StateFiles state : states) {
                for (GeneratedFile file : state.files()) {
                    Path target = golden.resolve(state.state()).resolve(file.path());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.content(), StandardCharsets.UTF_8);
                }
            }
            System.out.println("[golden] rewrote " + golden);
        }
        assertTrue(Files.isDirectory(golden), "no golden tree at " + golden + "; generate it with -Dwarplab.updateGolden=true");
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> files = Files.walk(golden)) {
            files.filter(Files::isRegularFile).forEach(p -> expected.add(golden.relativize(p).toString().replace('\\', '/')));
        }
        Set<String> actual = new TreeSet<>();
        List<String> differing = new ArrayList<>();
        for (StateFiles state : states) {
            for (GeneratedFile file : state.files()) {
                String path = state.state() + "/" + file.path();
                actual.add(path);
                Path target = golden.resolve(path);
                if (Files.isRegularFile(target) && !Files.readString(target, StandardCharsets.UTF_8).equals(file.content())) {
                    differing.add(path);
                }
            }
        }
        assertEquals(expected, actual, "the set of generated files changed for " + name + " (update with -Dwarplab.updateGolden=true and review)");
        assertEquals(List.of(), differing, "generated content differs from the golden files of " + name);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
