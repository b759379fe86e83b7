package org.warplab.edit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.warplab.model.AnnounceKind;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.EthernetSwitch;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.MacAddress;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.Router;
import org.warplab.model.RouterRole;
import org.warplab.model.SchemeKind;
import org.warplab.model.StorageKind;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;

/**
 * Makes new nodes and links with sensible, free addresses, so a drawing is a working lab before the
 * user types anything: a data center gets the next free /16 LAN with gateway .0.1 (or, under network
 * paging and the L2 baselines, the same subnet and gateway as the others, as those schemes need), a
 * VM the next free address of its data center and a unique MAC, a client the next free site /24, a
 * WAN link the next free 10.0.k.0/30 on both ends, a management link the next 192.168.k.0/24.
 */
public final class ElementFactory {

    public static final long LAN_DELAY_NS = 50_000L;
    public static final long WAN_DELAY_NS = 2_000_000L;
    public static final long MANAGEMENT_DELAY_NS = 1_000_000L;
    public static final long TEN_GBPS = 10_000_000_000L;
    public static final long ONE_GBPS = 1_000_000_000L;
    /** Data-center interconnects carry whole VM memories; the paper's were 10 Gbit/s. */
    public static final long MANAGEMENT_BANDWIDTH_BPS = 10_000_000_000L;

    private static final IpPrefix FIRST_DC_LAN = IpPrefix.parse("172.16.0.0/16");
    private static final long GATEWAY_MAC_BASE = 0x02_00_00_00_00_00L;
    private static final long VM_MAC_BASE = 0x52_54_00_00_00_00L;

    private ElementFactory() {
    }

    /** The palette's entries: what a user can drop on the canvas. */
    public enum Kind {
        DATA_CENTER("Data center"),
        VM("VM"),
        SERVER_EDGE_ROUTER("Server-edge router"),
        CORE_ROUTER("Core router"),
        CLIENT_EDGE_ROUTER("Client-edge router"),
        CLIENT("Client"),
        SWITCH("Switch");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The id prefix of each kind: R for edge routers, C for core routers, as in the paper's figures. */
    static String idPrefix(Kind kind) {
        return switch (kind) {
            case DATA_CENTER -> "DC";
            case VM -> "vm";
            case SERVER_EDGE_ROUTER, CLIENT_EDGE_ROUTER -> "R";
            case CORE_ROUTER -> "C";
            case CLIENT -> "U";
            case SWITCH -> "SW";
        };
    }

    /**
     * A new node of {@code kind} at {@code at}. A VM needs {@code dataCenter}, the data center it was
     * dropped into.
     */
    public static Node create(Lab lab, Kind kind, Position at, String dataCenter) {
        String id = lab.freshId(idPrefix(kind));
        return switch (kind) {
            case DATA_CENTER -> newDataCenter(lab, id, at);
            case VM -> newVm(lab, id, at, dataCenter);
            case SERVER_EDGE_ROUTER -> new Router(id, id, at, RouterRole.SERVER_EDGE);
            case CORE_ROUTER -> new Router(id, id, at, RouterRole.CORE);
            case CLIENT_EDGE_ROUTER -> new Router(id, id, at, RouterRole.CLIENT_EDGE);
            case CLIENT -> newClient(lab, id, at);
            case SWITCH -> new EthernetSwitch(id, id, at);
        };
    }

    private static DataCenter newDataCenter(Lab lab, String id, Position at) {
        List<DataCenter> existing = lab.dataCenters();
        boolean sharedSubnet = lab.scheme() == SchemeKind.NETWORK_PAGING || lab.scheme() == SchemeKind.L2_EXTENSION;
        if (sharedSubnet && !existing.isEmpty()) {
            DataCenter first = existing.get(0);
            return new DataCenter(id, id, at, first.lanPrefixes(), first.gatewayAddresses(), first.gatewayMac(),
                    first.storage(), first.capturesAnnouncements());
        }
        IpPrefix lan = nextFree(FIRST_DC_LAN, usedPrefixes(lab));
        Set<Long> macs = new HashSet<>();
        existing.forEach(dc -> macs.add(dc.gatewayMac().bits()));
        long mac = GATEWAY_MAC_BASE + 1;
        while (macs.contains(mac)) {
            mac++;
        }
        return new DataCenter(id, id, at, List.of(lan), List.of(lan.host(1)), new MacAddress(mac), StorageKind.SHARED,
                lab.scheme() == SchemeKind.NETWORK_PAGING);
    }

