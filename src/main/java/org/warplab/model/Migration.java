package org.warplab.model;

import java.util.Objects;

/**
 * One move of a VM to another data center, starting {@code atNs} after the run starts.
 *
 * @param bandwidthCapBps 0 = as fast as the management link allows
 * @param maxRounds pre-copy rounds before the VM is stopped regardless of the downtime limit
 */
public record Migration(
        String id,
        String vm,
        String to,
        long atNs,
        MigrationMode mode,
        StorageMode storage,
        long downtimeLimitNs,
        long bandwidthCapBps,
        int maxRounds) {

    public static final long DEFAULT_DOWNTIME_LIMIT_NS = 300_000_000L;
    public static final int DEFAULT_MAX_ROUNDS = 30;

    public Migration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(storage, "storage");
    }
}
