package org.warplab.scheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.warplab.model.DataCenter;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.Router;
import org.warplab.model.RoutingMove;
import org.warplab.model.Vm;

/**
 * Baseline: a data-center prefix is announced only by the edge of the data center its VMs are in;
 * a migration withdraws it at the old edge and announces it at the new one, and the WAN's dynamic
 * routing converges (the model's {@link RoutingMove} times). A prefix no VM uses is announced by
 * every data center that has it.
 */
public record RoutingMoveBaseline(RoutingMove config) implements MobilityScheme {

    @Override
    public <T> T parts(Parts<T> parts) {
        return parts.routingMove(this);
    }

    /** The data-center prefix announcements with the VMs placed so. */
    public List<Advertisement> dataCenterAdvertisements(Lab lab, Placement placement) {
        Map<IpPrefix, Set<String>> hosting = new LinkedHashMap<>();
        for (DataCenter dc : lab.dataCenters()) {
            for (IpPrefix prefix : dc.lanPrefixes()) {
                hosting.computeIfAbsent(prefix, p -> new LinkedHashSet<>());
            }
        }
        for (Vm vm : lab.vms()) {
            String dcId = placement.of(vm.id());
            DataCenter dc = lab.node(dcId, DataCenter.class).orElseThrow();
            for (IpAddress address : vm.addresses()) {
                dc.lanPrefixes().stream().filter(p -> p.contains(address)).forEach(p -> hosting.get(p).add(dcId));
            }
        }
        List<Advertisement> ads = new ArrayList<>();
        for (DataCenter dc : lab.dataCenters()) {
            Router edge = Sites.edgeOf(lab, dc.id()).orElse(null);
            if (edge == null) {
                continue;
            }
            for (IpPrefix prefix : dc.lanPrefixes()) {
                Set<String> hosts = hosting.get(prefix);
                if (hosts.isEmpty() || hosts.contains(dc.id())) {
                    ads.add(new Advertisement(edge.id(), prefix, hosts.isEmpty() ? "LAN of " + dc.id() : "LAN of " + dc.id() + ", where its VMs are"));
                }
            }
        }
        return ads;
    }

    @Override
    public List<Advertisement> advertisements(Lab lab, Placement placement) {
        List<Advertisement> ads = new ArrayList<>(MobilityScheme.commonAdvertisements(lab));
        ads.addAll(dataCenterAdvertisements(lab, placement));
        return ads;
    }

    @Override
    public SchemeState state(Lab lab, Placement placement) {
        return new SchemeState.Origins(dataCenterAdvertisements(lab, placement), Map.of());
    }

    @Override
    public List<ControlStep> steps(Lab lab, Placement before, Migration migration) {
        List<Advertisement> was = dataCenterAdvertisements(lab, before);
        List<Advertisement> now = dataCenterAdvertisements(lab, before.after(migration));
        List<ControlStep> steps = new ArrayList<>();
        for (Advertisement ad : was) {
            if (now.stream().noneMatch(n -> n.router().equals(ad.router()) && n.prefix().equals(ad.prefix()))) {
                steps.add(new ControlStep(ad.router(), "withdraw", ad.prefix().toString(), "announced", "withdrawn",
                        ad.router() + ": withdraw " + ad.prefix()));
            }
        }
        for (Advertisement ad : now) {
            if (was.stream().noneMatch(w -> w.router().equals(ad.router()) && w.prefix().equals(ad.prefix()))) {
                steps.add(new ControlStep(ad.router(), "announce", ad.prefix().toString(), "withdrawn", "announced",
                        ad.router() + ": announce " + ad.prefix() + "; the WAN converges in about "
                                + (config.advertisementDelayNs() + config.spfDelayNs()) / 1_000_000 + " ms plus flooding"));
            }
        }
        return steps;
    }
}