    private static Vm newVm(Lab lab, String id, Position at, String dataCenterId) {
        DataCenter dc = lab.node(dataCenterId, DataCenter.class)
                .orElseThrow(() -> new IllegalArgumentException("a VM must be dropped into a data center"));
        Set<IpAddress> used = new HashSet<>(dc.gatewayAddresses());
        lab.vms().forEach(v -> used.addAll(v.addresses()));
        List<IpAddress> addresses = new ArrayList<>();
        for (IpPrefix prefix : dc.lanPrefixes()) {
            firstFreeHost(prefix, used, 2).ifPresent(addresses::add);
        }
        Set<Long> macs = new HashSet<>();
        lab.vms().forEach(v -> macs.add(v.mac().bits()));
        long mac = VM_MAC_BASE + 1;
        while (macs.contains(mac)) {
            mac++;
        }
        return new Vm(id, id, at, dc.id(), addresses, new MacAddress(mac), 512, 8, 2000, AnnounceKind.RARP,
                VmRuntime.NAMESPACE);
    }

    private static Client newClient(Lab lab, String id, Position at) {
        Set<IpPrefix> sites = new HashSet<>();
        lab.clients().forEach(c -> c.addresses().forEach(a -> sites.add(a.subnet())));
        for (int k = 1; k < 256; k++) {
            IpPrefix site = IpPrefix.parse("10." + k + ".0.0/24");
            if (!sites.contains(site) && usedPrefixes(lab).stream().noneMatch(site::overlaps)) {
                return new Client(id, id, at, List.of(new InterfaceAddress(site.host(10), 24)), List.of(site.host(1)));
            }
        }
        return new Client(id, id, at, List.of(), List.of());
    }

    /**
     * The link a connection from {@code a} to {@code b} makes, or empty with the reason in
     * {@code refusal}: a VM is reached through its data center's LAN, never linked directly.
     */
    public static Optional<Link> connect(Lab lab, String a, String b, StringBuilder refusal) {
        Node na = lab.node(a).orElse(null);
        Node nb = lab.node(b).orElse(null);
        if (na == null || nb == null) {
            refusal.append("both ends must be nodes of the lab");
            return Optional.empty();
        }
        if (a.equals(b)) {
            refusal.append("a link needs two different nodes");
            return Optional.empty();
        }
        if (na instanceof Vm || nb instanceof Vm) {
            refusal.append("a VM is on its data center's LAN: connect the data center instead");
            return Optional.empty();
        }
        if (lab.links().stream().anyMatch(l -> l.touches(a) && l.touches(b))) {
            refusal.append(a + " and " + b + " are already linked");
            return Optional.empty();
        }
        LinkKind kind = kindBetween(na, nb);
        return Optional.of(switch (kind) {
            case WAN -> {
                InterfaceAddress[] ends = nextPointToPoint(lab, "10.0.", 30);
                yield new Link(lab.freshId("W"), a, b, kind, WAN_DELAY_NS, 0, TEN_GBPS, 0, Link.DEFAULT_MTU,
                        Link.DEFAULT_COST, List.of(ends[0]), List.of(ends[1]));
            }
            case MANAGEMENT -> {
                InterfaceAddress[] ends = nextPointToPoint(lab, "192.168.", 24);
                yield new Link(lab.freshId("M"), a, b, kind, MANAGEMENT_DELAY_NS, 0, MANAGEMENT_BANDWIDTH_BPS, 0, Link.DEFAULT_MTU,
                        Link.DEFAULT_COST, List.of(ends[0]), List.of(ends[1]));
            }
            case LAN -> new Link(lab.freshId("L"), a, b, kind, LAN_DELAY_NS, 0,
                    na instanceof Client || nb instanceof Client ? ONE_GBPS : TEN_GBPS, 0, Link.DEFAULT_MTU,
                    Link.DEFAULT_COST, List.of(), List.of());
        });
    }

