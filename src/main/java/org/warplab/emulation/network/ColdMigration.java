package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Migration;
import org.warplab.model.StorageMode;
import org.warplab.model.Vm;
import org.warplab.run.Phase;

/**
 * Save, copy, restore as a pure model: the VM stops, its memory is saved to a file, the disk image
 * (when storage is not shared) and the memory file cross the management link, and the VM is
 * restored at the destination. The VM is down for all of it.
 */
public record ColdMigration(long memoryBytes, long diskBytes, boolean copyFiles, MigrationCosts costs) {

    public static ColdMigration of(Vm vm, Migration migration, MigrationCosts costs) {
        return new ColdMigration(vm.memoryBytes(), vm.diskBytes(), migration.storage() == StorageMode.COPY, costs);
    }

    public long saveNs() {
        return MigrationCosts.transferNs(memoryBytes, costs.saveBytesPerSecond());
    }

    public long restoreNs() {
        return MigrationCosts.transferNs(memoryBytes, costs.restoreBytesPerSecond());
    }

    /** Bytes of the disk image to copy (0 with shared storage). */
    public long imageBytes() {
        return copyFiles ? diskBytes : 0;
    }

    /** Bytes of the saved memory file to copy (0 with shared storage, where the destination reads it in place). */
    public long memoryFileBytes() {
        return copyFiles ? memoryBytes : 0;
    }

    /** The phases on an otherwise idle link of {@code bytesPerSecond} payload and {@code latencyNs} one way, starting at 0. */
    public List<Phase> plan(long bytesPerSecond, long latencyNs) {
        List<Phase> phases = new ArrayList<>();
        long t = 0;
        phases.add(new Phase("save", t, t += saveNs()));
        if (imageBytes() > 0) {
            phases.add(new Phase("copy disk image", t, t += MigrationCosts.transferNs(imageBytes(), bytesPerSecond) + latencyNs));
        }
        if (memoryFileBytes() > 0) {
            phases.add(new Phase("copy memory", t, t += MigrationCosts.transferNs(memoryFileBytes(), bytesPerSecond) + latencyNs));
        }
        phases.add(new Phase("restore", t, t + restoreNs()));
        return phases;
    }
}
