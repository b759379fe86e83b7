package org.warplab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.testing.Samples;

/** The named moments of a lab every runtime and the configs share: before, then after each migration in time order. */
class LabStateTest {

    private static Migration at(Migration m, String id, String to, long atNs) {
        return new Migration(id, m.vm(), to, atNs, m.mode(), m.storage(), m.downtimeLimitNs(), m.bandwidthCapBps(), m.maxRounds());
    }

    @Test
    void migrationsHappenInTimeOrderAndAtOneInstantInFileOrder() {
        Lab lab = Samples.lab("paging-paper");
        Migration m = lab.migrations().get(0);
        Lab three = lab.withMigrations(List.of(at(m, "late", "PDC", 3_000_000_000L), at(m, "first", "ADC", 1_000_000_000L),
                at(m, "second", "PDC", 1_000_000_000L)));
        assertEquals(List.of("first", "second", "late"), Placement.inOrder(three).stream().map(Migration::id).toList());
        List<LabState> states = LabState.all(three);
        assertEquals(List.of("before", "after-first", "after-second", "after-late"), states.stream().map(LabState::name).toList());
        assertTrue(states.get(0).isBefore() && states.get(0).previous().isEmpty());
        assertEquals("ADC", states.get(1).placement().of("vm1"));
        assertEquals("PDC", states.get(2).placement().of("vm1"), "the second move at the same instant wins");
        assertEquals(states.get(1).placement(), states.get(2).previous().orElseThrow(), "each state remembers the one before it");
    }

    @Test
    void aPlacementNamesItsVmsAndRefusesAMoveOfAnUnknownOne() {
        Lab lab = Samples.lab("paging-paper");
        Placement initial = Placement.initial(lab);
        assertEquals("PDC", initial.of("vm1"));
        Migration ghost = new Migration("G", "ghost", "ADC", 0, lab.migrations().get(0).mode(), lab.migrations().get(0).storage(), 0, 0, 1);
        assertEquals("migration G moves unknown VM ghost", assertThrows(IllegalArgumentException.class, () -> initial.after(ghost)).getMessage());
        assertEquals("no VM ghost", assertThrows(NullPointerException.class, () -> initial.of("ghost")).getMessage());
        assertEquals("PDC", initial.of("vm1"), "after() leaves the placement it was asked of as it was");
    }
}
