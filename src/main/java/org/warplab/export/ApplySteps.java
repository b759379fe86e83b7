package org.warplab.export;

import java.util.ArrayList;
import java.util.List;
import org.warplab.config.GeneratedFile;
import org.warplab.config.MobileIpv6Files;

/**
 * A node's exec steps: the commands live mode runs in the node's namespace to build a state
 * ({@code LabRealizer}), in its order, on the files as the container sees them. Live mode applies
 * {@code sysctl.conf} before the interfaces exist; containerlab creates the link interfaces first,
 * so those see the namespace-wide keys only through their "all" values: forwarding is set on every
 * interface, rp_filter and arp_ignore take the larger of "all" and the interface's own, but DAD is
 * skipped only when both say so, so IPv6 addresses on link interfaces pass DAD once (about a
 * second) after deploy. Devices that ip.batch creates inherit everything, as in live mode.
 */
final class ApplySteps {

    static final String RADVD_CONFIG = "radvd/radvd.conf";

    private ApplySteps() {
    }

    static List<String> exec(String node, String state, List<GeneratedFile> files) {
        String dir = ContainerlabExport.containerDir(state, node) + "/";
        List<String> paths = files.stream().map(GeneratedFile::relativePath).toList();
        List<String> steps = new ArrayList<>();
        steps.add("sysctl -q -p " + dir + "sysctl.conf");
        if (paths.contains(InterfaceDefaults.FILE)) {
            steps.add("sysctl -q -p " + dir + InterfaceDefaults.FILE);
        }
        steps.add("ip -batch " + dir + "ip.batch");
        if (paths.contains("bridge.batch")) {
            steps.add("bridge -batch " + dir + "bridge.batch");
        }
        if (paths.contains("sysctl-interfaces.conf")) {
            steps.add("sysctl -q -p " + dir + "sysctl-interfaces.conf");
        }
        if (paths.contains(RADVD_CONFIG)) {
            // the bound files are read-only: radvd's pid and log go to the container's /tmp, named per node
            steps.add("radvd -C " + dir + RADVD_CONFIG + " -p /tmp/warplab-radvd-" + node + ".pid -m logfile -l /tmp/warplab-radvd-" + node + ".log");
        }
        for (String batch : MobileIpv6Files.batches(paths)) {
            steps.add("ip -batch " + dir + batch);
        }
        if (paths.contains("routes.batch")) {
            steps.add("ip -batch " + dir + "routes.batch");
        }
        if (paths.contains("nft/paging.nft")) {
            steps.add("nft -f " + dir + "nft/paging.nft");
        }
        return steps;
    }
}
