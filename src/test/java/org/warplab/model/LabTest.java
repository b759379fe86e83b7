package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipe;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipes;

/**
 * The lab document's own queries and edits, over drawn and edited labs (valid or not): lookups agree
 * with the lists they read, an edit changes what it names and nothing else, and an immutable lab
 * built twice is one value.
 */
class LabTest {

    @Property(tries = 200, seed = "20261210")
    void lookupsAgreeWithTheListsTheyRead(@ForAll(supplier = Recipes.class) Recipe recipe) {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        assertEquals(lab, ValidatedLabsRunPropertiesTest.build(recipe), "one recipe, one value");
        assertEquals(lab.hashCode(), ValidatedLabsRunPropertiesTest.build(recipe).hashCode());
        assertEquals(lab.nodes().size(), lab.dataCenters().size() + lab.routers().size() + lab.clients().size() + lab.vms().size()
                + lab.nodes(EthernetSwitch.class).size(), "every node is of one kind");
        for (Node node : lab.nodes()) {
            assertEquals(lab.nodes().stream().filter(n -> n.id().equals(node.id())).findFirst(), lab.node(node.id()), "the first node of that id");
            assertEquals(lab.node(node.id()).filter(Router.class::isInstance), lab.node(node.id(), Router.class).map(Node.class::cast), "typed lookup");
            assertTrue(lab.hasId(node.id()));
            for (LinkKind kind : LinkKind.values()) {
                for (String neighbour : lab.neighbours(node.id(), kind)) {
                    assertTrue(lab.neighbours(neighbour, kind).contains(node.id()), node.id() + " and " + neighbour + " are neighbours both ways");
                }
            }
            assertEquals(lab.links().stream().filter(l -> l.a().equals(node.id()) || l.b().equals(node.id())).toList(), lab.linksOf(node.id()));
        }
        int placed = 0;
        for (DataCenter dc : lab.dataCenters()) {
            lab.vmsIn(dc.id()).forEach(vm -> assertEquals(dc.id(), vm.dataCenter()));
            placed += lab.vmsIn(dc.id()).size();
        }
        assertEquals(lab.vms().stream().filter(vm -> lab.node(vm.dataCenter(), DataCenter.class).isPresent()).count(), placed,
                "each VM placed in a data center is in exactly that one");
        String fresh = lab.freshId("N");
        assertFalse(lab.hasId(fresh), fresh + " is new");
        assertTrue(lab.withNodes(append(lab.nodes(), new EthernetSwitch(fresh, "s", new Position(0, 0)))).hasId(fresh));
        assertNotEquals(fresh, lab.withNodes(append(lab.nodes(), new EthernetSwitch(fresh, "s", new Position(0, 0)))).freshId("N"));
    }

    @Property(tries = 200, seed = "20261213")
    void aDataCenterTakesItsVmsAlongAndOnlyNodesAreTaken(@ForAll(supplier = Recipes.class) Recipe recipe) {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        List<String> named = new ArrayList<>();
        for (int i = 0; i < lab.nodes().size(); i += 2) {
            named.add(lab.nodes().get(i).id());
        }
        lab.links().stream().limit(1).forEach(l -> named.add(l.id()));
        named.add("no-such-node");
        Set<String> taken = lab.nodesWithTheirVms(named);
        for (Node node : lab.nodes()) {
            boolean expected = named.contains(node.id())
                    || node instanceof Vm vm && named.contains(vm.dataCenter()) && lab.node(vm.dataCenter()).isPresent();
            assertEquals(expected, taken.contains(node.id()), node.id());
        }
        assertEquals(lab.nodes().stream().map(Node::id).filter(taken::contains).toList(), List.copyOf(taken), "in the lab's order");
        assertTrue(lab.nodesWithTheirVms(lab.dataCenters().stream().map(DataCenter::id).toList()).containsAll(lab.vms().stream()
                .filter(vm -> lab.node(vm.dataCenter(), DataCenter.class).isPresent()).map(Vm::id).toList()), "every placed VM goes with its data center");
    }

