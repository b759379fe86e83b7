package org.warplab.config;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.EthernetSwitch;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Router;
import org.warplab.scheme.ControlStep;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.LabState;
import org.warplab.scheme.NetworkPagingScheme;
import org.warplab.scheme.PrefixTranslation;
import org.warplab.scheme.Route;
import org.warplab.scheme.VmLocation;

/** Network paging: nftables translation at the server edges, the location map and its switches at the client edges. */
record PagingFiles(Lab lab, NetworkPagingScheme scheme) implements SchemeFiles {

    @Override
    public void router(Router router, LabState state, DeviceConfig device, List<Route> routes, List<ControlStep> steps) {
        List<PrefixTranslation> mine = scheme.translations(lab).stream().filter(t -> t.router().equals(router.id())).toList();
        if (!mine.isEmpty()) {
            for (PrefixTranslation t : mine) {
                device.ip().line("route add blackhole " + t.wanPrefix() + "  # S' of " + t.dataCenter()
                        + ": held here so FRR can announce it; nft maps it to " + t.lanPrefix() + " before routing");
            }
            device.add("nft/paging.nft", Nftables.serverEdge(router.id(), mine), "stateless S <-> S' translation of the server edge",
                    "nft -f nft/paging.nft");
        }
        if (scheme.config().clientEdges().contains(router.id())) {
            clientEdge(router, state, device, steps);
        }
    }

    private void clientEdge(Router router, LabState state, DeviceConfig device, List<ControlStep> steps) {
        List<PrefixTranslation> all = scheme.translations(lab);
        List<String> clientPorts = new ArrayList<>();
        for (Link link : lab.linksOf(router.id())) {
            if (link.kind() == LinkKind.LAN && lab.node(link.other(router.id())).filter(n -> n instanceof Client || n instanceof EthernetSwitch).isPresent()) {
                clientPorts.add(InterfaceNames.linkEnd(link));
            }
        }
        List<Nftables.DataCenterChain> chains = new ArrayList<>();
        for (DataCenter dc : lab.dataCenters()) {
            for (IpPrefix p : dc.lanPrefixes()) {
                if (all.stream().anyMatch(t -> t.lanPrefix().equals(p))) {
                    chains.add(new Nftables.DataCenterChain(dc.id(), p, scheme.translationOf(lab, dc.id(), p).orElse(null)));
                }
            }
        }
        List<VmLocation> locations = scheme.locations(lab, state.placement()).stream().filter(l -> l.clientEdge().equals(router.id())).toList();
        device.add("nft/paging.nft", Nftables.clientEdge(router.id(), clientPorts, chains, all, locations),
                "client-edge translation driven by the VM location map", "nft -f nft/paging.nft");
        if (state.migration().isEmpty()) {
            return;
        }
        List<VmLocation> old = scheme.locations(lab, state.previous().orElseThrow());
        StringBuilder text = new StringBuilder();
        text.append("# ").append(router.id()).append(": the switch for migration ").append(state.migration().get().id())
                .append(", run by the announcement watcher's message:\n");
        steps.stream().filter(s -> s.device().equals(router.id())).forEach(s -> text.append("#   ").append(s.description()).append("\n"));
        text.append("# one transaction: nft -f THIS_FILE, or feed the two lines to a long-lived 'nft -i'\n");
        for (VmLocation now : locations) {
            if (now.vm().equals(state.migration().get().vm())) {
                VmLocation was = old.stream().filter(l -> l.clientEdge().equals(router.id()) && l.vmAddress().equals(now.vmAddress()))
                        .findFirst().orElseThrow();
                text.append(Nftables.switchCommands(was, now));
            }
        }
        device.add("nft/switch-" + state.migration().get().id() + ".nft", text.toString(),
                "the one-element location switch that led to this state (before -> after)", null);
    }
}
