package org.warplab.ui.common;

import java.math.BigDecimal;

/** Formats times and rates for people: "2 ms", "0.05 ms", "10 Gbit/s". */
public final class Units {

    private Units() {
    }

    public static String millis(long ns) {
        return BigDecimal.valueOf(ns, 6).stripTrailingZeros().toPlainString() + " ms";
    }

    public static String bandwidth(long bps) {
        if (bps >= 1_000_000_000L && bps % 1_000_000_000L == 0) {
            return bps / 1_000_000_000L + " Gbit/s";
        }
        if (bps >= 1_000_000L) {
            return BigDecimal.valueOf(bps, 6).stripTrailingZeros().toPlainString() + " Mbit/s";
        }
        return bps + " bit/s";
    }

    /** Nanoseconds as a plain number of milliseconds, for a field: "0.05". */
    public static String plainMillis(long ns) {
        return BigDecimal.valueOf(ns, 6).stripTrailingZeros().toPlainString();
    }

    /** Bits per second as a plain number of Mbit/s, for a field: "10000". */
    public static String plainMbps(long bps) {
        return BigDecimal.valueOf(bps, 6).stripTrailingZeros().toPlainString();
    }
}
