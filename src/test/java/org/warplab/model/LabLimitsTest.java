package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.io.LabFiles;

class LabLimitsTest {

    @Test
    void theFormatReferencePrintsTheLimitsTheValidatorEnforces() throws IOException {
        String doc = Files.readString(Path.of("docs/format.md"), StandardCharsets.UTF_8);
        assertTrue(doc.contains(LabLimits.markdownTable()), "docs/format.md must hold LabLimits.markdownTable():\n" + LabLimits.markdownTable());
    }

    @Test
    void everySampleLabIsWithinTheLimits() throws Exception {
        try (var files = Files.list(Path.of("sample-labs"))) {
            for (Path file : files.toList()) {
                assertEquals(List.of(), LabLimits.check(LabFiles.load(file).lab()), file.toString());
            }
        }
    }

    @Test
    void nonFiniteNumbersBuiltInMemoryAreRefusedToo() throws Exception {
        Lab lab = LabFiles.load(Path.of("sample-labs/paging-paper.warplab.json")).lab();
        Node first = lab.nodes().get(0);
        DataCenter dc = (DataCenter) first;
        DataCenter moved = new DataCenter(dc.id(), dc.name(), new Position(Double.POSITIVE_INFINITY, Double.NaN), dc.lanPrefixes(),
                dc.gatewayAddresses(), dc.gatewayMac(), dc.storage(), dc.capturesAnnouncements());
        List<Node> nodes = new java.util.ArrayList<>(lab.nodes());
        nodes.set(0, moved);
        List<Problem> problems = LabValidator.validate(lab.withNodes(nodes));
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("nodes[0].x") && p.message().contains("not a finite number")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("nodes[0].y") && p.message().contains("not a finite number")), problems.toString());
    }
}
