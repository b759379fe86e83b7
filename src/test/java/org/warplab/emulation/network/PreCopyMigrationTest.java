package org.warplab.emulation.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PreCopyMigrationTest {
    private static final long GBIT = 125_000_000L;

    private static PreCopyMigration model(long memoryMiB, long dirtyPagesPerSecond) {
        return new PreCopyMigration(memoryMiB << 20, dirtyPagesPerSecond * 4096, 100_000_000L, 30, MigrationCosts.DEFAULT);
    }

    @Test
    void firstRoundCopiesAllMemoryAndLaterRoundsTheDirtiedPages() {
        PreCopyMigration.Plan plan = model(512, 2000).plan(GBIT, 1_000_000);
        assertEquals(512L << 20, plan.preCopyRounds().get(0).bytes());
        assertTrue(plan.preCopyRounds().size() >= 2);
        assertTrue(plan.preCopyRounds().get(1).bytes() < plan.preCopyRounds().get(0).bytes());
        assertTrue(plan.downtimeNs() <= 100_000_000L + plan.resumeNs() + 1_000_000);
    }

    @Test
    void moreMemoryTakesLongerAndWithDirtyingAlsoMoreDowntime() {
        // With few rounds allowed, what is left when the VM stops grows with the time the rounds took.
        PreCopyMigration.Plan small = new PreCopyMigration(256L << 20, 20_000L * 4096, 1_000_000, 2, MigrationCosts.DEFAULT).plan(GBIT, 1_000_000);
        PreCopyMigration.Plan large = new PreCopyMigration(2048L << 20, 20_000L * 4096, 1_000_000, 2, MigrationCosts.DEFAULT).plan(GBIT, 1_000_000);
        assertTrue(large.totalNs() > small.totalNs());
        assertTrue(large.downtimeNs() > small.downtimeNs());
    }

    @Test
    void aDirtyRateAboveTheLinkStopsAtTheRoundLimit() {
        PreCopyMigration fast = new PreCopyMigration(512L << 20, 10 * GBIT, 1_000_000, 5, MigrationCosts.DEFAULT);
        assertEquals(5, fast.plan(GBIT, 0).preCopyRounds().size());
    }

    @Test
    void coldMigrationCopiesImageAndMemoryOnlyWithoutSharedStorage() {
        ColdMigration copy = new ColdMigration(256L << 20, 4L << 30, true, MigrationCosts.DEFAULT);
        ColdMigration shared = new ColdMigration(256L << 20, 4L << 30, false, MigrationCosts.DEFAULT);
        assertEquals(4, copy.plan(GBIT, 0).size());
        assertEquals(2, shared.plan(GBIT, 0).size());
        assertTrue(copy.plan(GBIT, 0).get(3).endNs() > shared.plan(GBIT, 0).get(1).endNs());
    }
}
