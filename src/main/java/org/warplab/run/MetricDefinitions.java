package org.warplab.run;

/**
 * What a migration's figures mean, in one place, for every scheme and both runtimes: the CLI, the
 * report, the readout and docs/metrics.md say these words (MetricDefinitionsTest keeps them in step).
 */
public final class MetricDefinitions {
    public static final String SWITCHING = "the network's own reaction to the move (paging: announcement seen → last client-edge translator "
            + "switched; Mobile IPv6: router advertisement heard → Binding Acknowledgement; segmentation: resume → last segment endpoint "
            + "learned the VM; none for the baselines)";
    public static final String DOWNTIME = "VM stopped at the source → the first probe reaching it at its address after it resumed: the "
            + "hypervisor's stop and resume plus the network's switch, for every scheme (none when no probe reached it)";
    public static final String CLIENT_GAP = "the longest a client waited between two echoes around the move";

    private MetricDefinitions() {
    }
}
