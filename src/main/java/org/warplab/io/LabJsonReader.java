package org.warplab.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.model.AnnounceKind;
import org.warplab.model.AnnounceTrigger;
import org.warplab.model.Client;
import org.warplab.model.DadMode;
import org.warplab.model.DataCenter;
import org.warplab.model.EthernetSwitch;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Ipv4Address;
import org.warplab.model.Keyed;
import org.warplab.model.L2Extension;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.MacAddress;
import org.warplab.model.Migration;
import org.warplab.model.MigrationMode;
import org.warplab.model.MobileIpv6;
import org.warplab.model.NetworkPaging;
import org.warplab.model.NoScheme;
import org.warplab.model.Node;
import org.warplab.model.NodeKind;
import org.warplab.model.Position;
import org.warplab.model.ProbeFlow;
import org.warplab.model.ProbeKind;
import org.warplab.model.RoutingMove;
import org.warplab.model.Router;
import org.warplab.model.RouterRole;
import org.warplab.model.SchemeConfig;
import org.warplab.model.SchemeKind;
import org.warplab.model.SegmentGateway;
import org.warplab.model.SegmentIdKind;
import org.warplab.model.Segmentation;
import org.warplab.model.StorageKind;
import org.warplab.model.StorageMode;
import org.warplab.model.Testbed;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;
import org.warplab.model.lesson.Lesson;

/** Turns the JSON tree of a lab file into a {@link Lab}, collecting every structural problem. */
final class LabJsonReader {

    private static final IpPrefix NO_PREFIX = new IpPrefix(new Ipv4Address(0), 0);

    private final List<JsonIn.PathProblem> problems = new ArrayList<>();
    private final int formatVersion;

    LabJsonReader(int formatVersion) {
        this.formatVersion = formatVersion;
    }

    List<JsonIn.PathProblem> problems() {
        return problems;
    }

    Lab read(JsonNode root) {
        JsonIn lab = JsonIn.object(root, "", problems);
        String name = lab.string("name");
        String description = lab.string("description", "");
        long durationNs = lab.millis("durationMs");
        List<Node> nodes = new ArrayList<>();
        for (JsonIn.Element element : lab.array("nodes", true)) {
            Node node = readNode(JsonIn.object(element.node(), element.path(), problems));
            if (node != null) {
                nodes.add(node);
            }
        }
        List<Link> links = new ArrayList<>();
        for (JsonIn.Element element : lab.array("links", true)) {
            links.add(readLink(JsonIn.object(element.node(), element.path(), problems)));
        }
        SchemeKind scheme = lab.choice("scheme", SchemeKind.class, SchemeKind.NONE);
        List<SchemeConfig> schemes = lab.has("schemes") ? readSchemes(lab.child("schemes")) : List.of();
        List<Migration> migrations = new ArrayList<>();
        for (JsonIn.Element element : lab.array("migrations", false)) {
            migrations.add(readMigration(JsonIn.object(element.node(), element.path(), problems)));
        }
        List<ProbeFlow> traffic = new ArrayList<>();
        for (JsonIn.Element element : lab.array("traffic", false)) {
            traffic.add(readFlow(JsonIn.object(element.node(), element.path(), problems)));
        }
        Testbed testbed = section(lab, "testbed") ? lab.choice("testbed", Testbed.class, Testbed.IDEAL) : Testbed.IDEAL;
        Optional<Lesson> lesson = section(lab, "lesson") ? Optional.of(LessonJson.readLesson(lab.child("lesson"), problems)) : Optional.empty();
        lab.has("formatVersion");
        lab.rejectUnknown();
        return new Lab(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, testbed, lesson);
    }

    /** Whether the optional section {@code key} is there to read; a section newer than the file's version is a located problem. */
    private boolean section(JsonIn lab, String key) {
        if (!lab.has(key)) {
            return false;
        }
        FormatVersions.newerThan(key, formatVersion).ifPresent(s -> lab.problem(key, "\"" + key + "\" (" + s.description()
                + ") exists since format version " + s.since() + ", but this file says \"formatVersion\": " + formatVersion
                + "; set it to " + s.since()));
        return true;
    }

    private Node readNode(JsonIn in) {
        String id = in.string("id");
        String kindText = in.string("kind");
        String name = in.string("name", id);
        Position position = new Position(in.real("x", 0), in.real("y", 0));
        NodeKind kind = Keyed.byKey(NodeKind.class, kindText).orElse(null);
        if (kind == null) {
            if (!kindText.isEmpty()) {
                in.problem("kind", "'" + kindText + "' is not a node kind; expected one of: " + Keyed.keys(NodeKind.class));
            }
            return null;
        }
        Node node = switch (kind) {
            case DATA_CENTER -> {
                List<IpPrefix> prefixes = in.parsedList("lanPrefixes", IpPrefix::parse);
                JsonIn gateway = in.child("gateway");
                List<IpAddress> gatewayAddresses = gateway.parsedList("addresses", IpAddress::parse);
                MacAddress gatewayMac = gateway.parsed("mac", MacAddress::parse, new MacAddress(0));
                gateway.rejectUnknown();
                yield new DataCenter(id, name, position, prefixes, gatewayAddresses, gatewayMac,
                        in.choice("storage", StorageKind.class, StorageKind.SHARED), in.bool("capturesAnnouncements", false));
            }
            case ROUTER -> new Router(id, name, position, in.choice("role", RouterRole.class));
            case CLIENT -> new Client(id, name, position, in.parsedList("addresses", InterfaceAddress::parse),
                    in.parsedList("gateways", IpAddress::parse));
            case VM -> new Vm(id, name, position, in.string("dataCenter"), in.parsedList("addresses", IpAddress::parse),
                    in.parsed("mac", MacAddress::parse, new MacAddress(0)), in.integer("memoryMiB"), in.integer("diskGiB", 0),
                    in.whole("dirtyPagesPerSecond", 0), in.choice("announce", AnnounceKind.class, AnnounceKind.RARP),
                    in.choice("runtime", VmRuntime.class, VmRuntime.NAMESPACE));
            case SWITCH -> new EthernetSwitch(id, name, position);
        };
        in.rejectUnknown();
        return node;
    }

