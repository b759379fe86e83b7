package org.warplab.emulation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.warplab.emulation.network.EmulationException;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Testbed;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;

/**
 * Runs a paper's experiments on its testbed profile over several seeds and sets each figure the
 * paper published beside the emulator's mean ± σ, measured with the paper's own definition. Each
 * row says whether a profile value was fitted to it (agreement proves nothing) or whether it is
 * predicted by the mechanisms and the other values (the real test).
 */
public final class PaperReproduction {
    /** Every mean within 20 % of the paper's; every σ within 50 %. */
    public static final double MEAN_TOLERANCE = 0.20;
    public static final double SIGMA_TOLERANCE = 0.50;
    /** Figure 4's delays: 0 to 200 ms one way between the networks. */
    static final long[] FIGURE_4_DELAYS_MS = {0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200};

    public enum Paper {
        PAPER_000("paper-000", "Paper 000: wide-area migration by network paging", Testbed.PAPER_000, List.of("paging-paper")),
        PAPER_003("paper-003", "Paper 003: live migration over the Internet with Mobile IPv6", Testbed.PAPER_003,
                List.of("mipv6-paper", "mipv6-no-shared-storage"));

        private final String key;
        private final String title;
        private final Testbed testbed;
        private final List<String> labs;

        Paper(String key, String title, Testbed testbed, List<String> labs) {
            this.key = key;
            this.title = title;
            this.testbed = testbed;
            this.labs = labs;
        }

        public String key() {
            return key;
        }

        public String title() {
            return title;
        }

        public Testbed testbed() {
            return testbed;
        }

        /** The sample labs (file names without the extension) the experiments run on, in order. */
        public List<String> labs() {
            return labs;
        }
    }

    public enum Basis {
        FITTED("fitted"),
        PREDICTED("predicted");

        private final String label;

        Basis(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One published figure beside the emulator's.
     *
     * @param paper the paper's value in {@code unit} (NaN when the paper states it only in words)
     * @param paperText the figure as the paper gives it, with its section
     * @param mean the emulator's mean over the runs, by the paper's definition
     * @param sd the emulator's σ over the runs
     * @param tolerance how far the emulator may be from the paper (a fraction; NaN: no numeric check)
     */
    public record Row(String figure, String unit, double paper, String paperText, double mean, double sd, Basis basis, double tolerance,
                      String note, Range range) {
        public Row(String figure, String unit, double paper, String paperText, double mean, double sd, Basis basis, double tolerance, String note) {
            this(figure, unit, paper, paperText, mean, sd, basis, tolerance, note, null);
        }

        /** What is compared with the paper: the mean, or for a σ row the σ itself. */
        public double measured() {
            return mean;
        }

        public double ratio() {
            return Double.isNaN(paper) || paper == 0 ? Double.NaN : mean / paper;
        }

        public boolean checked() {
            return range != null || (!Double.isNaN(tolerance) && !Double.isNaN(ratio()));
        }

        public boolean within() {
            if (range != null) {
                return range.contains(mean);
            }
            return checked() && Math.abs(ratio() - 1) <= tolerance;
        }
    }

    /**
     * What a figure the paper gives only in words allows, in the row's unit: [low, high).
     *
     * @param reading how the words were read, e.g. "several seconds: 2 to 10 s"
     */
    public record Range(double low, double high, String reading) {
        boolean contains(double value) {
            return value >= low && value < high;
        }
    }

    /** A paper's metric definition, quoted, beside WarpLab's for the same name. */
    public record Definition(String metric, String paperQuote, String warplab) { }

    public record Report(Paper paper, int runs, long firstSeed, List<Row> rows, List<Definition> definitions, List<String> notes) {
        public long fitted() {
            return rows.stream().filter(r -> r.basis() == Basis.FITTED).count();
        }

        public long predicted() {
            return rows.stream().filter(r -> r.basis() == Basis.PREDICTED).count();
        }
    }

    /** Runs of one lab over seeds firstSeed, firstSeed + 1, ... */
    record Runs(List<Emulator.Outcome> outcomes) {
        double[] values(ToDoubleFunction<Emulator.Outcome> metric) {
            return outcomes.stream().mapToDouble(metric).toArray();
        }
    }

    private PaperReproduction() {
    }

    /**
     * @param labs the paper's labs in the order of {@link Paper#labs()}; they are run on the paper's testbed
     */
    public static Report reproduce(Paper paper, List<Lab> labs, int runs, long firstSeed) throws EmulationException {
        if (runs < 2) {
            throw new IllegalArgumentException("a σ needs at least 2 runs");
        }
        List<Lab> onTestbed = labs.stream().map(l -> l.withTestbed(paper.testbed())).toList();
        return switch (paper) {
            case PAPER_000 -> PagingPaper.reproduce(onTestbed.get(0), runs, firstSeed);
            case PAPER_003 -> MobileIpv6Paper.reproduce(onTestbed.get(0), onTestbed.get(1), runs, firstSeed);
        };
    }

    static Runs run(Lab lab, int runs, long firstSeed) throws EmulationException {
        List<Emulator.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            outcomes.add(Emulator.run(lab, new Emulator.Options(firstSeed + i, true, false)));
        }
        return new Runs(outcomes);
    }

    static Row mean(String figure, String unit, double paper, String paperText, double[] values, Basis basis, String note) {
        return new Row(figure, unit, paper, paperText, Stats.mean(values), Stats.sd(values), basis, MEAN_TOLERANCE, note);
    }

    static Row sigma(String figure, String unit, double paper, String paperText, double[] values, Basis basis, String note) {
        return new Row(figure, unit, paper, paperText, Stats.sd(values), Double.NaN, basis, SIGMA_TOLERANCE, note);
    }

    static MigrationMetrics first(Emulator.Outcome outcome) {
        return outcome.result().migrations().get(0);
    }

    static double phaseSeconds(Emulator.Outcome outcome, String prefix) {
        return first(outcome).phases().stream().filter(p -> p.name().startsWith(prefix)).mapToLong(Phase::durationNs).sum() / 1e9;
    }

    /** The largest interval between two packets of the VM's probe flow arriving at the VM: what tcpdump on the VM shows. */
    static double largestGapAtVmSeconds(Emulator.Outcome outcome) {
        String vm = first(outcome).vm();
        long previous = -1;
        long largest = 0;
        for (TraceEvent.Delivered d : outcome.trace().ofType(TraceEvent.Delivered.class)) {
            if (!d.node().equals(vm)) {
                continue;
            }
            if (previous >= 0) {
                largest = Math.max(largest, d.timeNs() - previous);
            }
            previous = d.timeNs();
        }
        return largest / 1e9;
    }

    static Lab withLinkDelay(Lab lab, String linkId, long delayMs) {
        Link link = lab.link(linkId).orElseThrow(() -> new IllegalArgumentException("the lab has no link " + linkId));
        return lab.replacingLink(link.withDelayNs(delayMs * 1_000_000L));
    }
}
