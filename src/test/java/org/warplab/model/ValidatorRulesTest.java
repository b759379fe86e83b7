package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.testing.Samples;

/**
 * One mistake a user can make, on a sample lab that validates clean: the validator reports it as an
 * error at the place of the document that holds it, in words that name the element, with a hint.
 * One row per rule of {@link NodeRules}, {@link LinkRules}, {@link SchemeRules} and
 * {@link MigrationRules}.
 */
class ValidatorRulesTest {

    private static final String PAGING = "paging-paper";
    private static final String MIP = "mipv6-paper";
    private static final String SEGMENTS = "segmentation-tenants";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // nodes
                row("a blank name", PAGING, lab -> node(lab, "R1", n -> n.withName(" ")), "nodes[3].name", "'R1' has no name"),
                row("a node and a link share an id", PAGING, lab -> lab.withLinks(withLinkId(lab, "W1", "R1")), "nodes[3].id", "also a link's id"),
                row("a VM outside its data center's LAN", PAGING, lab -> node(lab, "vm1", n -> vm(n, v -> new Vm(v.id(), v.name(), v.position(),
                        v.dataCenter(), List.of(IpAddress.parse("10.9.9.9")), v.mac(), v.memoryMiB(), v.diskGiB(), v.dirtyPagesPerSecond(), v.announce(),
                        v.runtime()))), "nodes[1].addresses[0]", "10.9.9.9 of VM 'vm1' is not in the LAN of 'PDC'"),
                row("a VM with a multicast MAC", PAGING, lab -> node(lab, "vm1", n -> vm(n, v -> new Vm(v.id(), v.name(), v.position(),
                        v.dataCenter(), v.addresses(), MacAddress.parse("01:00:5e:00:00:01"), v.memoryMiB(), v.diskGiB(), v.dirtyPagesPerSecond(),
                        v.announce(), v.runtime()))), "nodes[1].mac", "multicast"),
                row("a VM of 8 MiB", PAGING, lab -> node(lab, "vm1", n -> vm(n, v -> new Vm(v.id(), v.name(), v.position(), v.dataCenter(),
                        v.addresses(), v.mac(), 8, v.diskGiB(), v.dirtyPagesPerSecond(), v.announce(), v.runtime()))), "nodes[1].memoryMiB", "8 MiB"),
                row("a gateway outside the LAN", PAGING, lab -> node(lab, "PDC", n -> dataCenter(n, List.of(IpAddress.parse("172.17.0.1")))),
                        "nodes[0].gateway.addresses[0]", "172.17.0.1 of 'PDC' is not in its LAN prefix"),
                row("a client's gateway off its site", PAGING, lab -> node(lab, "U", n -> {
                    Client c = (Client) n;
                    return new Client(c.id(), c.name(), c.position(), c.addresses(), List.of(IpAddress.parse("10.2.0.1")));
                }), "nodes[8].gateways[0]", "10.2.0.1 of client 'U' is not on its site"),
                // links
                row("more jitter than delay", PAGING, lab -> link(lab, "W1", l -> l.withJitterNs(l.delayNs() + 1)), "links[2].jitterMs", "more jitter than delay"),
                row("loss that is not a number", PAGING, lab -> link(lab, "W1", l -> l.withLossPercent(Double.NaN)), "links[2].lossPercent", "loss NaN"),
                row("no bandwidth", PAGING, lab -> link(lab, "W3", l -> l.withBandwidthBps(0)), "links[4].bandwidthMbps", "'W3' has no bandwidth"),
                row("an IPv6 lab's MTU below 1280", MIP, lab -> link(lab, "W2", l -> l.withMtu(1000)), "links[3].mtu", "MTU 1000"),
                row("cost zero", PAGING, lab -> link(lab, "W4", l -> l.withCost(0)), "links[5].cost", "cost 0"),
                row("a LAN link between two routers", PAGING, lab -> link(lab, "W3", l -> kind(l, LinkKind.LAN)), "links[4].kind", "joins two routers"),
                row("a WAN link to a data center", PAGING, lab -> link(lab, "L1", l -> kind(l, LinkKind.WAN)), "links[0].kind", "WAN link 'L1' joins"),
                row("a link from a node to itself", PAGING, lab -> link(lab, "W3", l -> ends(l, "C1", "C1")), "links[4].b", "joins 'C1' to itself"),
                row("a link to nowhere", PAGING, lab -> link(lab, "W3", l -> ends(l, "C1", "C9")), "links[4].b", "node 'C9' does not exist"),
                row("two links, one id", PAGING, lab -> lab.withLinks(withLinkId(lab, "W5", "W4")), "links[6].id", "used by another link"),
                row("a WAN end in another subnet", PAGING, lab -> link(lab, "W1", l -> addresses(l, l.aAddresses(), List.of(InterfaceAddress.parse("10.0.9.2/30")))),
                        "links[2].bAddresses", "different subnets"),
                row("an IPv6 address at the b end only", PAGING, lab -> link(lab, "W1", l -> addresses(l, l.aAddresses(),
                        List.of(l.bAddresses().get(0), InterfaceAddress.parse("2001:db8:ff::2/64")))), "links[2].aAddresses", "IPv6 address at 'C1' only"),
                row("a WAN subnet overlapping a client site", PAGING, lab -> link(lab, "W1", l -> addresses(l, List.of(InterfaceAddress.parse("10.1.0.1/30")),
                        List.of(InterfaceAddress.parse("10.1.0.2/30")))), "nodes[8].addresses[0]", "overlaps 10.1.0.0/30"),
                // schemes
                row("paging onto its own prefix", PAGING, lab -> lab.withSchemeConfig(paging(lab, "172.16.0.0/16")), "schemes.network-paging.serverEdges[0].wanPrefix",
                        "maps 172.16.0.0/16 onto itself"),
                row("paging to a prefix of another length", PAGING, lab -> lab.withSchemeConfig(paging(lab, "172.15.0.0/24")),
                        "schemes.network-paging.serverEdges[0].wanPrefix", "changes the prefix length"),
                row("no capture at the destination", PAGING, lab -> node(lab, "ADC", n -> {
                    DataCenter d = (DataCenter) n;
                    return new DataCenter(d.id(), d.name(), d.position(), d.lanPrefixes(), d.gatewayAddresses(), d.gatewayMac(), d.storage(), false);
                }), "nodes[2].capturesAnnouncements", "nobody watches for announcements on 'ADC'"),
                row("a home agent off the home link", MIP, lab -> lab.withSchemeConfig(mobileIpv6(lab, "FR", 30_000_000L)), "schemes.mobile-ipv6.homeAgent",
                        "not attached to home network 'HOME'"),
                row("advertisements 0 ms apart", MIP, lab -> lab.withSchemeConfig(mobileIpv6(lab, "HA", 0)), "schemes.mobile-ipv6.raMinIntervalMs", "is not a range"),
                row("a VLAN id above 4094", SEGMENTS, lab -> lab.withSchemeConfig(segments(lab, SegmentIdKind.VLAN, 5001, 5002)),
                        "schemes.segmentation.segments[0].id", "VLAN id 5001, outside 1..4094"),
                row("two segments, one VNI", SEGMENTS, lab -> lab.withSchemeConfig(segments(lab, SegmentIdKind.VNI, 7, 7)),
                        "schemes.segmentation.segments[1].id", "share VNI 7"),
                // migrations and traffic
                row("a move to where the VM is", PAGING, lab -> migration(lab, m -> new Migration(m.id(), m.vm(), "PDC", m.atNs(), m.mode(), m.storage(),
                        m.downtimeLimitNs(), m.bandwidthCapBps(), m.maxRounds())), "migrations[0].to", "where it already is"),
                row("a move after the run", PAGING, lab -> migration(lab, m -> new Migration(m.id(), m.vm(), m.to(), lab.durationNs(), m.mode(), m.storage(),
                        m.downtimeLimitNs(), m.bandwidthCapBps(), m.maxRounds())), "migrations[0].atMs", "outside the run (0-"),
                row("a move without a management link", PAGING, lab -> lab.withLinks(lab.links().stream().filter(l -> !l.id().equals("M1")).toList()),
                        "migrations[0].to", "no management link joins 'PDC' and 'ADC'"),
                row("probes smaller than their headers", PAGING, lab -> flow(lab, f -> new ProbeFlow(f.id(), f.kind(), f.client(), f.vm(), 30, f.intervalNs(),
                        f.startNs(), f.stopNs())), "traffic[0].packetBytes", "30-byte packets"),
                row("a flow that stops before it starts", PAGING, lab -> flow(lab, f -> new ProbeFlow(f.id(), f.kind(), f.client(), f.vm(), f.packetBytes(),
                        f.intervalNs(), 2_000_000_000L, 1_000_000_000L)), "traffic[0].startMs", "starts at 2000 ms and stops at 1000 ms"));
    }

    private static Arguments row(String mistake, String sample, UnaryOperator<Lab> edit, String path, String words) {
        return Arguments.of(mistake, sample, edit, path, words);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsAnErrorWhereItIs(String mistake, String sample, UnaryOperator<Lab> edit, String path, String words) {
        Lab lab = Samples.lab(sample);
        assertEquals(List.of(), LabValidator.validate(lab).stream().filter(Problem::isError).toList(), sample + " validates clean");
        List<Problem> problems = LabValidator.validate(edit.apply(lab));
        assertTrue(problems.stream().anyMatch(p -> p.isError() && p.path().equals(path) && p.message().contains(words) && !p.hint().isBlank()),
                mistake + ": expected an error at " + path + " saying '" + words + "', got\n" + String.join("\n", problems.stream().map(Problem::toString).toList()));
    }

    // ---- edits -------------------------------------------------------------------------------

    private static Lab node(Lab lab, String id, UnaryOperator<Node> change) {
        return lab.replacingNode(change.apply(lab.node(id).orElseThrow()));
    }

    private static Node vm(Node node, UnaryOperator<Vm> change) {
        return change.apply((Vm) node);
    }

    private static Node dataCenter(Node node, List<IpAddress> gateways) {
        DataCenter d = (DataCenter) node;
        return new DataCenter(d.id(), d.name(), d.position(), d.lanPrefixes(), gateways, d.gatewayMac(), d.storage(), d.capturesAnnouncements());
    }

    private static Lab link(Lab lab, String id, UnaryOperator<Link> change) {
        return lab.replacingLink(change.apply(lab.link(id).orElseThrow()));
    }

    private static List<Link> withLinkId(Lab lab, String id, String newId) {
        List<Link> links = new ArrayList<>();
        for (Link l : lab.links()) {
            links.add(l.id().equals(id) ? new Link(newId, l.a(), l.b(), l.kind(), l.delayNs(), l.jitterNs(), l.bandwidthBps(), l.lossPercent(), l.mtu(),
                    l.cost(), l.aAddresses(), l.bAddresses()) : l);
        }
        return links;
    }

    private static Link kind(Link l, LinkKind kind) {
        return new Link(l.id(), l.a(), l.b(), kind, l.delayNs(), l.jitterNs(), l.bandwidthBps(), l.lossPercent(), l.mtu(), l.cost(), l.aAddresses(), l.bAddresses());
    }

    private static Link ends(Link l, String a, String b) {
        return new Link(l.id(), a, b, l.kind(), l.delayNs(), l.jitterNs(), l.bandwidthBps(), l.lossPercent(), l.mtu(), l.cost(), l.aAddresses(), l.bAddresses());
    }

    private static Link addresses(Link l, List<InterfaceAddress> a, List<InterfaceAddress> b) {
        return new Link(l.id(), l.a(), l.b(), l.kind(), l.delayNs(), l.jitterNs(), l.bandwidthBps(), l.lossPercent(), l.mtu(), l.cost(), a, b);
    }

    private static NetworkPaging paging(Lab lab, String wanPrefix) {
        NetworkPaging p = lab.schemeConfig(NetworkPaging.class).orElseThrow();
        NetworkPaging.Translation t = p.serverEdges().get(0);
        return new NetworkPaging(List.of(new NetworkPaging.Translation(t.router(), t.lanPrefix(), IpPrefix.parse(wanPrefix))), p.clientEdges(), p.trigger(),
                p.captureProcessingNs(), p.switchProcessingNs());
    }

    private static MobileIpv6 mobileIpv6(Lab lab, String homeAgent, long raMinNs) {
        MobileIpv6 m = lab.schemeConfig(MobileIpv6.class).orElseThrow();
        return new MobileIpv6(m.homeNetwork(), homeAgent, raMinNs, m.raMaxIntervalNs(), m.dad(), m.routeOptimization(), m.correspondents(), m.bindingLifetimeNs());
    }

    private static Segmentation segments(Lab lab, SegmentIdKind kind, long first, long second) {
        Segmentation s = lab.schemeConfig(Segmentation.class).orElseThrow();
        List<Segmentation.Segment> segments = List.of(new Segmentation.Segment(s.segments().get(0).name(), first, s.segments().get(0).members()),
                new Segmentation.Segment(s.segments().get(1).name(), second, s.segments().get(1).members()));
        return new Segmentation(kind, segments, s.endpoints(), s.gateway());
    }

    private static Lab migration(Lab lab, UnaryOperator<Migration> change) {
        return lab.withMigrations(List.of(change.apply(lab.migrations().get(0))));
    }

    private static Lab flow(Lab lab, UnaryOperator<ProbeFlow> change) {
        return lab.withTraffic(List.of(change.apply(lab.traffic().get(0))));
    }
}
