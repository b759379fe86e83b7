package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void nearestRankPercentiles() {
        Distribution d = Distribution.of(LongStream.rangeClosed(1, 20).boxed().toList());
        assertEquals(new Distribution(20, 10, 19, 20), d);
        assertEquals(new Distribution(1, 7, 7, 7), Distribution.of(List.of(7L)));
        assertEquals(new Distribution(3, 2, 9, 9), Distribution.of(List.of(9L, 1L, 2L)));
        assertEquals(0, Distribution.of(List.of()).count());
    }
}
