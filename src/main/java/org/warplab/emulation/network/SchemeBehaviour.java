package org.warplab.emulation.network;

import java.util.List;
import java.util.Optional;
import org.warplab.run.Phase;

/**
 * How a mobility scheme (or a baseline) acts inside the emulated network: what it installs before
 * the run, what it does when a moved VM resumes, and what it announces on the WAN. Further
 * schemes (Mobile IPv6, segmentation) plug in here on the same kernel, trace and metrics.
 */
public interface SchemeBehaviour {
    /** How long the network needs after the last resume to show the outcome (announcements, switches, convergence). */
    long SETTLE_NS = 2_000_000_000L;

    String label();

    /** The prefix a data center's LAN prefix is advertised as on the WAN, if the scheme translates it. */
    default Optional<Ipv4.Prefix> wanPrefixOf(String dataCenter, Ipv4.Prefix lanPrefix) {
        return Optional.empty();
    }

    /** Whether the WAN routes each data center's LAN prefixes to its edge (not so for segmentation, whose LANs are tenant space). */
    default boolean routesDataCenterPrefixes() {
        return true;
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

    /**
     * Where a migration's downtime ends (docs/metrics.md, one definition for every scheme): the first
     * probe reaching the VM at its address after it resumed; -1 when none did (no probe flow to it,
     * or unreachable).
     */
    default long downtimeEndNs(MigrationRun run) {
        return run.firstProbeNs;
    }

    /** The scheme's own switching time for a migration, if it has one beyond network paging's. */
    default Long switchingTimeNs(EmulatedNetwork network, MigrationRun run) {
        return null;
    }

    /** Adds the scheme's phases of a migration (after the VM resumed). */
    default void addPhases(EmulatedNetwork network, MigrationRun run, List<Phase> phases, List<String> notes) {
    }

    /** Whether the switching time (announcement seen → last translator switched) applies. */
    default boolean hasSwitching() {
        return false;
    }
}
