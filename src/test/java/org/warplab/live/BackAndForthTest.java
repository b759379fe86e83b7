package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Migration;
import org.warplab.testing.Samples;

class BackAndForthTest {

    @Test
    void alternatesBetweenTheTwoDataCentersAndStaysValid() {
        Lab lab = BackAndForth.repeat(Samples.lab("paging-paper"), 4, 2_000_000_000L);
        assertEquals(List.of("ADC", "PDC", "ADC", "PDC"), lab.migrations().stream().map(Migration::to).toList());
        assertEquals(List.of(1_000_000_000L, 3_000_000_000L, 5_000_000_000L, 7_000_000_000L), lab.migrations().stream().map(Migration::atNs).toList());
        assertEquals(10_000_000_000L, lab.durationNs());
        assertEquals(List.of(), LabValidator.validate(lab).stream().filter(p -> p.isError()).toList());
    }
}
