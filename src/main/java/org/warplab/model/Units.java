package org.warplab.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How WarpLab writes times, sizes and rates for people, everywhere (CLI, designer, exports,
 * messages): always {@link Locale#ROOT}, so a German desktop still writes "14.4 ms" and a CSV
 * column stays a number. An absent figure (negative or null) is a dash.
 */
public final class Units {
    /** What a table shows for a figure the run does not have. */
    public static final String NONE = "—";

    /** Below this many nanoseconds (15 digits) a double holds ns / 1e6 with exactly the digits of ns * 10^-6. */
    private static final long EXACT_NS = 1_000_000_000_000_000L;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private Units() {
    }

    /** Nanoseconds as milliseconds with a fixed number of decimals: "14.4 ms". */
    public static String ms(long ns, int decimals) {
        return msNumber(ns, decimals) + " ms";
    }

    /** Like {@link #ms(long, int)}, or a dash when the figure is absent. */
    public static String msOrNone(Long ns, int decimals) {
        return absent(ns) ? NONE : ms(ns, decimals);
    }

    /** The number of milliseconds alone, for table cells and CSV columns: "14.400". */
    public static String msNumber(long ns, int decimals) {
        if (decimals < 0 || decimals > 6 || ns <= -EXACT_NS || ns >= EXACT_NS) {
            return String.format(Locale.ROOT, "%." + decimals + "f", ns / 1e6);
        }
        // what "%.Nf" writes for ns / 1e6, in integer arithmetic: a sweep writes these per point and
        // per row, and java.util.Formatter's code is large and deoptimised by every new kind of
        // argument (docs/parallel-runs.md); below EXACT_NS the double's shortest digits are ns * 10^-6
        long magnitude = Math.abs(ns);
        long unit = POWERS_OF_TEN[6 - decimals];
        long rounded = magnitude / unit + (magnitude % unit * 2 >= unit ? 1 : 0);
        long scale = POWERS_OF_TEN[decimals];
        StringBuilder out = new StringBuilder(24);
        if (ns < 0) {
            out.append('-');
        }
        out.append(rounded / scale);
        if (decimals > 0) {
            String fraction = Long.toString(rounded % scale);
            out.append('.');
            for (int i = fraction.length(); i < decimals; i++) {
                out.append('0');
            }
            out.append(fraction);
        }
        return out.toString();
    }

    /**
     * {@code value} with {@code decimals} decimals, exactly as {@code String.format(Locale.ROOT, "%.Nf", value)}
     * writes it (half up on the value's shortest decimal digits), without java.util.Formatter.
     */
    public static String fixed(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
        BigDecimal rounded = new BigDecimal(Double.toString(Math.abs(value))).setScale(decimals, RoundingMode.HALF_UP);
        String text = rounded.toPlainString();
        return value < 0 || (value == 0 && 1 / value < 0) ? "-" + text : text;
    }

    /** Like {@link #msNumber}, or {@code none} when the figure is absent ("—" in a table, "" in a CSV). */
    public static String msNumberOr(Long ns, int decimals, String none) {
        return absent(ns) ? none : msNumber(ns, decimals);
    }

    /** Exactly, without trailing zeros, as a lab field holds it: "0.05" (for 50 µs). */
    public static String msExact(long ns) {
        return BigDecimal.valueOf(ns, 6).stripTrailingZeros().toPlainString();
    }

    /** {@link #msExact} with its unit: "0.05 ms". */
    public static String msExactWithUnit(long ns) {
        return msExact(ns) + " ms";
    }

    /** Nanoseconds as seconds: "1.25 s". */
    public static String seconds(long ns, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f s", ns / 1e9);
    }

    /** Milliseconds below a second, seconds from there: "850.00 ms", "1.25 s". */
    public static String msOrSeconds(long ns, int decimals) {
        return ns >= 1_000_000_000L ? seconds(ns, decimals) : ms(ns, decimals);
    }

    /** A duration of any size: "0.20 ms" below a millisecond, "14.4 ms" below ten seconds, "135.2 s" above. */
    public static String duration(long ns) {
        if (ns < 1_000_000) {
            return ms(ns, 2);
        }
        return ns < 10_000_000_000L ? ms(ns, 1) : seconds(ns, 1);
    }

    /** A size in binary units: "512 B", "1.5 KiB", "256.0 MiB", "2.0 GiB". */
    public static String bytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return bytes + " B";
    }

    /** A link's rate: "10 Gbit/s", "1.5 Mbit/s", "64000 bit/s". */
    public static String bandwidth(long bps) {
        if (bps >= 1_000_000_000L && bps % 1_000_000_000L == 0) {
            return bps / 1_000_000_000L + " Gbit/s";
        }
        if (bps >= 1_000_000L) {
            return mbpsExact(bps) + " Mbit/s";
        }
        return bps + " bit/s";
    }

    /** Bits per second as an exact number of Mbit/s, as a lab field holds it: "10000". */
    public static String mbpsExact(long bps) {
        return BigDecimal.valueOf(bps, 6).stripTrailingZeros().toPlainString();
    }

    private static boolean absent(Long ns) {
        return ns == null || ns < 0;
    }
}
