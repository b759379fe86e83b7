package org.warplab.run;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Durations for people, the same in every locale (a German machine once printed "1,5 ms"): one
 * decimal from a millisecond up ("14.4 ms"), and below it the digits that matter ("0.05 ms",
 * not "0.1 ms" or "0.0 ms"). Negative values (not measured) read "—".
 */
public final class Millis {

    private Millis() {
    }

    /** "14.4 ms", "0.05 ms", "—". */
    public static String text(long ns) {
        return ns < 0 ? "—" : number(ns) + " ms";
    }

    /** The number alone: "14.4", "0.05", "—". */
    public static String number(long ns) {
        if (ns < 0) {
            return "—";
        }
        BigDecimal ms = BigDecimal.valueOf(ns, 6);
        if (ns == 0 || ns >= 1_000_000L) {
            return ms.setScale(1, RoundingMode.HALF_EVEN).toPlainString();
        }
        // below a millisecond: two significant digits, trailing zeros dropped, at least one decimal
        BigDecimal rounded = ms.round(new java.math.MathContext(2, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return rounded.scale() < 1 ? rounded.setScale(1).toPlainString() : rounded.toPlainString();
    }

    /** For a nullable figure: "—" when null. */
    public static String text(Long ns) {
        return ns == null ? "—" : text(ns.longValue());
    }
}
