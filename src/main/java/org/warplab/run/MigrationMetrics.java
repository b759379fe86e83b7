package org.warplab.run;

import java.util.List;

/**
 * The figures of one migration.
 *
 * @param switchingTimeNs the network's reaction to the move: for network paging announcement seen →
 *                        last client-edge translator switched (the paper's definition); for Mobile
 *                        IPv6 router advertisement heard → Binding Acknowledgement received; for
 *                        segmentation resume → last segment endpoint learned the VM's new place;
 *                        null when the scheme has no such step
 * @param downtimeNs VM stopped at the source → running at the destination; for Mobile IPv6, where
 *                   the VM itself must register again, → the first packet reaching it at its home
 *                   address (the second paper's definition)
 * @param migrationTimeNs migration start → VM running at the destination
 * @param clientGapNs the largest gap any flow saw between delivered echoes
 * @param reachableAfter whether echoes came back from the VM's (unchanged) address after the move
 * @param address the address the clients use, before and after
 */
public record MigrationMetrics(
        String migration,
        String vm,
        String address,
        String from,
        String to,
        String mode,
        Long switchingTimeNs,
        long downtimeNs,
        long migrationTimeNs,
        long clientGapNs,
        long probesSent,
        long probesLost,
        long latencyBeforeNs,
        long latencyAfterNs,
        boolean reachableAfter,
        String pathBefore,
        String pathAfter,
        List<Phase> phases,
        List<FlowMetrics> flows) {

    public MigrationMetrics {
        phases = List.copyOf(phases);
        flows = List.copyOf(flows);
    }
}
