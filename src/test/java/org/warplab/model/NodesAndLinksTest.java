package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipe;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipes;

/**
 * The editors' small edits on every node and link of the drawn and edited labs: a rename, a move or
 * a new link figure changes that one field, undoing it gives the element back, and an address of a
 * family is the element's first of that family.
 */
class NodesAndLinksTest {

    private static final Map<String, UnaryOperator<Link>> LINK_EDITS = Map.of(
            "delayNs", l -> l.withDelayNs(l.delayNs() + 1), "jitterNs", l -> l.withJitterNs(l.jitterNs() + 1),
            "bandwidthBps", l -> l.withBandwidthBps(l.bandwidthBps() + 1), "lossPercent", l -> l.withLossPercent(l.lossPercent() + 0.5),
            "mtu", l -> l.withMtu(l.mtu() + 1), "cost", l -> l.withCost(l.cost() + 1));

    @Property(tries = 100, seed = "20261213")
    void anEditChangesItsOneFieldAndUndoingItGivesTheElementBack(@ForAll(supplier = Recipes.class) Recipe recipe) throws Exception {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        for (Node node : lab.nodes()) {
            Node renamed = node.withName(node.name() + "'");
            assertEquals(List.of("name"), changedComponents(node, renamed), node.id());
            assertEquals(node, renamed.withName(node.name()));
            Node moved = node.withPosition(new Position(node.position().x() + 1, node.position().y()));
            assertEquals(List.of("position"), changedComponents(node, moved), node.id());
            assertEquals(node, moved.withPosition(node.position()));
            assertEquals(node.kind(), moved.kind());
        }
        for (Vm vm : lab.vms()) {
            assertEquals(List.of("dataCenter"), changedComponents(vm, vm.inDataCenter(vm.dataCenter() + "x")));
            assertEquals((long) vm.memoryMiB() * 1024 * 1024, vm.memoryBytes());
            assertEquals((long) vm.diskGiB() * 1024 * 1024 * 1024, vm.diskBytes());
        }
        for (Link link : lab.links()) {
            for (Map.Entry<String, UnaryOperator<Link>> edit : LINK_EDITS.entrySet()) {
                assertEquals(List.of(edit.getKey()), changedComponents(link, edit.getValue().apply(link)), link.id() + " " + edit.getKey());
            }
        }
    }

    @Property(tries = 100, seed = "20261214")
    void anAddressOfAFamilyIsTheFirstOfThatFamily(@ForAll(supplier = Recipes.class) Recipe recipe) {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        for (IpFamily family : IpFamily.values()) {
            for (Vm vm : lab.vms()) {
                assertEquals(vm.addresses().stream().filter(a -> a.family() == family).findFirst(), vm.address(family));
            }
            for (DataCenter dc : lab.dataCenters()) {
                assertEquals(dc.lanPrefixes().stream().filter(p -> p.family() == family).findFirst(), dc.lanPrefix(family));
                assertEquals(dc.gatewayAddresses().stream().filter(a -> a.family() == family).findFirst(), dc.gatewayAddress(family));
            }
            for (Client client : lab.clients()) {
                Optional<InterfaceAddress> address = client.addresses().stream().filter(a -> a.family() == family).findFirst();
                assertEquals(address, client.address(family));
                assertEquals(client.gateways().stream().filter(a -> a.family() == family).findFirst(), client.gateway(family));
            }
        }
    }

    /** The names of the record components whose values differ between two records of one type. */
    private static List<String> changedComponents(Object before, Object after) throws Exception {
        assertEquals(before.getClass(), after.getClass());
        List<String> changed = new ArrayList<>();
        for (RecordComponent component : before.getClass().getRecordComponents()) {
            if (!java.util.Objects.equals(component.getAccessor().invoke(before), component.getAccessor().invoke(after))) {
                changed.add(component.getName());
            }
        }
        return changed;
    }
}
