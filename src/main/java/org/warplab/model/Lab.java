package org.warplab.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.warplab.model.lesson.Lesson;

/**
 * The lab document: topology, the schemes' settings and which one is in use, the migrations to
 * perform and the traffic to watch. Immutable; an edit makes a new Lab.
 *
 * @param durationNs how long a run lasts in virtual time
 * @param testbed the platform the lab runs on: its overheads beyond the emulator's model
 * @param lesson the lesson the lab carries for a class, if any (steps, questions, goals)
 */
public record Lab(
        String name,
        String description,
        List<Node> nodes,
        List<Link> links,
        SchemeKind scheme,
        List<SchemeConfig> schemes,
        List<Migration> migrations,
        List<ProbeFlow> traffic,
        long durationNs,
        Testbed testbed,
        Optional<Lesson> lesson) {

    public Lab {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        Objects.requireNonNull(scheme, "scheme");
        schemes = List.copyOf(schemes);
        migrations = List.copyOf(migrations);
        traffic = List.copyOf(traffic);
        Objects.requireNonNull(testbed, "testbed");
        Objects.requireNonNull(lesson, "lesson");
    }

    /** A lab without a lesson. */
    public Lab(String name, String description, List<Node> nodes, List<Link> links, SchemeKind scheme, List<SchemeConfig> schemes,
               List<Migration> migrations, List<ProbeFlow> traffic, long durationNs, Testbed testbed) {
        this(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, testbed, Optional.empty());
    }

    /** A lab on the ideal testbed (no platform overheads). */
    public Lab(String name, String description, List<Node> nodes, List<Link> links, SchemeKind scheme, List<SchemeConfig> schemes,
               List<Migration> migrations, List<ProbeFlow> traffic, long durationNs) {
        this(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, Testbed.IDEAL);
    }

    public static Lab empty(String name) {
        return new Lab(name, "", List.of(), List.of(), SchemeKind.NONE, List.of(), List.of(), List.of(), 5_000_000_000L);
    }

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public <T extends Node> Optional<T> node(String id, Class<T> type) {
        return node(id).filter(type::isInstance).map(type::cast);
    }

    public <T extends Node> List<T> nodes(Class<T> type) {
        return nodes.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<DataCenter> dataCenters() {
        return nodes(DataCenter.class);
    }

    public List<Router> routers() {
        return nodes(Router.class);
    }

    public List<Client> clients() {
        return nodes(Client.class);
    }

    public List<Vm> vms() {
        return nodes(Vm.class);
    }

    public Optional<Link> link(String id) {
        return links.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    public List<Link> linksOf(String nodeId) {
        return links.stream().filter(l -> l.touches(nodeId)).toList();
    }

    /** The nodes joined to {@code nodeId} by a link of the given kind. */
    public List<String> neighbours(String nodeId, LinkKind kind) {
        return links.stream().filter(l -> l.kind() == kind && l.touches(nodeId)).map(l -> l.other(nodeId)).toList();
    }

    public List<Vm> vmsIn(String dataCenterId) {
        return vms().stream().filter(v -> v.dataCenter().equals(dataCenterId)).toList();
    }

    /**
     * The node ids among {@code ids}, with the VMs of the data centers among them: what a gesture on
     * those nodes (copy, delete, drag) takes along, since a VM lives in its data center. In the lab's order.
     */
    public Set<String> nodesWithTheirVms(Collection<String> ids) {
        Set<String> named = new HashSet<>();
        nodes.stream().map(Node::id).filter(ids::contains).forEach(named::add);
        Set<String> taken = new LinkedHashSet<>();
        for (Node node : nodes) {
            if (named.contains(node.id()) || node instanceof Vm vm && named.contains(vm.dataCenter())) {
                taken.add(node.id());
            }
        }
        return taken;
    }

    /** The settings of {@code kind}: the lab's own, or the defaults for a baseline. */
    public Optional<SchemeConfig> schemeConfig(SchemeKind kind) {
        return schemes.stream().filter(s -> s.kind() == kind).findFirst().or(() -> SchemeConfig.defaultFor(kind));
    }

    public <T extends SchemeConfig> Optional<T> schemeConfig(Class<T> type) {
        return schemes.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The settings of the scheme in use, if the lab has them. */
    public Optional<SchemeConfig> activeScheme() {
        return schemeConfig(scheme);
    }

    /** What {@code routerId} does for the scheme in use. */
    public Set<RouterFunction> functionsOf(String routerId) {
        Set<RouterFunction> functions = EnumSet.noneOf(RouterFunction.class);
        SchemeConfig config = activeScheme().orElse(null);
        if (config instanceof NetworkPaging p && (p.clientEdges().contains(routerId)
                || p.serverEdges().stream().anyMatch(t -> t.router().equals(routerId)))) {
            functions.add(RouterFunction.TRANSLATOR);
        } else if (config instanceof MobileIpv6 m && m.homeAgent().equals(routerId)) {
            functions.add(RouterFunction.HOME_AGENT);
        } else if (config instanceof Segmentation s && s.endpoints().contains(routerId)) {
            functions.add(RouterFunction.SEGMENT_ENDPOINT);
        }
        return functions;
    }

    public boolean hasId(String id) {
        return Stream.of(nodes.stream().map(Node::id), links.stream().map(Link::id),
                migrations.stream().map(Migration::id), traffic.stream().map(ProbeFlow::id))
                .flatMap(s -> s).anyMatch(id::equals);
    }

    /** A fresh id "prefix" + n that no element of this lab uses. */
    public String freshId(String prefix) {
        for (int n = 1; ; n++) {
            String candidate = prefix + n;
            if (!hasId(candidate)) {
                return candidate;
            }
        }
    }

    public Lab withNodes(List<Node> nodes) {
        return new Lab(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, testbed, lesson);
    }

    public Lab withLinks(List<Link> links) {
        return new Lab(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, testbed, lesson);
    }

    public Lab withScheme(SchemeKind scheme) {
        return new Lab(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, testbed, lesson);
    }

    /** Sets (or replaces) the settings of {@code config.kind()}. */
    public Lab withSchemeConfig(SchemeConfig config) {
        List<SchemeConfig> updated = new ArrayList<>(schemes.stream().filter(s -> s.kind() != config.kind()).toList());
        updated.add(config);
        updated.sort(java.util.Comparator.comparing(SchemeConfig::kind));
        return new Lab(name, description, nodes, links, scheme, updated, migrations, traffic, durationNs, testbed, lesson);
    }

    public Lab withMigrations(List<Migration> migrations) {
        return new Lab(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, testbed, lesson);
    }

    public Lab withTraffic(List<ProbeFlow> traffic) {
        return new Lab(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, testbed, lesson);
    }

    public Lab withNameAndDescription(String name, String description) {
        return new Lab(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, testbed, lesson);
    }

    public Lab withDurationNs(long durationNs) {
        return new Lab(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, testbed, lesson);
    }

    public Lab withLesson(Optional<Lesson> lesson) {
        return new Lab(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, testbed, lesson);
    }

    public Lab withTestbed(Testbed testbed) {
        return new Lab(name, description, nodes, links, scheme, schemes, migrations, traffic, durationNs, testbed, lesson);
    }

    /** Replaces the node with the same id. */
    public Lab replacingNode(Node node) {
        return withNodes(nodes.stream().map(n -> n.id().equals(node.id()) ? node : n).toList());
    }

    /** Replaces the link with the same id. */
    public Lab replacingLink(Link link) {
        return withLinks(links.stream().map(l -> l.id().equals(link.id()) ? link : l).toList());
    }
}
