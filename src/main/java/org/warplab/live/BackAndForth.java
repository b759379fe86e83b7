package org.warplab.live;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.Vm;

/**
 * A lab whose first migration is repeated N times, back and forth between its two data centers,
 * so that one built lab yields N measurements (median, p95, max) instead of one.
 */
public final class BackAndForth {

    private BackAndForth() {
    }

    /**
     * @param spacingNs time between the starts of two moves; long enough for a move and its settling
     */
    public static Lab repeat(Lab lab, int times, long spacingNs) {
        if (times < 1) {
            throw new IllegalArgumentException("--repeat needs 1 or more migrations");
        }
        Migration first = lab.migrations().stream().min(java.util.Comparator.comparingLong(Migration::atNs))
                .orElseThrow(() -> new IllegalArgumentException("the lab has no migration to repeat"));
        Vm vm = lab.node(first.vm(), Vm.class).orElseThrow();
        String home = vm.dataCenter();
        List<Migration> moves = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            String to = i % 2 == 0 ? first.to() : home;
            moves.add(new Migration("R" + (i + 1), first.vm(), to, first.atNs() + i * spacingNs, first.mode(), first.storage(),
                    first.downtimeLimitNs(), first.bandwidthCapBps(), first.maxRounds()));
        }
        return lab.withMigrations(moves).withDurationNs(first.atNs() + times * spacingNs + 1_000_000_000L);
    }
}
