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

    /** A number of the format, set on the paging sample in the limit's own unit. */
    record Field(LabLimits.Limit limit, String path, java.util.function.BiFunction<Lab, Double, Lab> set) {
        @Override
        public String toString() {
            return path;
        }
    }

    private static final Lab PAGING = org.warplab.testing.Samples.lab("paging-paper");

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Field> fields() {
        return net.jqwik.api.Arbitraries.of(
                new Field(LabLimits.DURATION, "durationMs", (lab, ms) -> lab.withDurationNs(Math.round(ms * 1e6))),
                new Field(LabLimits.DELAY, "links[2].delayMs", (lab, ms) -> lab.replacingLink(lab.links().get(2).withDelayNs(Math.round(ms * 1e6)))),
                new Field(LabLimits.BANDWIDTH, "links[2].bandwidthMbps", (lab, mbps) -> lab.replacingLink(lab.links().get(2).withBandwidthBps(Math.round(mbps * 1e6)))),
                new Field(LabLimits.COST, "links[2].cost", (lab, cost) -> lab.replacingLink(lab.links().get(2).withCost((int) Math.round(cost)))),
                new Field(LabLimits.POSITION, "nodes[3].x", (lab, x) -> lab.replacingNode(lab.nodes().get(3).withPosition(new Position(x, 0)))),
                new Field(LabLimits.ROUNDS, "migrations[0].maxRounds", (lab, n) -> lab.withMigrations(List.of(rounds(lab.migrations().get(0), (int) Math.round(n))))));
    }

    private static Migration rounds(Migration m, int rounds) {
        return new Migration(m.id(), m.vm(), m.to(), m.atNs(), m.mode(), m.storage(), m.downtimeLimitNs(), m.bandwidthCapBps(), rounds);
    }

    @net.jqwik.api.Property(tries = 300)
    void aNumberIsRefusedAtItsPathExactlyWhenItIsPastItsRange(@net.jqwik.api.ForAll("fields") Field field,
                                                             @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = 0.01, max = 20) double times) {
        double max = field.limit().max().doubleValue();
        double value = Math.floor(max * times);
        List<Problem> problems = LabLimits.check(field.set().apply(PAGING, value));
        if (value <= max) {
            assertEquals(List.of(), problems, field + " = " + value);
        } else {
            assertEquals(1, problems.size(), field + " = " + value + ": " + problems);
            Problem problem = problems.get(0);
            assertEquals(field.path(), problem.path());
            assertTrue(problem.isError() && problem.message().endsWith("outside " + field.limit().range()), problem.toString());
            assertTrue(problem.hint().startsWith("use " + field.limit().range() + ": " + field.limit().why()), problem.toString());
        }
    }

    @Test
    void tooManyProbesForTheEmulatorsMemoryIsOneErrorOnTheTraffic() {
        ProbeFlow f = PAGING.traffic().get(0);
        ProbeFlow dense = new ProbeFlow(f.id(), f.kind(), f.client(), f.vm(), f.packetBytes(), 100_000L, 0, 0);
        Lab lab = PAGING.withTraffic(List.of(dense)).withDurationNs(1_000_001_000_000L);
        List<Problem> problems = LabLimits.check(lab);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("traffic", problems.get(0).path());
        assertTrue(problems.get(0).message().startsWith("the traffic sends 10,000,010 probes in one run"), problems.get(0).message());
        assertEquals(List.of(), LabLimits.check(lab.withDurationNs(1_000_000_000_000L)), "10,000,000 probes fit");
    }
}
