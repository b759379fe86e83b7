package org.warplab.scheme;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Node;
import org.warplab.model.Router;

/** Who sits where: the router at the edge of each data center and client site, and the links between them. */
public final class Sites {

    private Sites() {
    }

    /** The router attached to {@code dataCenterId} by a LAN link (its gateway lives there). */
    public static Optional<Router> edgeOf(Lab lab, String dataCenterId) {
        return lanLinkOf(lab, dataCenterId).flatMap(l -> lab.node(l.other(dataCenterId), Router.class));
    }

    /** The LAN link between a data center or client and its edge router. */
    public static Optional<Link> lanLinkOf(Lab lab, String siteId) {
        return lab.links().stream()
                .filter(l -> l.kind() == LinkKind.LAN && l.touches(siteId))
                .filter(l -> lab.node(l.other(siteId), Router.class).isPresent())
                .findFirst();
    }

    /** The data centers attached to {@code routerId} by LAN links, in link order. */
    public static List<DataCenter> dataCentersAt(Lab lab, String routerId) {
        return lanNeighbours(lab, routerId, DataCenter.class);
    }

    /** The clients attached to {@code routerId} by LAN links, in link order. */
    public static List<Client> clientsAt(Lab lab, String routerId) {
        return lanNeighbours(lab, routerId, Client.class);
    }

    private static <T extends Node> List<T> lanNeighbours(Lab lab, String routerId, Class<T> type) {
        return lab.neighbours(routerId, LinkKind.LAN).stream().flatMap(id -> lab.node(id, type).stream()).toList();
    }

    /** Client site prefixes, advertised by the router each client is attached to. */
    public static List<Advertisement> clientSites(Lab lab) {
        List<Advertisement> ads = new ArrayList<>();
        for (Client client : lab.clients()) {
            Optional<Link> link = lanLinkOf(lab, client.id());
            if (link.isEmpty()) {
                continue;
            }
            for (InterfaceAddress address : client.addresses()) {
                ads.add(new Advertisement(link.get().other(client.id()), address.subnet(), "client site of " + client.id()));
            }
        }
        return ads;
    }

    /** Each data center's prefixes, advertised untranslated by its edge router. */
    public static List<Advertisement> dataCenterPrefixes(Lab lab, DataCenter dc) {
        List<Advertisement> ads = new ArrayList<>();
        edgeOf(lab, dc.id()).ifPresent(edge -> dc.lanPrefixes().forEach(p ->
                ads.add(new Advertisement(edge.id(), p, "LAN of " + dc.id()))));
        return ads;
    }

    /**
     * The prefixes a router holds on its own interfaces: WAN link subnets, client sites, and (when
     * {@code withDataCenters}) the LANs of its data centers. No static route may shadow them.
     */
    public static Set<IpPrefix> localPrefixes(Lab lab, String routerId, boolean withDataCenters) {
        Set<IpPrefix> prefixes = new LinkedHashSet<>();
        for (Link link : lab.linksOf(routerId)) {
            if (link.kind() == LinkKind.WAN) {
                link.addressesOf(routerId).forEach(a -> prefixes.add(a.subnet()));
            }
        }
        clientsAt(lab, routerId).forEach(c -> c.addresses().forEach(a -> prefixes.add(a.subnet())));
        if (withDataCenters) {
            dataCentersAt(lab, routerId).forEach(dc -> prefixes.addAll(dc.lanPrefixes()));
        }
        return prefixes;
    }
}
