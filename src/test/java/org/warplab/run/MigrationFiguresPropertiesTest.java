package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.warplab.model.Units;

/**
 * A migration's figures as every reader shows them (the readout's words, a sweep's plotted value,
 * the caveats), over arbitrary figures a runtime can report, finished or not, measured or not:
 * the words, the plotted number and the caveats must tell the same story, and a figure that was
 * not measured must never come out as a number.
 */
class MigrationFiguresPropertiesTest {

    @Provide
    Arbitrary<MigrationMetrics> figures() {
        Arbitrary<Long> nsOrNone = Arbitraries.oneOf(Arbitraries.just(-1L), Arbitraries.longs().between(0, 5_000_000_000L));
        Arbitrary<FlowMetrics> flow = Builders.withBuilder(() -> new long[3])
                .use(Arbitraries.longs().between(0, 200)).in((a, sent) -> new long[] {sent, a[1], a[2]})
                .use(Arbitraries.longs().between(0, 200)).in((a, lost) -> new long[] {a[0], Math.min(lost, a[0]), a[2]})
                .use(nsOrNone).in((a, after) -> new long[] {a[0], a[1], after})
                .build(a -> new FlowMetrics("P1", "U1", a[0], a[1], a[0] > 0 ? 1_000_000 : -1, a[0] > a[1] ? 4_000_000 : -1, a[2], "", ""));
        Arbitrary<Completion> completion = Builders.withBuilder(() -> new Object[] {true, 0, 0, null, 0L})
                .use(Arbitraries.of(true, false)).in((c, finished) -> new Object[] {finished, c[1], c[2], c[3], c[4]})
                .use(Arbitraries.integers().between(0, 30)).in((c, rounds) -> new Object[] {c[0], rounds, 30, c[3], c[4]})
                .use(Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3)).in((c, converged) -> new Object[] {c[0], c[1], c[2], converged, c[4]})
                .use(Arbitraries.of(0L, 300_000_000L)).in((c, limit) -> new Object[] {c[0], c[1], c[2], c[3], limit})
                .build(c -> new Completion((Boolean) c[0], (Integer) c[1], (Integer) c[2], (Boolean) c[3], (Long) c[4]));
        Arbitrary<HypervisorReport> hypervisor = Arbitraries.longs().between(-1, 1_000_000_000L)
                .map(own -> new HypervisorReport("QEMU (TCG)", own, 500_000_000L, 3_000_000_000L, 1L << 30, 300_000_000L, -1, List.of()))
                .injectNull(0.6);
        return Builders.withBuilder(Figures::new)
                .use(completion).in(Figures::completion)
                .use(nsOrNone).in(Figures::downtime)
                .use(nsOrNone).in(Figures::gap)
                .use(Arbitraries.longs().between(-1, 10_000_000L).injectNull(0.3)).in(Figures::switching)
                .use(flow.list().ofMaxSize(3)).in(Figures::flows)
                .use(flow.list().ofMaxSize(2)).in(Figures::bystanders)
                .use(hypervisor).in(Figures::hypervisor)
                .use(Arbitraries.of("live/shared", "cold/shared")).in(Figures::mode)
                .build(Figures::metrics);
    }

    /** The parts of one set of figures, assembled the way a runtime does (sums over the flows). */
    static final class Figures {
        Completion completion;
        long downtime;
        long gap;
        Long switching;
        List<FlowMetrics> flows = List.of();
        List<FlowMetrics> bystanders = List.of();
        HypervisorReport hypervisor;
        String mode;

        Figures completion(Completion c) { completion = c; return this; }
        Figures downtime(long d) { downtime = d; return this; }
        Figures gap(long g) { gap = g; return this; }
        Figures switching(Long s) { switching = s; return this; }
        Figures flows(List<FlowMetrics> f) { flows = f; return this; }
        Figures bystanders(List<FlowMetrics> b) { bystanders = b; return this; }
        Figures hypervisor(HypervisorReport h) { hypervisor = h; return this; }
        Figures mode(String m) { mode = m; return this; }

        MigrationMetrics metrics() {
            long sent = flows.stream().mapToLong(FlowMetrics::probesSent).sum();
            long lost = flows.stream().mapToLong(FlowMetrics::probesLost).sum();
            long before = flows.stream().mapToLong(FlowMetrics::latencyBeforeNs).max().orElse(-1);
            long after = flows.stream().mapToLong(FlowMetrics::latencyAfterNs).max().orElse(-1);
            boolean reachable = !flows.isEmpty() && flows.stream().allMatch(f -> f.latencyAfterNs() >= 0);
            // the other VMs' flows have names of their own, as in a lab
            List<FlowMetrics> others = java.util.stream.IntStream.range(0, bystanders.size()).mapToObj(i -> new FlowMetrics("B" + i, "U2",
                    bystanders.get(i).probesSent(), bystanders.get(i).probesLost(), -1, -1, -1, "", "")).toList();
            return new MigrationMetrics("MIG1", "vm1", "172.16.10.2", "DC1", "DC2", mode, switching, downtime,
                    completion.finished() ? 2_000_000_000L : -1, gap, sent, lost, before, after, reachable, "", "", List.of(), flows, others,
                    completion, hypervisor);
        }
    }

    @Property(tries = 400)
    void aFigureThatWasNotMeasuredNeverReadsAsANumber(@ForAll("figures") MigrationMetrics m) {
        String gap = FigureText.gap(m);
        double plotted = SweepMetric.GAP.of(m);
        assertEquals(m.gapMeasured() && m.clientGapNs() >= 0, !Double.isNaN(plotted), "a sweep plots the gap only when it was measured");
        if (!Double.isNaN(plotted)) {
            assertEquals(Units.msOrNone(m.clientGapNs(), 1), gap, "the readout shows the plotted gap");
        } else {
            assertFalse(gap.matches(".*\\d.*ms"), "an unmeasured gap reads as words, not '" + gap + "'");
        }
        boolean downtimeShown = !Double.isNaN(SweepMetric.DOWNTIME.of(m));
        assertEquals(m.completion().finished() && m.downtimeNs() >= 0, downtimeShown);
        if (!m.completion().finished()) {
            assertEquals("did not finish", FigureText.downtime(m));
            assertEquals("did not finish", FigureText.migrationTime(m));
            assertEquals("did not finish", FigureText.latencyAfter(m));
            assertTrue(FigureText.reachable(m).startsWith("— "));
        }
        assertEquals(m.switchingTimeNs() == null, Double.isNaN(SweepMetric.SWITCHING.of(m)));
        assertEquals(m.probesLost(), (long) SweepMetric.LOST.of(m), "the lost probes are always a count");
        assertEquals(m.allProbesLost(), FigureText.lost(m).endsWith("(none came back)"));
    }

    @Property(tries = 400)
    void theCaveatsNameWhatTheFiguresHide(@ForAll("figures") MigrationMetrics m) {
        List<String> caveats = m.caveats();
        assertEquals(!m.completion().finished(), caveats.stream().anyMatch(c -> c.startsWith("MIG1 did not finish")));
        assertEquals(m.completion().didNotConverge(), caveats.stream().anyMatch(c -> c.startsWith("pre-copy did not converge")));
        assertEquals(m.downtimeOverLimit(), caveats.stream().anyMatch(c -> c.startsWith("downtime over the limit")));
        assertEquals(m.bystanders().stream().filter(b -> b.probesLost() > 0).count(),
                caveats.stream().filter(c -> c.contains("to a VM that did not move")).count(), "one caveat per bystander flow that lost probes");
        assertEquals(m.flows().isEmpty(), caveats.stream().anyMatch(c -> c.startsWith("no probe flow went to vm1")));
        if (m.gapMeasured()) {
            assertTrue(m.reachableAfter() && !m.allProbesLost() && m.completion().finished());
            assertFalse(caveats.stream().anyMatch(c -> c.contains("unreachable") || c.startsWith("every probe was lost")),
                    "a measured gap has no caveat denying it: " + caveats);
        }
        assertEquals(m.hypervisor() != null && m.completion().finished() && m.completion().downtimeLimitNs() > 0
                && m.hypervisor().stopNs() > m.completion().downtimeLimitNs(), FigureText.hypervisorDowntime(m).contains("OVER the"));
        assertEquals(caveats.size(), caveats.stream().distinct().count(), "no caveat twice");
    }

    @Property(tries = 300)
    void theDistributionIsTheNearestRankOfTheSortedValues(@ForAll @Size(max = 60) List<@LongRange(min = -5, max = 1_000_000) Long> values) {
        Distribution d = Distribution.of(values);
        assertEquals(values.size(), d.count());
        if (values.isEmpty()) {
            assertEquals(new Distribution(0, -1, -1, -1), d);
            return;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        // nearest rank: the smallest value with at least p% of the values at or below it
        for (int percent : new int[] {50, 95}) {
            long expected = sorted.stream().filter(v -> sorted.stream().filter(w -> w <= v).count() * 100 >= (long) percent * sorted.size())
                    .findFirst().orElseThrow();
            assertEquals(expected, percent == 50 ? d.medianNs() : d.p95Ns(), percent + "th percentile of " + sorted);
        }
        assertEquals(sorted.get(sorted.size() - 1).longValue(), d.maxNs());
        assertTrue(d.medianNs() <= d.p95Ns() && d.p95Ns() <= d.maxNs());
    }
}
