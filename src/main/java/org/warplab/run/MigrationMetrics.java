package org.warplab.run;

import org.warplab.model.Units;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one migration.
 *
 * @param switchingTimeNs the network's reaction to the move: for network paging announcement seen →
 *                        last client-edge translator switched (the paper's definition); for Mobile
 *                        IPv6 router advertisement heard → Binding Acknowledgement received; for
 *                        segmentation resume → last segment endpoint learned the VM's new place;
 *                        null when the scheme has no such step
 * @param downtimeNs {@link MetricDefinitions#DOWNTIME}: VM stopped at the source → the first probe
 *                   reaching it at its address after it resumed, for every scheme (docs/metrics.md);
 *                   -1 when no probe reached it
 * @param migrationTimeNs migration start → VM running at the destination
 * @param clientGapNs the largest gap any flow saw between delivered echoes
 * @param reachableAfter whether echoes came back from the VM's (unchanged) address after the move
 * @param address the address the clients use, before and after
 * @param flows the flows to the moving VM: the figures above are theirs
 * @param bystanders every other flow of the lab over the same window (other VMs, other tenants): what
 *                   the move cost those who did not move
 * @param completion whether the migration finished within the run and whether its pre-copy converged
 * @param hypervisor a real hypervisor's own account of the migration (QEMU's); null when the memory copy was modelled
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"downtimeOverLimit"}, allowGetters = true)
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
        List<FlowMetrics> bystanders,
        Completion completion,
        HypervisorReport hypervisor) {

    /** The same figures with another downtime (a recording measured before downtime had one definition). */
    public MigrationMetrics withDowntimeNs(long downtime) {
        return new MigrationMetrics(migration, vm, address, from, to, mode, switchingTimeNs, downtime, migrationTimeNs, clientGapNs, probesSent,
                probesLost, latencyBeforeNs, latencyAfterNs, reachableAfter, pathBefore, pathAfter, phases, flows, bystanders, completion, hypervisor);
    }

    /** The same figures with other bystander flows (a recording made before live runs reported them). */
    public MigrationMetrics withBystanders(List<FlowMetrics> others) {
        return new MigrationMetrics(migration, vm, address, from, to, mode, switchingTimeNs, downtimeNs, migrationTimeNs, clientGapNs, probesSent,
                probesLost, latencyBeforeNs, latencyAfterNs, reachableAfter, pathBefore, pathAfter, phases, flows, others, completion, hypervisor);
    }

    public MigrationMetrics {
        phases = List.copyOf(phases);
        flows = List.copyOf(flows);
        bystanders = bystanders == null ? List.of() : List.copyOf(bystanders); // a run saved before they were reported
        if (completion == null) {
            completion = Completion.inferred(migrationTimeNs);
        }
    }

    /** Figures without the other VMs' flows (a runtime that does not measure them yet). */
    public MigrationMetrics(String migration, String vm, String address, String from, String to, String mode, Long switchingTimeNs,
                            long downtimeNs, long migrationTimeNs, long clientGapNs, long probesSent, long probesLost, long latencyBeforeNs,
                            long latencyAfterNs, boolean reachableAfter, String pathBefore, String pathAfter, List<Phase> phases,
                            List<FlowMetrics> flows) {
        this(migration, vm, address, from, to, mode, switchingTimeNs, downtimeNs, migrationTimeNs, clientGapNs, probesSent, probesLost,
                latencyBeforeNs, latencyAfterNs, reachableAfter, pathBefore, pathAfter, phases, flows, List.of(), null, null);
    }

    /** Figures with the other VMs' flows, from a runtime that does not report the pre-copy yet (inferred from the migration time). */
    public MigrationMetrics(String migration, String vm, String address, String from, String to, String mode, Long switchingTimeNs,
                            long downtimeNs, long migrationTimeNs, long clientGapNs, long probesSent, long probesLost, long latencyBeforeNs,
                            long latencyAfterNs, boolean reachableAfter, String pathBefore, String pathAfter, List<Phase> phases,
                            List<FlowMetrics> flows, List<FlowMetrics> bystanders) {
        this(migration, vm, address, from, to, mode, switchingTimeNs, downtimeNs, migrationTimeNs, clientGapNs, probesSent, probesLost,
                latencyBeforeNs, latencyAfterNs, reachableAfter, pathBefore, pathAfter, phases, flows, bystanders, null, null);
    }

    /** Figures with the pre-copy's completion, from a runtime that models the memory copy (no hypervisor of its own). */
    public MigrationMetrics(String migration, String vm, String address, String from, String to, String mode, Long switchingTimeNs,
                            long downtimeNs, long migrationTimeNs, long clientGapNs, long probesSent, long probesLost, long latencyBeforeNs,
                            long latencyAfterNs, boolean reachableAfter, String pathBefore, String pathAfter, List<Phase> phases,
                            List<FlowMetrics> flows, List<FlowMetrics> bystanders, Completion completion) {
        this(migration, vm, address, from, to, mode, switchingTimeNs, downtimeNs, migrationTimeNs, clientGapNs, probesSent, probesLost,
                latencyBeforeNs, latencyAfterNs, reachableAfter, pathBefore, pathAfter, phases, flows, bystanders, completion, null);
    }

    /**
     * Whether the hypervisor stopped the VM longer than the migration's downtime limit (the lab's,
     * not a limit a policy raised): the one figure live migration promises to hold. Written into the
     * JSON report too, so a reader of the file sees it without recomputing.
     */
    @com.fasterxml.jackson.annotation.JsonProperty("downtimeOverLimit")
    public boolean downtimeOverLimit() {
        return hypervisor != null && completion.finished() && completion.downtimeLimitNs() > 0 && hypervisor.stopNs() > completion.downtimeLimitNs();
    }

    /**
     * Whether no probe came back at all, before the move or after it (probes sent in the run's last
     * half second are still in flight, not lost, so "lost" can be below "sent" even then).
     */
    public boolean allProbesLost() {
        return probesSent > 0 && probesLost > 0 && latencyBeforeNs < 0 && latencyAfterNs < 0;
    }

    /**
     * Whether the client gap is a gap: the migration finished and echoes came back after it. When
     * not, the readout says why instead of showing a number that looks like a result.
     */
    public boolean gapMeasured() {
        return completion.finished() && reachableAfter && !allProbesLost() && !flows.isEmpty();
    }

    /** What the figures alone would hide, one sentence each, most serious first; empty when all went well. */
    public List<String> caveats() {
        List<String> caveats = new ArrayList<>();
        if (!completion.finished()) {
            caveats.add(migration + " did not finish: " + vm + " was still migrating when the run ended, so it has no downtime or gap");
        }
        if (completion.didNotConverge()) {
            String rounds = completion.maxRounds() > 0 ? completion.preCopyRounds() + " of " + completion.maxRounds() + " rounds (the limit)"
                    : completion.preCopyRounds() + " passes";
            caveats.add("pre-copy did not converge: after " + rounds + " the dirty memory still exceeded the " + Units.msOrNone(completion.downtimeLimitNs(), 1) + " downtime limit, so "
                    + vm + " was stopped anyway" + (downtimeNs >= 0 ? " (downtime " + Units.msOrNone(downtimeNs, 1) + ")" : ""));
        }
        if (downtimeOverLimit()) {
            caveats.add("downtime over the limit: " + hypervisor.hypervisor() + " stopped " + vm + " for " + Units.ms(hypervisor.stopNs(), 0)
                    + ", over the " + Units.ms(completion.downtimeLimitNs(), 0) + " limit"
                    + (hypervisor.downtimeNs() >= 0 ? " (its own figure; the host saw " + Units.ms(hypervisor.hostDowntimeNs(), 0) + ")" : " (as the host saw it)")
                    + (hypervisor.expectation().isEmpty() ? "" : ": " + hypervisor.expectation()));
        }
        for (FlowMetrics other : bystanders) {
            if (other.probesLost() > 0) {
                caveats.add("flow " + other.flow() + " from " + other.client() + ", to a VM that did not move, lost " + other.probesLost() + " of "
                        + other.probesSent() + " probes while " + vm + " moved");
            }
        }
        if (flows.isEmpty()) {
            caveats.add("no probe flow went to " + vm + ", so nothing measured its gap, loss or latency");
        } else if (allProbesLost()) {
            caveats.add("every probe was lost: no echo came back from " + vm + " before or after the move (" + probesLost + " lost of "
                    + probesSent + " sent" + (probesLost < probesSent ? "; the last ones were still in flight when the run ended" : "") + ")");
        } else if (completion.finished() && !reachableAfter) {
            caveats.add(vm + " was unreachable after the move: no echo came back after it resumed at " + to);
        }
        return caveats;
    }
}
