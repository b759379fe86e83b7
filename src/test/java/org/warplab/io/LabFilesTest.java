package org.warplab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.testing.Samples;

class LabFilesTest {

    static Stream<Path> samples() {
        return Samples.files().stream();
    }

    @Test
    void theSixSampleLabsAreThere() {
        assertEquals(List.of("baseline-no-scheme", "mipv6-no-shared-storage", "mipv6-paper", "paging-paper", "paging-three-dc",
                "segmentation-tenants"), samples().map(p -> p.getFileName().toString().replace(LabFiles.EXTENSION, "")).toList());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleLoadsValidatesAndRoundTripsByteForByte(Path sample, @TempDir Path dir) throws Exception {
        String original = Files.readString(sample, StandardCharsets.UTF_8);
        Lab lab = LabFiles.load(sample).lab();
        List<Problem> problems = LabValidator.validate(lab);
        assertTrue(problems.isEmpty(), () -> sample + " has problems: " + problems);
        assertFalse(lab.description().isBlank(), "every sample says what it teaches");

        Path copy = dir.resolve(sample.getFileName());
        LabFiles.save(copy, lab);
        assertEquals(original, Files.readString(copy, StandardCharsets.UTF_8), "load -> save must give the same bytes");
        assertEquals(lab, LabFiles.load(copy).lab(), "load -> save -> load must give an equal lab");
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lab.warplab.json");
        Lab first = Samples.lab("paging-paper");
        LabFiles.save(file, first);
        Lab second = first.withNameAndDescription("Renamed", "changed");
        LabFiles.save(file, second);
        assertEquals(second, LabFiles.load(file).lab());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "only the lab file remains; the temporary file was renamed over it");
        }
    }

    @Test
    void aFailedSaveLeavesTheOldFileIntact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lab.warplab.json");
        LabFiles.save(file, Samples.lab("paging-paper"));
        byte[] before = Files.readAllBytes(file);
        // the target's directory is read-only: the temporary file cannot even be created
        assertTrue(dir.toFile().setWritable(false));
        try {
            if (Files.isWritable(dir)) {
                return; // root ignores directory permissions; the rename-over-temp path is covered above
            }
            assertThrows(IOException.class, () -> LabFiles.save(file, Lab.empty("other")));
        } finally {
            assertTrue(dir.toFile().setWritable(true));
        }
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file));
    }

    @Test
    void aMissingFileAndNonUtf8AreReportedPlainly(@TempDir Path dir) throws Exception {
        LabFileException missing = assertThrows(LabFileException.class, () -> LabFiles.load(dir.resolve("nope.warplab.json")));
        assertEquals(dir.resolve("nope.warplab.json") + ": no such file", missing.getMessage());
        Path binary = dir.resolve("bin.warplab.json");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b});
        LabFileException notText = assertThrows(LabFileException.class, () -> LabFiles.load(binary));
        assertEquals(binary + ": is not UTF-8 text; a lab file is JSON", notText.getMessage());
    }

    @Test
    void everyMistakeOfAFileIsReportedAtOnce() {
        String text = """
                {
                  "formatVersion": 1,
                  "name": "two mistakes",
                  "durationMs": "soon",
                  "nodes": [{"id": "A", "kind": "vm", "name": "A", "dataCenter": "X", "addresses": ["1.2.3"], "mac": "x", "memoryMiB": 64}],
                  "links": []
                }
                """;
        LabFileException e = assertThrows(LabFileException.class, () -> LabFiles.parse(Path.of("t.json"), text));
        assertEquals(List.of(
                "t.json:4:17: durationMs: expected a number, found the string \"soon\"",
                "t.json:5:85: nodes[0].addresses[0]: '1.2.3' is not an IPv4 address (expected four numbers like 172.16.10.2)",
                "t.json:5:102: nodes[0].mac: 'x' is not a MAC address (expected six hex pairs like 02:00:00:00:10:02)"),
                e.problems().stream().map(FileProblem::toString).toList());
    }
}
