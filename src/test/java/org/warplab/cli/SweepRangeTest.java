package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepRangeTest {

    @Test
    void valuesRunFromFromToToIncludingTo() throws Exception {
        assertEquals(List.of(0.0, 20.0, 40.0), SweepRange.parse("0:40:20").values());
        assertEquals(List.of(0.0, 20.0, 40.0), SweepRange.parse("0:50:20").values());
        assertEquals(List.of(5.0), SweepRange.parse("5:5:1").values());
        List<Double> tenths = SweepRange.parse("0:1:0.1").values();
        assertEquals(11, tenths.size());
        assertEquals(1.0, tenths.get(10), "no drift from adding 0.1 ten times");
    }

    @Test
    void badRangesAreRefusedWithTheReason() {
        assertTrue(message("0:200").contains("three numbers"));
        assertTrue(message("0:x:20").contains("TO 'x' is not a number"));
        assertTrue(message("0:200:0").contains("STEP must be greater than 0"));
        assertTrue(message("0:200:-20").contains("STEP must be greater than 0"));
        assertTrue(message("200:0:20").contains("below FROM"));
        assertTrue(message("0:1000000:1").contains("more than"));
        assertTrue(message("0:NaN:1").contains("finite"));
    }

    private static String message(String text) {
        return assertThrows(UsageException.class, () -> SweepRange.parse(text)).getMessage();
    }
}
