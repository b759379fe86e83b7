package org.warplab.scheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Migration;
import org.warplab.model.NetworkPaging;
import org.warplab.model.Vm;

/**
 * Network paging (paper 000): each listed server edge translates its data center's S to its own
 * S' keeping host bits, and advertises S'; an untranslated data center's S is advertised by its
 * edge as is. Every client edge keeps a location table (VM address to data center) and sends
 * traffic for a VM to the address the VM has on the WAN where it is now. A migration changes one
 * entry per client edge; the WAN's routing never changes.
 */
public record NetworkPagingScheme(NetworkPaging config) implements MobilityScheme {

    @Override
    public <T> T parts(Parts<T> parts) {
        return parts.paging(this);
    }

    /**
     * Where the capture program sends a configuration message for {@code clientEdge}: the address the
     * edge's clients use as their gateway, else its first IPv4 WAN address. Emulated and live runs
     * both send there, so the message crosses the same links in both.
     */
    public static Optional<IpAddress> configurationAddress(Lab lab, String clientEdge) {
        for (Link link : lab.linksOf(clientEdge)) {
            if (link.kind() == LinkKind.LAN) {
                Optional<IpAddress> gateway = lab.node(link.other(clientEdge), Client.class)
                        .flatMap(c -> c.gateway(IpFamily.IPV4));
                if (gateway.isPresent()) {
                    return gateway;
                }
            }
        }
        return lab.linksOf(clientEdge).stream().filter(l -> l.kind() == LinkKind.WAN)
                .flatMap(l -> l.addressesOf(clientEdge).stream()).filter(a -> a.family() == IpFamily.IPV4)
                .map(InterfaceAddress::address).findFirst();
    }

    /** The translations, with the data center and LAN interface each applies to. */
    public List<PrefixTranslation> translations(Lab lab) {
        List<PrefixTranslation> result = new ArrayList<>();
        for (NetworkPaging.Translation t : config.serverEdges()) {
            for (DataCenter dc : Sites.dataCentersAt(lab, t.router())) {
                if (dc.lanPrefixes().contains(t.lanPrefix())) {
                    String lanInterface = Sites.lanLinkOf(lab, dc.id()).map(InterfaceNames::linkEnd).orElseThrow();
                    result.add(new PrefixTranslation(t.router(), dc.id(), lanInterface, t.lanPrefix(), t.wanPrefix()));
                }
            }
        }
        return result;
    }

    /** The translation applied to traffic of {@code dataCenterId} for {@code prefix}, if its edge translates it. */
    public Optional<PrefixTranslation> translationOf(Lab lab, String dataCenterId, IpPrefix prefix) {
        return translations(lab).stream().filter(t -> t.dataCenter().equals(dataCenterId) && t.lanPrefix().equals(prefix)).findFirst();
    }

    @Override
    public List<Advertisement> advertisements(Lab lab, Placement placement) {
        List<Advertisement> ads = new ArrayList<>(MobilityScheme.commonAdvertisements(lab));
        for (DataCenter dc : lab.dataCenters()) {
            Optional<org.warplab.model.Router> edge = Sites.edgeOf(lab, dc.id());
            if (edge.isEmpty()) {
                continue;
            }
            for (IpPrefix prefix : dc.lanPrefixes()) {
                Optional<PrefixTranslation> t = translationOf(lab, dc.id(), prefix);
                ads.add(t.isPresent()
                        ? new Advertisement(edge.get().id(), t.get().wanPrefix(), dc.id() + "'s " + prefix + " translated")
                        : new Advertisement(edge.get().id(), prefix, "LAN of " + dc.id() + " (untranslated)"));
            }
        }
        return ads;
    }

    /** Every client edge's table: each VM address in a paged prefix, where it is and how it is reached. */
    public List<VmLocation> locations(Lab lab, Placement placement) {
        List<VmLocation> locations = new ArrayList<>();
        for (String clientEdge : config.clientEdges()) {
            for (Vm vm : lab.vms()) {
                String dcId = placement.of(vm.id());
                DataCenter dc = lab.node(dcId, DataCenter.class).orElseThrow();
                for (IpAddress address : vm.addresses()) {
                    if (!isPaged(address)) {
                        continue;
                    }
                    IpAddress onWan = dc.lanPrefixes().stream().filter(p -> p.contains(address)).findFirst()
                            .flatMap(p -> translationOf(lab, dcId, p))
                            .map(t -> t.lanPrefix().translate(address, t.wanPrefix()))
                            .orElse(address);
                    locations.add(new VmLocation(clientEdge, vm.id(), address, dcId, onWan));
                }
            }
        }
        return locations;
    }

    /** Whether {@code address} is in a translated LAN prefix S, so client edges track where it is. */
    public boolean isPaged(IpAddress address) {
        return config.serverEdges().stream().anyMatch(t -> t.lanPrefix().contains(address));
    }

    @Override
    public SchemeState state(Lab lab, Placement placement) {
        return new SchemeState.Paging(translations(lab), locations(lab, placement));
    }

    @Override
    public List<ControlStep> steps(Lab lab, Placement before, Migration migration) {
        Placement after = before.after(migration);
        List<VmLocation> old = locations(lab, before);
        List<ControlStep> steps = new ArrayList<>();
        for (VmLocation now : locations(lab, after)) {
            if (!now.vm().equals(migration.vm())) {
                continue;
            }
            VmLocation was = old.stream().filter(l -> l.clientEdge().equals(now.clientEdge()) && l.vmAddress().equals(now.vmAddress()))
                    .findFirst().orElseThrow();
            steps.add(new ControlStep(now.clientEdge(), "set-location", now.vmAddress().toString(), was.dataCenter(), now.dataCenter(),
                    "client edge " + now.clientEdge() + ": location of " + now.vmAddress() + " -> " + now.dataCenter()
                            + " (reached at " + now.wanAddress() + ")"));
        }
        return steps;
    }
}
