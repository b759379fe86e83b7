package org.warplab.emulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.warplab.emulation.PaperReproduction.Basis;
import org.warplab.emulation.PaperReproduction.Definition;
import org.warplab.emulation.PaperReproduction.Report;
import org.warplab.emulation.PaperReproduction.Row;
import org.warplab.emulation.network.EmulationException;
import org.warplab.model.Lab;

/** Paper 003 §7 on its testbed: Figure 4's downtime against the delay, and Table 1's phases without shared storage. */
final class MobileIpv6Paper {
    /** The lab's link between the foreign network and the rest: Figure 4's delay goes there. */
    static final String DELAY_LINK = "W2";

    static final Definition DOWNTIME = new Definition("downtime (Figure 4)",
            "\"Running tcpdump on mobilevm then allows us to observe the gap in the stream of packets from cpscxen1 to determine the "
                    + "amount of time that the VM is not accessible at its home address. We define this as the 'downtime'\" (§6.2); "
                    + "one 210-byte UDP packet every 20 ms",
            "VM stopped → first packet reaching it at its home address (the readout's downtime for Mobile IPv6); here the largest "
                    + "gap between the probes arriving at the VM, as the paper reads it");
    static final Definition DELAY = new Definition("network delay",
            "\"The network delay is the total delay between cpscxen1 and fireball ... half of the desired delay is applied to the "
                    + "interface on Roddick on cpscxen1's network, and the other half ... on fireball's network\" (§7.1)",
            "the one-way delay of the lab's link W2 between the foreign network and the core, which every signalling and tunnelled "
                    + "packet of the move crosses once per direction");
    static final Definition TABLE_1 = new Definition("Table 1 phases",
            "save (\"xm save\"), image copy and memory copy (scp), restore (\"xm restore\"), IP mobility (\"the time for mip6d to "
                    + "detect it is on the new network, and bind again to the home agent\"), measured with ping6 (§7.2)",
            "the phases of the cold migration of sample-labs/mipv6-no-shared-storage; IP mobility = resume → binding acknowledged");

    private MobileIpv6Paper() {
    }

    static Report reproduce(Lab sharedStorage, Lab noSharedStorage, int runs, long firstSeed) throws EmulationException {
        List<Row> rows = new ArrayList<>();
        long[] delays = PaperReproduction.FIGURE_4_DELAYS_MS;
        double[] x = new double[delays.length];
        double[] y = new double[delays.length];
        double[] floor = null;
        for (int i = 0; i < delays.length; i++) {
            double[] gaps = PaperReproduction.run(PaperReproduction.withLinkDelay(sharedStorage, DELAY_LINK, delays[i]), runs, firstSeed)
                    .values(PaperReproduction::largestGapAtVmSeconds);
            x[i] = delays[i];
            y[i] = Stats.mean(gaps);
            if (i == 0) {
                floor = gaps;
            }
        }
        Stats.Line line = Stats.fit(x, y);
        rows.add(PaperReproduction.mean("Figure 4: downtime at no added delay", "s", 2.5, "\"a minimum downtime of about 2.5 seconds\" (§7.1)",
                floor, Basis.PREDICTED, "RA wait, two DADs and the binding round trip from the protocol; Xen's 60 ms switchover cited"));
        rows.add(new Row("Figure 4: slope", "ms per ms", Double.NaN, "\"scales up linearly as the delay between the networks is "
                + "increased\" (§7.1; the figure's values are not in the text)", line.slope() * 1000, Double.NaN, Basis.PREDICTED,
                Double.NaN, String.format(Locale.ROOT, "intercept %.3f s, R² %.4f over %d delays 0–200 ms", line.intercept(),
                line.rSquared(), delays.length)));

        PaperReproduction.Runs cold = PaperReproduction.run(noSharedStorage, runs, firstSeed);
        double[] save = cold.values(o -> PaperReproduction.phaseSeconds(o, "save"));
        double[] image = cold.values(o -> PaperReproduction.phaseSeconds(o, "copy disk image"));
        double[] memory = cold.values(o -> PaperReproduction.phaseSeconds(o, "copy memory"));
        double[] restore = cold.values(o -> PaperReproduction.phaseSeconds(o, "restore"));
        double[] mobility = cold.values(o -> PaperReproduction.phaseSeconds(o, "IP mobility"));
        double[] total = new double[save.length];
        for (int i = 0; i < total.length; i++) {
            total[i] = save[i] + image[i] + memory[i] + restore[i] + mobility[i];
        }
        rows.add(PaperReproduction.mean("Table 1: save", "s", 6, "6 s (Table 1)", save, Basis.FITTED, "Xen's save rate is fitted to it"));
        rows.add(PaperReproduction.mean("Table 1: image copy", "s", 126, "126 s (Table 1)", image, Basis.FITTED,
                "the lab's 270 Mbit/s management link (scp's throughput) is fitted to it"));
        rows.add(PaperReproduction.mean("Table 1: memory copy", "s", 13, "13 s (Table 1)", memory, Basis.PREDICTED,
                "256 MiB at the throughput fitted to the image copy"));
        rows.add(PaperReproduction.mean("Table 1: restore", "s", 1, "1 s (Table 1)", restore, Basis.FITTED, "Xen's restore rate is fitted to it"));
        rows.add(PaperReproduction.mean("Table 1: IP mobility", "s", 8, "8 s (Table 1)", mobility, Basis.PREDICTED,
                "RA wait, two DADs and the binding round trip, as in Figure 4"));
        rows.add(PaperReproduction.mean("migrated and restarted, total", "s", 181, "\"181 seconds\" (§7.2; Table 1's rows sum to 154 s)",
                total, Basis.PREDICTED, "the sum of the five phases"));
        return new Report(PaperReproduction.Paper.PAPER_003, runs, firstSeed, rows, List.of(DOWNTIME, DELAY, TABLE_1), List.of(
                "Figure 4: sample-labs/mipv6-paper with W2's delay set to each of 0, 20, ..., 200 ms, " + runs + " runs each",
                "Table 1: sample-labs/mipv6-no-shared-storage (256 MiB, 4 GiB image, 270 Mbit/s management link)"));
    }
}
