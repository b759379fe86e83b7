package org.warplab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.MobileIpv6;
import org.warplab.model.Segmentation;
import org.warplab.testing.Samples;

class LabParameterTest {

    static Lab set(String lab, String path, double value) throws Exception {
        return LabParameter.parse(path).apply(Samples.lab(lab), value);
    }

    static String error(String lab, String path, double value) {
        return assertThrows(LabParameter.BadParameterException.class, () -> set(lab, path, value)).getMessage();
    }

    @Test
    void rewritesLinksNodesMigrationsSchemesAndTopLevelFieldsInTheFilesUnits() throws Exception {
        assertEquals(150_000_000L, set("mipv6-paper", "links.W2.delayMs", 150).link("W2").orElseThrow().delayNs());
        assertEquals(2_500_000L, set("mipv6-paper", "links.W2.delayMs", 2.5).link("W2").orElseThrow().delayNs(), "fractions of a ms");
        assertEquals(1024, set("mipv6-paper", "nodes.mn.memoryMiB", 1024).vms().get(0).memoryMiB());
        assertEquals(50_000_000L, set("mipv6-paper", "migrations.MIG1.downtimeLimitMs", 50).migrations().get(0).downtimeLimitNs());
        assertEquals(200_000_000L, set("mipv6-paper", "schemes.mobile-ipv6.raMaxIntervalMs", 200).schemeConfig(MobileIpv6.class)
                .orElseThrow().raMaxIntervalNs());
        assertEquals(12_000_000_000L, set("mipv6-paper", "durationMs", 12000).durationNs());
        assertEquals(7000, set("segmentation-tenants", "schemes.segmentation.segments.1.id", 7000).schemeConfig(Segmentation.class)
                .orElseThrow().segments().get(1).id(), "lists without ids by position");
    }

    @Test
    void onlyTheAddressedFieldChanges() throws Exception {
        Lab before = Samples.lab("paging-paper");
        Lab after = LabParameter.parse("links.W2.delayMs").apply(before, 33);
        assertEquals(before.withLinks(List.of()), after.withLinks(List.of()));
        for (int i = 0; i < before.links().size(); i++) {
            if (!before.links().get(i).id().equals("W2")) {
                assertEquals(before.links().get(i), after.links().get(i));
            }
        }
        assertEquals(33.0, LabParameter.parse("links.W2.delayMs").valueIn(after));
    }

    @Test
    void aBadPathSaysWhatExists() {
        String noLink = error("mipv6-paper", "links.W9.delayMs", 1);
        assertTrue(noLink.contains("no element with id 'W9'") && noLink.contains("W1, W2"), noLink);
        String noField = error("mipv6-paper", "links.W2.latencyMs", 1);
        assertTrue(noField.contains("has no 'latencyMs'") && noField.contains("delayMs"), noField);
        String noTop = error("mipv6-paper", "wires.W2.delayMs", 1);
        assertTrue(noTop.contains("the lab has no 'wires'"), noTop);
        assertTrue(assertThrows(LabParameter.BadParameterException.class, () -> LabParameter.parse("links..delayMs")).getMessage()
                .contains("empty part"));
        String pastValue = error("mipv6-paper", "links.W2.delayMs.x", 1);
        assertTrue(pastValue.contains("is a value"), pastValue);
        String position = error("segmentation-tenants", "schemes.segmentation.segments.9.id", 1);
        assertTrue(position.contains("positions run from 0 to 1"), position);
    }

    @Test
    void aFieldThatIsNotANumberIsRefused() {
        String text = error("mipv6-paper", "links.W2.kind", 1);
        assertTrue(text.contains("the text \"wan\", not a number") && text.contains("delayMs"), text);
        assertTrue(error("mipv6-paper", "schemes.mobile-ipv6.routeOptimization", 1).contains("the switch false"));
        assertTrue(error("mipv6-paper", "links", 1).contains("a list"));
    }

    @Test
    void aValueTheReaderRejectsIsReported() {
        String text = error("mipv6-paper", "nodes.mn.memoryMiB", 1.5);
        assertTrue(text.contains("nodes.mn.memoryMiB = 1.5 makes the lab unreadable"), text);
    }
}
