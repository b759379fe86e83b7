package org.warplab.emulation.schemes;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.warplab.emulation.network.EmulatedNetwork;
import org.warplab.emulation.network.SchemeBehaviour;

/**
 * Baseline: the data-center LANs are bridged over the management links (a spanning tree of them),
 * so the VM stays reachable at the old site's gateway and its inbound traffic hairpins through
 * the old data center.
 */
public final class L2ExtensionBehaviour implements SchemeBehaviour {
    @Override
    public String label() {
        return "L2 extension (baseline)";
    }

    @Override
    public void install(EmulatedNetwork network) {
        if (network.switches.isEmpty()) {
            return;
        }
        Set<String> reached = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        String root = network.switches.keySet().iterator().next();
        reached.add(root);
        queue.add(root);
        while (!queue.isEmpty()) {
            String dc = queue.poll();
            for (EmulatedNetwork.ManagementLink link : network.managementLinks) {
                if (link.touches(dc) && reached.add(link.other(dc))) {
                    network.switches.get(link.a()).setBridged(link.aPort(), true);
                    network.switches.get(link.b()).setBridged(link.bPort(), true);
                    queue.add(link.other(dc));
                }
            }
        }
    }
}
