package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The figures written without java.util.Formatter are the figures it wrote, digit for digit. */
class UnitsPropertiesTest {

    private static String formatter(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    @Property(tries = 5000)
    void milliNumbersAreWhatFormatWrote(@ForAll long ns, @ForAll @IntRange(min = 0, max = 6) int decimals) {
        assertEquals(formatter(ns / 1e6, decimals), Units.msNumber(ns, decimals), ns + " ns");
    }

    @Property(tries = 5000)
    void milliNumbersOfRunFiguresAreWhatFormatWrote(@ForAll @LongRange(min = -2_000_000_000_000L, max = 2_000_000_000_000L) long ns,
                                                   @ForAll @IntRange(min = 0, max = 6) int decimals) {
        assertEquals(formatter(ns / 1e6, decimals), Units.msNumber(ns, decimals), ns + " ns");
    }

    @Example
    void everyNanosecondAroundZeroSteppedToTwoSecondsAndTheRoundingEdges() {
        for (long ns = -60_000; ns <= 2_000_000_000L; ns += ns < 60_000 ? 1 : 9_973) {
            for (int decimals : new int[] {0, 1, 3}) {
                assertEquals(formatter(ns / 1e6, decimals), Units.msNumber(ns, decimals), ns + " ns");
            }
        }
        for (long ns : new long[] {999_999_999_999_999L, -999_999_999_999_999L, 999_999_999_999_500L, 1_000_000_000_000_000L,
                Long.MAX_VALUE, Long.MIN_VALUE, 500, -500, 499, -499, 1_500_000, 2_500_000}) {
            for (int decimals = 0; decimals <= 6; decimals++) {
                assertEquals(formatter(ns / 1e6, decimals), Units.msNumber(ns, decimals), ns + " ns");
            }
        }
    }

    @Property(tries = 5000)
    void fixedDecimalsAreWhatFormatWrote(@ForAll double value, @ForAll @IntRange(min = 0, max = 4) int decimals) {
        assertEquals(formatter(value, decimals), Units.fixed(value, decimals), Double.toString(value));
    }

    @Property(tries = 5000)
    void fixedDecimalsOfTableFiguresAreWhatFormatWrote(@ForAll @DoubleRange(min = -1e6, max = 1e6) double value,
                                                      @ForAll @IntRange(min = 0, max = 3) int decimals) {
        assertEquals(formatter(value, decimals), Units.fixed(value, decimals), Double.toString(value));
        double hundredths = Math.round(value * 100) / 100.0;
        assertEquals(formatter(hundredths, decimals), Units.fixed(hundredths, decimals), Double.toString(hundredths));
    }

    @Example
    void fixedDecimalsAtTheEdges() {
        for (double value : new double[] {0.0, -0.0, 0.05, -0.05, 0.25, 2.5, 0.5, -0.5, 1e20, 1e-20, -1e-20, Double.MAX_VALUE, Double.MIN_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1234.5, 0.15, 0.35}) {
            for (int decimals = 0; decimals <= 3; decimals++) {
                assertEquals(formatter(value, decimals), Units.fixed(value, decimals), Double.toString(value));
            }
        }
    }
}
