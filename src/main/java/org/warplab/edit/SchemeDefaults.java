package org.warplab.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.model.AnnounceTrigger;
import org.warplab.model.Client;
import org.warplab.model.DadMode;
import org.warplab.model.DataCenter;
import org.warplab.model.IpFamily;
import org.warplab.model.Lab;
import org.warplab.model.LinkKind;
import org.warplab.model.Migration;
import org.warplab.model.MigrationMode;
import org.warplab.model.MobileIpv6;
import org.warplab.model.NetworkPaging;
import org.warplab.model.ProbeFlow;
import org.warplab.model.ProbeKind;
import org.warplab.model.Router;
import org.warplab.model.RouterRole;
import org.warplab.model.SchemeConfig;
import org.warplab.model.SchemeKind;
import org.warplab.model.SegmentGateway;
import org.warplab.model.SegmentIdKind;
import org.warplab.model.Segmentation;
import org.warplab.model.StorageKind;
import org.warplab.model.StorageMode;
import org.warplab.model.Vm;

/**
 * First settings for a scheme the user picks, read off the drawing: network paging translates at
 * the server edge of the data center where the first VM starts and switches at every client edge;
 * segmentation puts every VM and client in one segment with every site's edge router as an endpoint; Mobile
 * IPv6 takes the first data center with an IPv6 LAN as home network. The user edits from there.
 */
public final class SchemeDefaults {

    public static final long DEFAULT_MIGRATION_AT_NS = 1_000_000_000L;

    private SchemeDefaults() {
    }

    public static SchemeConfig forScheme(Lab lab, SchemeKind kind) {
        Optional<SchemeConfig> existing = lab.schemes().stream().filter(s -> s.kind() == kind).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        return switch (kind) {
            case NETWORK_PAGING -> paging(lab);
            case SEGMENTATION -> segmentation(lab);
            case MOBILE_IPV6 -> mobileIpv6(lab);
            default -> SchemeConfig.defaultFor(kind).orElseThrow();
        };
    }

    private static List<String> routers(Lab lab, RouterRole role) {
        return lab.routers().stream().filter(r -> r.role() == role).map(Router::id).toList();
    }

    /** The server-edge routers on a data center's LAN. */
    private static List<String> edgesOf(Lab lab, String dataCenter) {
        return lab.neighbours(dataCenter, LinkKind.LAN).stream()
                .filter(id -> lab.node(id, Router.class).map(r -> r.role() == RouterRole.SERVER_EDGE).orElse(false))
                .toList();
    }

    private static NetworkPaging paging(Lab lab) {
        List<NetworkPaging.Translation> translations = new ArrayList<>();
        Optional<DataCenter> source = lab.vms().stream().findFirst()
                .flatMap(vm -> lab.node(vm.dataCenter(), DataCenter.class))
                .or(() -> lab.dataCenters().stream().findFirst());
        source.ifPresent(dc -> dc.lanPrefix(IpFamily.IPV4).ifPresent(lan -> edgesOf(lab, dc.id()).forEach(edge ->
                translations.add(new NetworkPaging.Translation(edge, lan, ElementFactory.translatedPrefix(lan))))));
        return new NetworkPaging(translations, routers(lab, RouterRole.CLIENT_EDGE), AnnounceTrigger.RARP,
                200_000L, 1_000_000L);
    }

    private static Segmentation segmentation(Lab lab) {
        List<String> members = new ArrayList<>();
        lab.vms().forEach(v -> members.add(v.id()));
        lab.clients().forEach(c -> members.add(c.id()));
        // A segment reaches every site its members are at: the data centers' edges and the clients' edges.
        java.util.Set<String> endpoints = new java.util.LinkedHashSet<>();
        lab.dataCenters().forEach(dc -> endpoints.addAll(attachedRouters(lab, dc.id())));
        lab.clients().forEach(c -> endpoints.addAll(attachedRouters(lab, c.id())));
        return new Segmentation(SegmentIdKind.VNI, List.of(new Segmentation.Segment("tenant-a", 100, members)),
                List.copyOf(endpoints), SegmentGateway.EVERY_SITE);
    }

    /** The routers a site (data center or client) is attached to by LAN links. */
    private static List<String> attachedRouters(Lab lab, String siteId) {
        return lab.neighbours(siteId, LinkKind.LAN).stream().filter(id -> lab.node(id, Router.class).isPresent()).toList();
    }

    private static MobileIpv6 mobileIpv6(Lab lab) {
        DataCenter home = lab.dataCenters().stream().filter(dc -> dc.lanPrefix(IpFamily.IPV6).isPresent()).findFirst()
                .or(() -> lab.dataCenters().stream().findFirst()).orElse(null);
        String homeNetwork = home == null ? "" : home.id();
        String homeAgent = home == null ? "" : edgesOf(lab, home.id()).stream().findFirst().orElse("");
        return new MobileIpv6(homeNetwork, homeAgent, MobileIpv6.DEFAULT_RA_MIN_NS, MobileIpv6.DEFAULT_RA_MAX_NS,
                DadMode.OPTIMISTIC, false, List.of(), 60_000_000_000L);
    }

    /** A migration of the first VM that is not planned yet to another data center, one second into the run. */
    public static Optional<Migration> newMigration(Lab lab) {
        for (Vm vm : lab.vms()) {
            Optional<DataCenter> to = lab.dataCenters().stream().filter(dc -> !dc.id().equals(vm.dataCenter())).findFirst();
            if (to.isPresent()) {
                boolean shared = to.get().storage() == StorageKind.SHARED && lab.node(vm.dataCenter(), DataCenter.class)
                        .map(dc -> dc.storage() == StorageKind.SHARED).orElse(false);
                return Optional.of(new Migration(lab.freshId("MIG"), vm.id(), to.get().id(), DEFAULT_MIGRATION_AT_NS,
                        MigrationMode.LIVE, shared ? StorageMode.SHARED : StorageMode.COPY,
                        Migration.DEFAULT_DOWNTIME_LIMIT_NS, 0, Migration.DEFAULT_MAX_ROUNDS));
            }
        }
        return Optional.empty();
    }

    /** The G.711-like UDP probe from the first client to the first VM. */
    public static Optional<ProbeFlow> newProbe(Lab lab) {
        Optional<Client> client = lab.clients().stream().findFirst();
        Optional<Vm> vm = lab.vms().stream().findFirst();
        if (client.isEmpty() || vm.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProbeFlow(lab.freshId("P"), ProbeKind.UDP_ECHO, client.get().id(), vm.get().id(),
                ProbeFlow.G711_PACKET_BYTES, ProbeFlow.G711_INTERVAL_NS, 0, 0));
    }
}
