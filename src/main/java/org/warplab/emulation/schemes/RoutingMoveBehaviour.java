package org.warplab.emulation.schemes;

import org.warplab.emulation.network.EmulatedNetwork;
import org.warplab.emulation.network.Ipv6;
import org.warplab.emulation.network.MigrationRun;
import org.warplab.emulation.network.RouterNode;
import org.warplab.emulation.network.SchemeBehaviour;
import org.warplab.model.RoutingMove;

/**
 * Baseline: when the VM resumes, its subnet is re-advertised from the destination; each router
 * switches its route after the advertisement delay, the flooding time over its hop distance and
 * its SPF delay. Until then the WAN sends the traffic to the old site.
 */
public final class RoutingMoveBehaviour implements SchemeBehaviour {
    private final RoutingMove config;

    public RoutingMoveBehaviour(RoutingMove config) {
        this.config = config;
    }

    @Override
    public String label() {
        return "subnet move by dynamic routing (baseline)";
    }

    @Override
    public void vmResumed(EmulatedNetwork network, MigrationRun run) {
        int prefix = run.vm.ip == 0 ? -1 : network.prefixes.lookup(run.vm.ip);
        EmulatedNetwork.LanAttachment attachment = network.lanAttachments.get(run.destination.name);
        org.warplab.model.Ipv6Address address6 = run.vm.vmAddress6();
        Ipv6.Prefix prefix6 = null;
        if (attachment != null && address6 != null) {
            for (RouterNode router : network.routerList) {
                Ipv6.Prefix candidate = router.routedPrefix6(address6);
                if (candidate != null && (prefix6 == null || candidate.length() > prefix6.length())) {
                    prefix6 = candidate;
                }
            }
        }
        if ((prefix < 0 && prefix6 == null) || attachment == null) {
            run.notes.add("no route to move: " + run.destination.name + " has no router");
            return;
        }
        RouterNode origin = attachment.router();
        long last = run.resumedNs;
        for (RouterNode router : network.routerList) {
            int hops = network.paths.hops(origin.index, router.index);
            if (hops < 0) {
                continue;
            }
            long at = run.resumedNs + config.advertisementDelayNs() + hops * config.floodPerHopNs() + config.spfDelayNs();
            int entry = router == origin ? RouterNode.encode(attachment.port(), true)
                    : RouterNode.encode(network.paths.firstPort(router.index, origin.index), false);
            if (prefix >= 0) {
                network.net.sim.scheduleAt(at, (code, payload) -> router.setRoute(prefix, entry), 0, null);
            }
            if (prefix6 != null && (router != origin || origin.ports.get(attachment.port()).nd != null)) {
                Ipv6.Prefix moved = prefix6;
                network.net.sim.scheduleAt(at, (code, payload) -> router.setRoute6(moved, entry), 0, null);
            }
            last = Math.max(last, at);
        }
        run.convergedNs = last;
        run.phases.add(new org.warplab.run.Phase("route convergence", run.resumedNs, last));
    }

    @Override
    public long settleNs(EmulatedNetwork network) {
        return SETTLE_NS + config.advertisementDelayNs() + config.spfDelayNs() + (long) network.routerList.size() * config.floodPerHopNs();
    }
}
