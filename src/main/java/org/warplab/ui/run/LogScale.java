package org.warplab.ui.run;

import java.util.List;
import java.util.Locale;

/**
 * A base-10 logarithmic scale over whole decades of milliseconds, for charts whose values span
 * microseconds to minutes (Compare: a 7 ms switch beside a 30 s gap). JavaFX's NumberAxis is
 * linear, so a value is drawn at {@link #position} (decades above the lowest) and the axis labels
 * each whole decade with {@link #label}. Zero and negative values have no place on it.
 */
record LogScale(int lowestPower, int highestPower) {

    LogScale {
        if (highestPower <= lowestPower) {
            throw new IllegalArgumentException("a log scale spans at least one decade");
        }
    }

    /** The decades that hold every positive value in {@code valuesMs} (1 ms to 1 s when there is none). */
    static LogScale covering(List<Double> valuesMs) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : valuesMs) {
            if (v > 0 && Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (max == 0) {
            return new LogScale(0, 3);
        }
        int low = (int) Math.floor(Math.log10(min));
        int high = (int) Math.ceil(Math.log10(max));
        return new LogScale(low, Math.max(high, low + 1));
    }

    /** Decades above the scale's bottom: 0 at 10^lowest ms; NaN for a value the scale cannot show. */
    double position(double ms) {
        return ms > 0 && Double.isFinite(ms) ? Math.log10(ms) - lowestPower : Double.NaN;
    }

    /** The axis's upper bound, in decades. */
    double top() {
        return highestPower - lowestPower;
    }

    /** The label at {@code position} decades: "0.01 ms", "1 ms", "100 ms", "1 s", "100 s". */
    String label(double position) {
        int power = (int) Math.round(position) + lowestPower;
        if (power >= 3) {
            return String.format(Locale.ROOT, "%s s", java.math.BigDecimal.ONE.scaleByPowerOfTen(power - 3).toPlainString());
        }
        return String.format(Locale.ROOT, "%s ms", java.math.BigDecimal.ONE.scaleByPowerOfTen(power).toPlainString());
    }
}
