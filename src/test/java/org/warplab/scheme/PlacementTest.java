package org.warplab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.Vm;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipe;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipes;
import org.warplab.testing.Samples;

/**
 * Where the VMs are at each named moment of a lab: {@code before}, then after each migration in
 * time order (file order for one instant), each state the previous one with one move done.
 */
class PlacementTest {

    @Property(tries = 120, seed = "20261209")
    void eachStateIsThePreviousWithItsOneMoveDone(@ForAll(supplier = Recipes.class) Recipe recipe) {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        if (lab.migrations().stream().anyMatch(m -> lab.node(m.vm(), Vm.class).isEmpty())) {
            assertThrows(IllegalArgumentException.class, () -> LabState.all(lab), "a move of a VM the lab does not have is refused");
            return;
        }
        List<LabState> states = LabState.all(lab);
        assertEquals(lab.migrations().size() + 1, states.size());
        assertEquals(Placement.initial(lab), states.get(0).placement());
        assertTrue(states.get(0).isBefore() && states.get(0).name().equals(LabState.BEFORE));
        Map<String, String> expected = new HashMap<>();
        lab.vms().forEach(vm -> expected.put(vm.id(), vm.dataCenter()));
        long lastAt = Long.MIN_VALUE;
        for (int i = 1; i < states.size(); i++) {
            LabState state = states.get(i);
            Migration move = state.migration().orElseThrow();
            assertTrue(move.atNs() >= lastAt, "in time order");
            lastAt = move.atNs();
            assertEquals(states.get(i - 1).placement(), state.previous().orElseThrow());
            assertEquals(LabState.afterName(move), state.name());
            expected.put(move.vm(), move.to());
            assertEquals(expected, state.placement().dataCenterOf());
            assertEquals(lab.vms().stream().map(Vm::id).toList(), List.copyOf(state.placement().dataCenterOf().keySet()), "in the lab's VM order");
        }
    }

    @Test
    void movesAtOneInstantKeepTheirFileOrder() {
        Lab lab = Samples.lab("paging-paper");
        Migration there = lab.migrations().get(0);
        Migration back = new Migration("BACK", there.vm(), "PDC", there.atNs(), there.mode(), there.storage(), there.downtimeLimitNs(),
                there.bandwidthCapBps(), there.maxRounds());
        Migration early = new Migration("EARLY", there.vm(), "ADC", there.atNs() - 1, there.mode(), there.storage(), there.downtimeLimitNs(),
                there.bandwidthCapBps(), there.maxRounds());
        List<Migration> order = new ArrayList<>(List.of(there, back, early));
        assertEquals(List.of("EARLY", there.id(), "BACK"), Placement.inOrder(lab.withMigrations(order)).stream().map(Migration::id).toList());
        order = List.of(back, there, early);
        assertEquals(List.of("EARLY", "BACK", there.id()), Placement.inOrder(lab.withMigrations(order)).stream().map(Migration::id).toList());
    }

    @Test
    void aPlacementNamesTheVmItDoesNotKnow() {
        Placement placement = Placement.initial(Samples.lab("paging-paper"));
        assertEquals("PDC", placement.of("vm1"));
        NullPointerException unknown = assertThrows(NullPointerException.class, () -> placement.of("vm9"));
        assertEquals("no VM vm9", unknown.getMessage());
        Migration ghost = new Migration("M9", "vm9", "ADC", 0, org.warplab.model.MigrationMode.LIVE, org.warplab.model.StorageMode.SHARED, 1, 0, 1);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> placement.after(ghost));
        assertEquals("migration M9 moves unknown VM vm9", refused.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> placement.dataCenterOf().put("vm1", "ADC"), "a placement does not change");
    }
}
