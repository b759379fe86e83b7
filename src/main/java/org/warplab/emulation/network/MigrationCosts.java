package org.warplab.emulation.network;

/**
 * The hypervisor's fixed costs, beyond moving bytes over the network.
 *
 * @param deviceStateBytes CPU and device state sent with the last dirty pages
 * @param resumeNs from the last byte received to the VM running at the destination
 * @param saveBytesPerSecond how fast a cold migration writes memory to a file
 * @param restoreBytesPerSecond how fast a cold migration reads it back
 */
public record MigrationCosts(long deviceStateBytes, long resumeNs, long saveBytesPerSecond, long restoreBytesPerSecond) {

    /**
     * Device state of a QEMU guest is a few hundred KiB; resume takes milliseconds. Save and
     * restore speeds follow the second paper's Xen measurements (256 MB saved in 6 s, restored in 1 s).
     */
    public static final MigrationCosts DEFAULT = new MigrationCosts(256 * 1024, 10_000_000L, 256L * 1_000_000 / 6, 256L * 1_000_000);

    public MigrationCosts {
        if (deviceStateBytes < 0 || resumeNs < 0 || saveBytesPerSecond <= 0 || restoreBytesPerSecond <= 0) {
            throw new IllegalArgumentException("migration costs must be positive");
        }
    }

    static long transferNs(long bytes, long bytesPerSecond) {
        return (long) Math.ceil(bytes * 1e9 / bytesPerSecond);
    }
}