    private Link readLink(JsonIn in) {
        Link link = new Link(in.string("id"), in.string("a"), in.string("b"), in.choice("kind", LinkKind.class),
                in.millis("delayMs"), in.millis("jitterMs", 0), in.megabits("bandwidthMbps"),
                in.real("lossPercent", 0), in.integer("mtu", Link.DEFAULT_MTU), in.integer("cost", Link.DEFAULT_COST),
                in.parsedList("aAddresses", InterfaceAddress::parse), in.parsedList("bAddresses", InterfaceAddress::parse));
        in.rejectUnknown();
        return link;
    }

    private List<SchemeConfig> readSchemes(JsonIn in) {
        List<SchemeConfig> out = new ArrayList<>();
        for (SchemeKind kind : SchemeKind.values()) {
            if (!in.has(kind.key())) {
                continue;
            }
            JsonIn s = in.child(kind.key());
            SchemeConfig config = switch (kind) {
                case NETWORK_PAGING -> {
                    List<NetworkPaging.Translation> edges = new ArrayList<>();
                    for (JsonIn.Element element : s.array("serverEdges", true)) {
                        JsonIn t = JsonIn.object(element.node(), element.path(), problems);
                        edges.add(new NetworkPaging.Translation(t.string("router"), t.parsed("lanPrefix", IpPrefix::parse, NO_PREFIX),
                                t.parsed("wanPrefix", IpPrefix::parse, NO_PREFIX)));
                        t.rejectUnknown();
                    }
                    yield new NetworkPaging(edges, s.strings("clientEdges", true), s.choice("trigger", AnnounceTrigger.class, AnnounceTrigger.ANY),
                            s.millis("captureProcessingMs", 0), s.millis("switchProcessingMs", 0));
                }
                case SEGMENTATION -> {
                    List<Segmentation.Segment> segments = new ArrayList<>();
                    for (JsonIn.Element element : s.array("segments", true)) {
                        JsonIn g = JsonIn.object(element.node(), element.path(), problems);
                        segments.add(new Segmentation.Segment(g.string("name"), g.whole("id"), g.strings("members", true)));
                        g.rejectUnknown();
                    }
                    yield new Segmentation(s.choice("idKind", SegmentIdKind.class), segments, s.strings("endpoints", true),
                            s.choice("gateway", SegmentGateway.class, SegmentGateway.EVERY_SITE));
                }
                case MOBILE_IPV6 -> new MobileIpv6(s.string("homeNetwork"), s.string("homeAgent"),
                        s.millis("raMinIntervalMs", MobileIpv6.DEFAULT_RA_MIN_NS), s.millis("raMaxIntervalMs", MobileIpv6.DEFAULT_RA_MAX_NS),
                        s.choice("dad", DadMode.class, DadMode.STANDARD), s.bool("routeOptimization", false),
                        s.strings("correspondents", false), s.has("bindingLifetimeS") ? s.seconds("bindingLifetimeS") : 420_000_000_000L);
                case NONE -> new NoScheme();
                case L2_EXTENSION -> new L2Extension();
                case ROUTING_MOVE -> new RoutingMove(s.millis("advertisementDelayMs", RoutingMove.DEFAULT.advertisementDelayNs()),
                        s.millis("floodPerHopMs", RoutingMove.DEFAULT.floodPerHopNs()), s.millis("spfDelayMs", RoutingMove.DEFAULT.spfDelayNs()));
            };
            s.rejectUnknown();
            out.add(config);
        }
        in.rejectUnknown();
        return out;
    }

    private Migration readMigration(JsonIn in) {
        Migration migration = new Migration(in.string("id"), in.string("vm"), in.string("to"), in.millis("atMs"),
                in.choice("mode", MigrationMode.class, MigrationMode.LIVE), in.choice("storage", StorageMode.class, StorageMode.SHARED),
                in.millis("downtimeLimitMs", Migration.DEFAULT_DOWNTIME_LIMIT_NS),
                in.has("bandwidthCapMbps") ? in.megabits("bandwidthCapMbps") : 0, in.integer("maxRounds", Migration.DEFAULT_MAX_ROUNDS));
        in.rejectUnknown();
        return migration;
    }

    private ProbeFlow readFlow(JsonIn in) {
        ProbeFlow flow = new ProbeFlow(in.string("id"), in.choice("kind", ProbeKind.class, ProbeKind.UDP_ECHO), in.string("client"),
                in.string("vm"), in.integer("packetBytes", ProbeFlow.G711_PACKET_BYTES), in.millis("intervalMs", ProbeFlow.G711_INTERVAL_NS),
                in.millis("startMs", 0), in.millis("stopMs", 0));
        in.rejectUnknown();
        return flow;
    }

}
