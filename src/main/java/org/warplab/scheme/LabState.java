package org.warplab.scheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.model.Lab;
import org.warplab.model.Migration;

/**
 * A named moment of a lab: {@code before} (every VM where it starts) or {@code after-<migration>}
 * (once that migration and every earlier one are done).
 *
 * @param migration the migration that led here; empty for {@code before}
 * @param previous the placement just before {@code migration}
 */
public record LabState(String name, Placement placement, Optional<Migration> migration, Optional<Placement> previous) {

    public static final String BEFORE = "before";

    public static String afterName(Migration migration) {
        return "after-" + migration.id();
    }

    /** {@code before}, then one state after each migration in time order. */
    public static List<LabState> all(Lab lab) {
        List<LabState> states = new ArrayList<>();
        Placement placement = Placement.initial(lab);
        states.add(new LabState(BEFORE, placement, Optional.empty(), Optional.empty()));
        for (Migration migration : Placement.inOrder(lab)) {
            Placement next = placement.after(migration);
            states.add(new LabState(afterName(migration), next, Optional.of(migration), Optional.of(placement)));
            placement = next;
        }
        return states;
    }

    public boolean isBefore() {
        return migration.isEmpty();
    }
}
