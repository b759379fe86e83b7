package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MillisTest {

    @Test
    void smallTimesKeepTheirDigitsAndLargeOnesOneDecimal() {
        assertEquals("0.05 ms", Millis.text(50_000L));
        assertEquals("0.2 ms", Millis.text(200_000L));
        assertEquals("0.0 ms", Millis.text(0L));
        assertEquals("14.4 ms", Millis.text(14_405_296L));
        assertEquals("2551.8 ms", Millis.text(2_551_800_000L));
        assertEquals("—", Millis.text(-1L));
        assertEquals("—", Millis.text((Long) null));
    }

    @Test
    void aGermanMachinePrintsTheSameNumbers() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("1.5 ms", Millis.text(1_500_000L));
            assertEquals("0.05 ms", Millis.text(50_000L));
        } finally {
            Locale.setDefault(before);
        }
    }
}
