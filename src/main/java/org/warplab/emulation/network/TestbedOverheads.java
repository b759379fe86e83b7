package org.warplab.emulation.network;

import java.util.function.LongSupplier;
import org.warplab.model.Overhead;
import org.warplab.model.ProfileValue;
import org.warplab.model.Testbed;
import org.warplab.model.Vm;

/**
 * The lab's testbed profile in a run: every overhead the profile names is drawn from its
 * distribution each time it is needed, from a random stream of its own (seeded from the run's
 * seed), so the links' jitter and loss draws stay where they were. An overhead the profile does
 * not name keeps the emulator's own value, and the ideal testbed draws nothing: its runs are the
 * emulator's runs, byte for byte.
 */
public final class TestbedOverheads {
    /** Mixed into the run's seed so the profile's stream is not the kernel's. */
    private static final long STREAM = 0x7E57_BED0_0000_0001L;
    private static final long GIB = 1L << 30;

    private final Testbed testbed;
    private final SeededRandom random;

    public TestbedOverheads(Testbed testbed, long seed) {
        this.testbed = testbed;
        this.random = new SeededRandom(seed ^ STREAM);
    }

    static TestbedOverheads ideal() {
        return new TestbedOverheads(Testbed.IDEAL, 0);
    }

    Testbed testbed() {
        return testbed;
    }

    /** A draw of {@code overhead}, or {@code otherwise} (the emulator's own value) if the profile leaves it out. */
    public long draw(Overhead overhead, LongSupplier otherwise) {
        return testbed.value(overhead).map(this::sample).orElseGet(otherwise::getAsLong);
    }

    public long draw(Overhead overhead, long otherwise) {
        return draw(overhead, () -> otherwise);
    }

    /** The hypervisor's costs for one migration of {@code vm}: the emulator's defaults with the profile's draws in place. */
    public MigrationCosts costsFor(Vm vm) {
        MigrationCosts base = MigrationCosts.DEFAULT;
        if (testbed.value(Overhead.SWITCHOVER).isEmpty() && testbed.value(Overhead.SAVE_PER_GIB).isEmpty()
                && testbed.value(Overhead.RESTORE_PER_GIB).isEmpty()) {
            return base;
        }
        long resume = draw(Overhead.SWITCHOVER, base.resumeNs());
        long save = testbed.value(Overhead.SAVE_PER_GIB).map(v -> perSecond(sample(v))).orElse(base.saveBytesPerSecond());
        long restore = testbed.value(Overhead.RESTORE_PER_GIB).map(v -> perSecond(sample(v))).orElse(base.restoreBytesPerSecond());
        return new MigrationCosts(base.deviceStateBytes(), resume, save, restore);
    }

    private static long perSecond(long nsPerGib) {
        return Math.max(1, Math.round(GIB * 1e9 / Math.max(1, nsPerGib)));
    }

    private long sample(ProfileValue value) {
        return value.spread().sample(random::nextDouble);
    }
}
