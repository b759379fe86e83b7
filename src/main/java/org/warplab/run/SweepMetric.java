package org.warplab.run;

import java.util.Arrays;
import java.util.Optional;

/** A figure of a migration that a sweep plots against a parameter: milliseconds, or probes for {@link #LOST}. */
public enum SweepMetric {
    DOWNTIME("downtime", "VM downtime (ms)"),
    GAP("gap", "client gap (ms)"),
    SWITCHING("switching", "switching time (ms)"),
    LOST("lost", "probes lost");

    private final String key;
    private final String label;

    SweepMetric(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Optional<SweepMetric> ofKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    /**
     * The figure of {@code m}; NaN when the run has no such figure (a scheme without a switching
     * step, a gap when the VM was unreachable afterwards, a downtime when the move did not finish).
     */
    public double of(MigrationMetrics m) {
        switch (this) {
            case LOST:
                return m.probesLost();
            case GAP:
                return m.clientGapNs() < 0 || !m.gapMeasured() ? Double.NaN : m.clientGapNs() / 1e6;
            case SWITCHING:
                return m.switchingTimeNs() == null ? Double.NaN : m.switchingTimeNs() / 1e6;
            default:
                return m.downtimeNs() < 0 || !m.completion().finished() ? Double.NaN : m.downtimeNs() / 1e6;
        }
    }
}
