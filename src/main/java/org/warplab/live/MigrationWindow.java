package org.warplab.live;

/**
 * What happened to one migration of a live run, in host monotonic time: when the move started,
 * when the VM stopped and ran again, and when everything that follows it had caught up.
 *
 * @param migration  the migration's id in the lab that ran
 * @param from       the data center the VM left
 * @param holdEndNs  the end of the modelled stop-and-copy (a QEMU guest's is its resume)
 * @param settledNs  when the VM ran again and every translator (or its home agent) had followed it
 * @param qemuPasses the passes QEMU's pre-copy took; only read when the VM is a QEMU guest
 * @param completion the pre-copy's rounds and whether it converged (QEMU's own account, or the modelled plan's)
 * @param hypervisor QEMU's own account of the migration; null for a namespace VM, whose memory copy is modelled
 */
public record MigrationWindow(String migration, String from, long startNs, long pausedNs, long holdEndNs, long resumedNs,
                              long settledNs, long qemuPasses, org.warplab.run.Completion completion, org.warplab.run.HypervisorReport hypervisor) {

    /** A move without a hypervisor of its own (a namespace VM). */
    public MigrationWindow(String migration, String from, long startNs, long pausedNs, long holdEndNs, long resumedNs, long settledNs,
                           long qemuPasses, org.warplab.run.Completion completion) {
        this(migration, from, startNs, pausedNs, holdEndNs, resumedNs, settledNs, qemuPasses, completion, null);
    }
}
