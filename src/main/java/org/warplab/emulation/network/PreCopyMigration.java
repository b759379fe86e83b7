package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Migration;
import org.warplab.model.Vm;

/**
 * Pre-copy live migration as a pure model: round 1 copies all memory while the VM runs; each next
 * round copies the pages dirtied during the previous one; the VM stops when the rest (with the
 * device state) would cross the link within the downtime limit, or after the last allowed round;
 * then the rest is copied (stop-and-copy) and the VM resumes at the destination.
 *
 * <p>The emulator drives it round by round with the durations it measures on the shared
 * management link; {@link #plan} gives the same figures for an otherwise idle link (what the live
 * runtime needs to know how long to hold the VM).
 */
public record PreCopyMigration(long memoryBytes, long dirtyBytesPerSecond, long downtimeLimitNs, int maxRounds, MigrationCosts costs) {

    public record Round(int number, long bytes, long durationNs) { }

    /**
     * @param downtimeNs stop-and-copy plus resume: VM stopped at the source → running at the destination
     * @param totalNs migration start → VM running at the destination
     * @param converged whether the memory left at the stop fitted the downtime limit (false: stopped at the round limit)
     */
    public record Plan(List<Round> preCopyRounds, long stopAndCopyBytes, long stopAndCopyNs, long resumeNs, long downtimeNs, long totalNs,
                       boolean converged) {
        public Plan {
            preCopyRounds = List.copyOf(preCopyRounds);
        }
    }

    public PreCopyMigration {
        if (memoryBytes <= 0) {
            throw new IllegalArgumentException("memory must be positive");
        }
        if (maxRounds < 1) {
            throw new IllegalArgumentException("at least one pre-copy round is needed");
        }
    }

    public static PreCopyMigration of(Vm vm, Migration migration, MigrationCosts costs) {
        return new PreCopyMigration(vm.memoryBytes(), vm.dirtyPagesPerSecond() * Vm.PAGE_BYTES,
                migration.downtimeLimitNs(), Math.max(1, migration.maxRounds()), costs);
    }

    /** Distinct bytes dirtied while a round of {@code durationNs} ran (at most all memory). */
    public long dirtiedDuring(long durationNs) {
        double bytes = (double) dirtyBytesPerSecond * durationNs / 1e9;
        return (long) Math.min(memoryBytes, Math.ceil(bytes));
    }

    /** Whether to stop the VM now, {@code roundsDone} rounds in, with {@code remainingBytes} dirty, at {@code bytesPerSecond}. */
    public boolean stopNow(int roundsDone, long remainingBytes, long bytesPerSecond) {
        return roundsDone >= maxRounds || fits(remainingBytes, bytesPerSecond);
    }

    /** Whether {@code remainingBytes} (with the device state) cross the link within the downtime limit: the pre-copy converged. */
    public boolean fits(long remainingBytes, long bytesPerSecond) {
        return MigrationCosts.transferNs(remainingBytes + costs.deviceStateBytes(), bytesPerSecond) <= downtimeLimitNs;
    }

    /** The whole migration on a link that carries nothing else: {@code bytesPerSecond} of payload, {@code latencyNs} one way. */
    public Plan plan(long bytesPerSecond, long latencyNs) {
        List<Round> rounds = new ArrayList<>();
        long remaining = memoryBytes;
        long elapsed = 0;
        while (true) {
            long duration = MigrationCosts.transferNs(remaining, bytesPerSecond) + latencyNs;
            rounds.add(new Round(rounds.size() + 1, remaining, duration));
            elapsed += duration;
            remaining = dirtiedDuring(duration);
            if (stopNow(rounds.size(), remaining, bytesPerSecond)) {
                break;
            }
        }
        long stopBytes = remaining + costs.deviceStateBytes();
        long stopNs = MigrationCosts.transferNs(stopBytes, bytesPerSecond) + latencyNs;
        long downtime = stopNs + costs.resumeNs();
        return new Plan(rounds, stopBytes, stopNs, costs.resumeNs(), downtime, elapsed + downtime, fits(remaining, bytesPerSecond));
    }
}
