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
 * @param flows the flows to the moving VM: the figures above are theirs
 * @param bystanders every other flow of the lab over the same window (other VMs, other tenants): what
 *                   the move cost those who did not move
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
        List<FlowMetrics> flows,
        List<FlowMetrics> bystanders) {

    public MigrationMetrics {
        phases = List.copyOf(phases);
        flows = List.copyOf(flows);
        bystanders = bystanders == null ? List.of() : List.copyOf(bystanders); // a run saved before they were reported
    }

    /** Figures without the other VMs' flows (a runtime that does not measure them yet). */
    public MigrationMetrics(String migration, String vm, String address, String from, String to, String mode, Long switchingTimeNs,
                            long downtimeNs, long migrationTimeNs, long clientGapNs, long probesSent, long probesLost, long latencyBeforeNs,
                            long latencyAfterNs, boolean reachableAfter, String pathBefore, String pathAfter, List<Phase> phases,
                            List<FlowMetrics> flows) {
        this(migration, vm, address, from, to, mode, switchingTimeNs, downtimeNs, migrationTimeNs, clientGapNs, probesSent, probesLost,
                latencyBeforeNs, latencyAfterNs, reachableAfter, pathBefore, pathAfter, phases, flows, List.of());
    }
}
