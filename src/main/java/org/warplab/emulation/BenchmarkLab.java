package org.warplab.emulation;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.AnnounceKind;
import org.warplab.model.AnnounceTrigger;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Ipv4Address;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.MacAddress;
import org.warplab.model.NetworkPaging;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.ProbeFlow;
import org.warplab.model.ProbeKind;
import org.warplab.model.Router;
import org.warplab.model.RouterRole;
import org.warplab.model.StorageKind;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;

/**
 * A large generated paging lab for the benchmark: {@code sites} data centers (each sharing
 * 172.16.0.0/16, translated to its own S' by its server edge) with 4 VMs each, {@code 2 × sites}
 * core routers in a ring with chords, a client site per data center, and {@code flows} G.711
 * probe flows spread over the clients and VMs. With 250 sites: 1,000 routers and 1,000 VMs.
 */
public final class BenchmarkLab {
    private BenchmarkLab() {
    }

    public static Lab generate(int sites, int flows, long durationNs) {
        return generate(sites, 4, flows, durationNs);
    }

    /**
     * The scenario measured side by side with ns-3 (issue 18): 64 routers and 16 VMs (16 sites, one
     * VM each), {@code flows} G.711 echo flows, {@code durationNs} of virtual time, no migration.
     */
    public static Lab peerScenario(int flows, long durationNs) {
        return generate(16, 1, flows, durationNs);
    }

    public static Lab generate(int sites, int vmsPerSite, int flows, long durationNs) {
        if (sites < 2 || sites > 250) {
            throw new IllegalArgumentException("sites must be 2..250");
        }
        if (vmsPerSite < 1 || vmsPerSite > 200) {
            throw new IllegalArgumentException("vmsPerSite must be 1..200");
        }
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        List<NetworkPaging.Translation> translations = new ArrayList<>();
        List<String> clientEdges = new ArrayList<>();
        IpPrefix lan = IpPrefix.parse("172.16.0.0/16");
        MacAddress gatewayMac = MacAddress.parse("02:00:00:00:00:01");
        IpAddress gateway = IpAddress.parse("172.16.0.1");
        int cores = 2 * sites;
        int[] linkCount = {0};
        for (int c = 0; c < cores; c++) {
            nodes.add(new Router("core" + c, "core" + c, Position.ORIGIN, RouterRole.CORE));
        }
        for (int c = 0; c < cores; c++) {
            links.add(wan(linkCount, "core" + c, "core" + ((c + 1) % cores)));
            links.add(wan(linkCount, "core" + c, "core" + ((c + 37) % cores)));
        }
        int vmCount = 0;
        for (int i = 0; i < sites; i++) {
            String dc = "dc" + i;
            nodes.add(new DataCenter(dc, dc, Position.ORIGIN, List.of(lan), List.of(gateway), gatewayMac, StorageKind.SHARED, true));
            nodes.add(new Router("edge" + i, "edge" + i, Position.ORIGIN, RouterRole.SERVER_EDGE));
            nodes.add(new Router("cedge" + i, "cedge" + i, Position.ORIGIN, RouterRole.CLIENT_EDGE));
            links.add(new Link("lan" + i, dc, "edge" + i, LinkKind.LAN, 50_000, 0, 10_000_000_000L, 0, 1500, 10, List.of(), List.of()));
            links.add(wan(linkCount, "edge" + i, "core" + (2 * i)));
            links.add(wan(linkCount, "cedge" + i, "core" + (2 * i + 1)));
            nodes.add(new Client("u" + i, "u" + i, Position.ORIGIN, List.of(new InterfaceAddress(Ipv4Address.of(11, 0, i, 10), 24)),
                    List.of(Ipv4Address.of(11, 0, i, 1))));
            links.add(new Link("site" + i, "u" + i, "cedge" + i, LinkKind.LAN, 50_000, 0, 1_000_000_000L, 0, 1500, 10, List.of(), List.of()));
            translations.add(new NetworkPaging.Translation("edge" + i, lan, IpPrefix.parse("20." + i + ".0.0/16")));
            clientEdges.add("cedge" + i);
            for (int v = 0; v < vmsPerSite; v++) {
                nodes.add(new Vm("vm" + vmCount, "vm" + vmCount, Position.ORIGIN, dc, List.of(Ipv4Address.of(172, 16, i, 10 + v)),
                        new MacAddress(0x52_54_00_00_00_00L + vmCount), 512, 8, 2000, AnnounceKind.RARP, VmRuntime.NAMESPACE));
                vmCount++;
            }
        }
        List<ProbeFlow> traffic = new ArrayList<>();
        for (int f = 0; f < flows; f++) {
            traffic.add(new ProbeFlow("p" + f, ProbeKind.UDP_ECHO, "u" + (f % sites), "vm" + ((f * 7) % vmCount), ProbeFlow.G711_PACKET_BYTES,
                    ProbeFlow.G711_INTERVAL_NS, (f * 1_000_003L) % ProbeFlow.G711_INTERVAL_NS, 0));
        }
        NetworkPaging paging = new NetworkPaging(translations, clientEdges, AnnounceTrigger.RARP, 200_000, 1_000_000);
        return new Lab("benchmark " + sites + " sites, " + flows + " flows", "generated", nodes, links, paging.kind(),
                List.of(paging), List.of(), traffic, durationNs);
    }

    private static Link wan(int[] counter, String a, String b) {
        int n = counter[0]++;
        int base = (n << 2);
        Ipv4Address aAddress = new Ipv4Address((10 << 24) | (base + 1));
        Ipv4Address bAddress = new Ipv4Address((10 << 24) | (base + 2));
        return new Link("w" + n, a, b, LinkKind.WAN, 2_000_000, 0, 10_000_000_000L, 0, 1500, 10,
                List.of(new InterfaceAddress(aAddress, 30)), List.of(new InterfaceAddress(bAddress, 30)));
    }
}
