package org.warplab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.warplab.model.Lab;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipe;

/**
 * The lab file over drawn and edited labs (valid or not: a user saves a lab with errors too): what
 * is saved opens as the same lab and saves again to the same bytes; a file damaged anywhere (cut
 * short, a character changed, a character inserted) is refused with located problems or opens as
 * some lab, and never throws anything else.
 */
class LabFilePropertiesTest {

    private static final Path FILE = Path.of("drawn.warplab.json");

    @Provide
    Arbitrary<Recipe> labs() {
        return ValidatedLabsRunPropertiesTest.recipeArbitrary();
    }

    @Property(tries = 300, seed = "20261203")
    void aSavedLabOpensAsItselfAndSavesToTheSameBytes(@ForAll("labs") Recipe recipe) throws Exception {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        String json = LabFiles.toJson(lab);
        LoadedLab loaded = LabFiles.parse(FILE, json);
        assertEquals(lab, loaded.lab(), () -> "reopened lab differs:\n" + json);
        assertEquals(LabFiles.FORMAT_VERSION, loaded.formatVersion());
        assertEquals(json, LabFiles.toJson(loaded.lab()), "saved again");
        assertTrue(json.endsWith("\n"), "a text file ends with a newline");
    }

    @Property(tries = 40, seed = "20261203")
    void saveThenLoadThroughTheDiskIsByteIdentical(@ForAll("labs") Recipe recipe) throws Exception {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        Path dir = Files.createTempDirectory("warplab-io-property");
        try {
            Path file = dir.resolve("lab.warplab.json");
            LabFiles.save(file, lab);
            byte[] first = Files.readAllBytes(file);
            assertEquals(LabFiles.toJson(lab), new String(first, StandardCharsets.UTF_8));
            Lab reopened = LabFiles.load(file).lab();
            assertEquals(lab, reopened);
            LabFiles.save(file, reopened);
            assertArrayEquals(first, Files.readAllBytes(file));
        } finally {
            deleteTree(dir);
        }
    }

    @Property(tries = 400, seed = "20261203")
    void aDamagedFileIsRefusedWithLocatedProblemsNeverAThrow(@ForAll("labs") Recipe recipe, @ForAll @IntRange(max = 2) int damage,
                                                            @ForAll @IntRange(max = 1_000_000) int where, @ForAll char replacement) {
        String json = LabFiles.toJson(ValidatedLabsRunPropertiesTest.build(recipe));
        int at = where % json.length();
        String damaged = switch (damage) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + replacement + json.substring(at + 1);
            default -> json.substring(0, at) + replacement + json.substring(at);
        };
        try {
            LoadedLab loaded = LabFiles.parse(FILE, damaged);
            // some damage leaves a lab (a changed letter in a name): it must then save as it reads
            assertEquals(loaded.lab(), LabFiles.parse(FILE, LabFiles.toJson(loaded.lab())).lab());
        } catch (LabFileException refused) {
            assertFalse(refused.problems().isEmpty(), "a refusal says why");
            for (FileProblem problem : refused.problems()) {
                assertEquals(FILE, problem.file());
                assertFalse(problem.message().isBlank(), "a problem has a message: " + problem);
                assertFalse(problem.message().contains("Exception"), "a problem is written for a user: " + problem);
            }
        } catch (RuntimeException | StackOverflowError e) {
            fail("damage " + damage + " at " + at + " (" + (int) replacement + ") threw " + e + "\n" + damaged, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
