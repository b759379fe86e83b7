package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void millisecondsKeepAPointAndTheirDecimalsWhateverTheDesktopLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("14.4 ms", Units.ms(14_400_000, 1));
            assertEquals("0.050", Units.msNumber(50_000, 3));
            assertEquals("1.25 s", Units.seconds(1_250_000_000L, 2));
            assertEquals("1.5 KiB", Units.bytes(1536));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void anAbsentFigureIsADashOrWhatTheCallerAsks() {
        assertEquals("—", Units.msOrNone(null, 1));
        assertEquals("—", Units.msOrNone(-1L, 1));
        assertEquals("0.0 ms", Units.msOrNone(0L, 1));
        assertEquals("", Units.msNumberOr(-5L, 3, ""));
        assertEquals("2.500", Units.msNumberOr(2_500_000L, 3, ""));
    }

    @Test
    void exactMillisecondsAreWhatALabFieldHolds() {
        assertEquals("0.05", Units.msExact(50_000));
        assertEquals("2", Units.msExact(2_000_000));
        assertEquals("1500", Units.msExact(1_500_000_000L));
        assertEquals("0.000001", Units.msExact(1));
        assertEquals("0.05 ms", Units.msExactWithUnit(50_000));
    }

    @Test
    void durationsAndSizesPickTheirUnitAtTheBoundaries() {
        assertEquals("0.20 ms", Units.duration(200_000));
        assertEquals("1.0 ms", Units.duration(1_000_000));
        assertEquals("9999.0 ms", Units.duration(9_999_000_000L));
        assertEquals("10.0 s", Units.duration(10_000_000_000L));
        assertEquals("999.99 ms", Units.msOrSeconds(999_990_000L, 2));
        assertEquals("1.00 s", Units.msOrSeconds(1_000_000_000L, 2));
        assertEquals("1023 B", Units.bytes(1023));
        assertEquals("1.0 MiB", Units.bytes(1 << 20));
        assertEquals("2.0 GiB", Units.bytes(2L << 30));
    }

    @Test
    void ratesAreWholeGigabitsOrExactMegabits() {
        assertEquals("10 Gbit/s", Units.bandwidth(10_000_000_000L));
        assertEquals("1500 Mbit/s", Units.bandwidth(1_500_000_000L));
        assertEquals("1.5 Mbit/s", Units.bandwidth(1_500_000));
        assertEquals("64000 bit/s", Units.bandwidth(64_000));
        assertEquals("10000", Units.mbpsExact(10_000_000_000L));
    }

    @net.jqwik.api.Property
    void exactFiguresAreReadBackToTheNanosecondAndTheBitPerSecond(@net.jqwik.api.ForAll @net.jqwik.api.constraints.LongRange(min = 0) long value) {
        String ms = Units.msExact(value);
        assertEquals(value, new java.math.BigDecimal(ms).movePointRight(6).longValueExact(), ms);
        assertEquals(value, new java.math.BigDecimal(Units.mbpsExact(value)).movePointRight(6).longValueExact());
        org.junit.jupiter.api.Assertions.assertFalse(ms.contains("E") || (ms.contains(".") && ms.endsWith("0")), "plain, no trailing zeros: " + ms);
        String rate = Units.bandwidth(value);
        java.math.BigDecimal shown = new java.math.BigDecimal(rate.substring(0, rate.indexOf(' ')));
        long unit = rate.endsWith(" Gbit/s") ? 1_000_000_000L : rate.endsWith(" Mbit/s") ? 1_000_000L : 1;
        assertEquals(value, shown.multiply(java.math.BigDecimal.valueOf(unit)).longValueExact(), "a rate is shown exactly: " + rate);
        String size = Units.bytes(value);
        org.junit.jupiter.api.Assertions.assertTrue(size.matches("\\d+ B|\\d+\\.\\d [KMG]iB"), size);
    }
}