    /** Routers join over the WAN, data centers over their management link, anything else within a site. */
    public static LinkKind kindBetween(Node a, Node b) {
        if (a instanceof Router && b instanceof Router) {
            return LinkKind.WAN;
        }
        if (a instanceof DataCenter && b instanceof DataCenter) {
            return LinkKind.MANAGEMENT;
        }
        return LinkKind.LAN;
    }

    /**
     * The two ends .1 and .2 of the first free {@code base}k.0/len (k = 1, 2, ...), as in the paper's
     * figures; when those are all taken, the first free /len inside {@code base}k.0/24, packed.
     */
    private static InterfaceAddress[] nextPointToPoint(Lab lab, String base, int length) {
        List<IpPrefix> used = usedPrefixes(lab);
        // a prefix of the same length overlaps only itself: look those up, scan only the others
        Set<IpPrefix> sameLength = new HashSet<>();
        List<IpPrefix> others = new ArrayList<>();
        for (IpPrefix p : used) {
            if (p.length() == length) {
                sameLength.add(p);
            } else {
                others.add(p);
            }
        }
        long step = 1L << (32 - length);
        for (long offset = 0; offset < 256; offset += step) {
            for (int k = 1; k < 256; k++) {
                IpPrefix candidate = IpPrefix.parse(base + k + "." + offset + "/" + length);
                if (!sameLength.contains(candidate) && others.stream().noneMatch(candidate::overlaps)) {
                    return new InterfaceAddress[] {new InterfaceAddress(candidate.host(1), length),
                        new InterfaceAddress(candidate.host(2), length)};
                }
            }
        }
        throw new IllegalStateException("no free /" + length + " left in " + base + "0.0/16 for a new link");
    }

    /** Every prefix the lab uses: LANs, link subnets, client sites. */
    static List<IpPrefix> usedPrefixes(Lab lab) {
        List<IpPrefix> used = new ArrayList<>();
        lab.dataCenters().forEach(dc -> used.addAll(dc.lanPrefixes()));
        for (Link link : lab.links()) {
            link.aAddresses().forEach(a -> used.add(a.subnet()));
            link.bAddresses().forEach(a -> used.add(a.subnet()));
        }
        lab.clients().forEach(c -> c.addresses().forEach(a -> used.add(a.subnet())));
        return used;
    }

    /** {@code start}, or the first prefix of its length after it that overlaps nothing used. */
    private static IpPrefix nextFree(IpPrefix start, List<IpPrefix> used) {
        IpPrefix candidate = start;
        for (int i = 0; i < 4096; i++) {
            IpPrefix c = candidate;
            if (used.stream().noneMatch(c::overlaps)) {
                return c;
            }
            candidate = new IpPrefix(c.network().withValue(c.network().toBigInteger().add(c.size())), c.length());
        }
        throw new IllegalStateException("no free " + start.length() + "-bit prefix after " + start);
    }

    private static Optional<IpAddress> firstFreeHost(IpPrefix prefix, Set<IpAddress> used, long from) {
        BigInteger last = prefix.size().subtract(BigInteger.TWO);
        long limit = last.min(BigInteger.valueOf(1_000_000)).longValue();
        for (long n = from; n <= limit; n++) {
            IpAddress candidate = prefix.host(n);
            if (!used.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The prefix just below {@code lan} (172.16.0.0/16 → 172.15.0.0/16): the paper's S' for S. */
    public static IpPrefix translatedPrefix(IpPrefix lan) {
        BigInteger below = lan.network().toBigInteger().subtract(lan.size());
        if (below.signum() < 0) {
            below = lan.network().toBigInteger().add(lan.size());
        }
        return new IpPrefix(lan.network().withValue(below), lan.length());
    }
}