    @Property(tries = 200, seed = "20261211")
    void eachEditChangesWhatItNamesAndNothingElse(@ForAll(supplier = Recipes.class) Recipe recipe) {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        if (!lab.nodes().isEmpty()) {
            Node first = lab.nodes().get(0);
            Lab renamed = lab.replacingNode(first.withName(first.name() + " renamed"));
            assertEquals(lab.nodes().size(), renamed.nodes().size());
            assertEquals(first.name() + " renamed", renamed.nodes().get(0).name(), "the node keeps its place");
            assertEquals(lab.nodes().subList(1, lab.nodes().size()).stream().filter(n -> !n.id().equals(first.id())).toList(),
                    renamed.nodes().subList(1, renamed.nodes().size()).stream().filter(n -> !n.id().equals(first.id())).toList());
            assertEquals(lab.withNodes(lab.nodes()), renamed.replacingNode(first).withNodes(lab.nodes()));
        }
        for (SchemeKind kind : SchemeKind.values()) {
            Optional<SchemeConfig> settings = lab.schemeConfig(kind);
            if (settings.isEmpty()) {
                assertTrue(SchemeConfig.defaultFor(kind).isEmpty(), "only a scheme (no baseline) may lack settings: " + kind);
                continue;
            }
            Lab with = lab.withSchemeConfig(settings.get());
            assertEquals(1, with.schemes().stream().filter(s -> s.kind() == kind).count(), "one settings per kind");
            assertEquals(with.schemes().stream().sorted(java.util.Comparator.comparing(SchemeConfig::kind)).toList(), with.schemes(), "in kind order");
            assertEquals(settings, with.schemeConfig(kind));
            assertEquals(lab.scheme(), with.scheme(), "setting a scheme's settings does not choose it");
        }
        Lab other = lab.withDurationNs(lab.durationNs() + 1).withNameAndDescription("n", "d").withTestbed(Testbed.QEMU_HERE);
        assertEquals(List.of(lab.nodes(), lab.links(), lab.migrations(), lab.traffic(), lab.schemes()),
                List.of(other.nodes(), other.links(), other.migrations(), other.traffic(), other.schemes()));
        assertEquals(lab.durationNs() + 1, other.durationNs());
    }

    @Property(tries = 150, seed = "20261212")
    void aRouterDoesWhatTheSchemeInUseSaysAndNothingElse(@ForAll(supplier = Recipes.class) Recipe recipe) {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        SchemeConfig active = lab.activeScheme().orElse(null);
        for (Router router : lab.routers()) {
            Set<RouterFunction> functions = lab.functionsOf(router.id());
            Set<RouterFunction> expected = EnumSet.noneOf(RouterFunction.class);
            if (active instanceof NetworkPaging p && (p.clientEdges().contains(router.id())
                    || p.serverEdges().stream().anyMatch(t -> t.router().equals(router.id())))) {
                expected.add(RouterFunction.TRANSLATOR);
            }
            if (active instanceof MobileIpv6 m && m.homeAgent().equals(router.id())) {
                expected.add(RouterFunction.HOME_AGENT);
            }
            if (active instanceof Segmentation s && s.endpoints().contains(router.id())) {
                expected.add(RouterFunction.SEGMENT_ENDPOINT);
            }
            assertEquals(expected, functions, router.id() + " under " + lab.scheme());
        }
    }

    @org.junit.jupiter.api.Test
    void aLinkAnswersOnlyForItsOwnEnds() {
        Link link = new Link("W1", "R1", "C1", LinkKind.WAN, 5, 0, 1_000_000, 0, 1500, 10, List.of(InterfaceAddress.parse("10.0.1.1/30")),
                List.of(InterfaceAddress.parse("10.0.1.2/30")));
        assertEquals("C1", link.other("R1"));
        assertEquals("R1", link.other("C1"));
        assertEquals(List.of(InterfaceAddress.parse("10.0.1.2/30")), link.addressesOf("C1"));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> link.other("R9"));
        assertEquals("link W1 does not touch R9", other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> link.addressesOf("R9"));
        assertFalse(link.touches("R9"));
        List<InterfaceAddress> mine = new ArrayList<>(List.of(InterfaceAddress.parse("10.0.1.1/30")));
        Link copy = new Link("W1", "R1", "C1", LinkKind.WAN, 5, 0, 1_000_000, 0, 1500, 10, mine, List.of());
        mine.clear();
        assertEquals(1, copy.aAddresses().size(), "a link keeps a copy of its addresses");
        assertEquals(link, link.withDelayNs(7).withDelayNs(5), "a value: the same fields, the same link");
    }

    private static <T> List<T> append(List<T> items, T item) {
        List<T> copy = new ArrayList<>(items);
        copy.add(item);
        return copy;
    }
}
