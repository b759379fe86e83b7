package org.warplab.run;

import java.util.List;
import org.warplab.model.Units;

/**
 * A real hypervisor's own account of one live migration (today QEMU's {@code query-migrate}), kept
 * beside the figures the run measured itself: its downtime can differ from the host's view of the
 * stop, and it is the figure the hypervisor holds to the migration's downtime limit.
 *
 * @param hypervisor       who migrated, for people ("QEMU (TCG)")
 * @param downtimeNs       the hypervisor's own downtime; -1 when it reported none (QEMU 7.2 sometimes reports every timer as 0)
 * @param hostDowntimeNs   the stop to the resume as the host saw the hypervisor's events
 * @param totalTimeNs      the migration's total time by the hypervisor (by the host when it reported none)
 * @param downtimeLimitNs  the limit the hypervisor was given at the end (the lab's, or higher when a policy raised it)
 * @param downtimeBytes    memory sent while the VM was stopped; -1 when not reported
 * @param passes           the last figures the hypervisor gave in each pass while the VM ran, in order
 */
public record HypervisorReport(String hypervisor, long downtimeNs, long hostDowntimeNs, long totalTimeNs, long transferredBytes,
                               long downtimeLimitNs, long downtimeBytes, List<Pass> passes) {

    public HypervisorReport {
        passes = passes == null ? List.of() : List.copyOf(passes);
    }

    /**
     * What the hypervisor knew at the end of one pass of the pre-copy.
     *
     * @param rateBitsPerSecond   the rate it measured over its last window, from which it predicts the stop
     * @param expectedDowntimeNs  QEMU's {@code expected-downtime}: remaining ÷ rate once it has measured a dirty rate, which QEMU 7.2
     *                            does at most once a second; before that it reports the limit itself
     * @param dirtyPagesPerSecond the guest's dirty rate it measured (0 until its first one-second measurement)
     * @param remainingBytes      memory still to send
     */
    public record Pass(long pass, long rateBitsPerSecond, long expectedDowntimeNs, long dirtyPagesPerSecond, long remainingBytes) { }

    /** The stop the limit is held to: the hypervisor's own figure, or the host's when it gave none. */
    public long stopNs() {
        return downtimeNs >= 0 ? downtimeNs : hostDowntimeNs;
    }

    /** The last pass before the stop: what the hypervisor expected when it chose to stop. */
    public java.util.Optional<Pass> lastPass() {
        return passes.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(passes.get(passes.size() - 1));
    }

    /**
     * Why the stop took what it did, in the hypervisor's own figures: the memory left at its last
     * pass and the time that memory takes at the rate it had just measured (QEMU stops when that
     * time fits the limit), beside what it sent while the VM was stopped.
     */
    public String expectation() {
        return lastPass().map(p -> "at pass " + p.pass() + (p.rateBitsPerSecond() > 0
                        ? " it had measured " + Units.bandwidth(p.rateBitsPerSecond()) + ", at which the " + Units.bytes(p.remainingBytes()) + " left take "
                                + Units.ms(Math.round(p.remainingBytes() * 8e9 / p.rateBitsPerSecond()), 0)
                        : " it had measured no rate yet, with " + Units.bytes(p.remainingBytes()) + " left")
                + (downtimeBytes >= 0 ? "; it sent " + Units.bytes(downtimeBytes) + " while stopped" : "")).orElse("");
    }
}
