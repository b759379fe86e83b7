package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogScaleTest {

    @Test
    void sevenMillisecondsAndThirtySecondsAreBothWellAboveTheBottom() {
        LogScale scale = LogScale.covering(List.of(7.0, 30_000.0, 0.0, Double.NaN));
        assertEquals(new LogScale(0, 5), scale);
        assertTrue(scale.position(7) > 0.8, "7 ms is most of a decade tall");
        assertEquals(Math.log10(30_000), scale.position(30_000), 1e-12);
        assertTrue(Double.isNaN(scale.position(0)), "0 has no place on a log scale");
        assertEquals(List.of("1 ms", "10 ms", "100 ms", "1 s", "10 s", "100 s"),
                java.util.stream.IntStream.rangeClosed(0, 5).mapToObj(scale::label).toList());
        assertEquals("0.01 ms", LogScale.covering(List.of(0.05, 3.0)).label(0));
    }
}
