package org.warplab.emulation;

import java.util.Optional;

/**
 * How a mobility scheme (or a baseline) acts inside the emulated network: what it installs before
 * the run, what it does when a moved VM resumes, and what it announces on the WAN. Further
 * schemes (Mobile IPv6, segmentation) plug in here on the same kernel, trace and metrics.
 */
interface SchemeBehaviour {
    /** How long the network needs after the last resume to show the outcome (announcements, switches, convergence). */
    long SETTLE_NS = 2_000_000_000L;

    String label();

    /** The prefix a data center's LAN prefix is advertised as on the WAN, if the scheme translates it. */
    default Optional<Ipv4.Prefix> wanPrefixOf(String dataCenter, Ipv4.Prefix lanPrefix) {
        return Optional.empty();
    }

    /** Runs once the devices exist, before routes are computed. */
    default void prepare(EmulatedNetwork network) {
    }

    default void install(EmulatedNetwork network) {
    }

    default void vmResumed(EmulatedNetwork network, MigrationRun run) {
    }

    default long settleNs(EmulatedNetwork network) {
        return SETTLE_NS;
    }

    /** Whether the switching time (announcement seen → last translator switched) applies. */
    default boolean hasSwitching() {
        return false;
    }
}
