package org.warplab.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.edit.ElementFactory.Kind;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.NetworkPaging;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;

class ElementFactoryTest {

    private static Lab add(Lab lab, Node node) {
        return new AddElements("add", List.of(node), List.of()).apply(lab);
    }

    private static Lab link(Lab lab, String a, String b) {
        Link l = ElementFactory.connect(lab, a, b, new StringBuilder()).orElseThrow();
        return new AddElements("link", List.of(), List.of(l)).apply(lab);
    }

    @Test
    void dataCentersGetDistinctLansAndGatewaysUnlessTheSchemeSharesTheSubnet() {
        Lab lab = Lab.empty("t");
        lab = add(lab, ElementFactory.create(lab, Kind.DATA_CENTER, Position.ORIGIN, null));
        lab = add(lab, ElementFactory.create(lab, Kind.DATA_CENTER, Position.ORIGIN, null));
        DataCenter dc1 = lab.node("DC1", DataCenter.class).orElseThrow();
        DataCenter dc2 = lab.node("DC2", DataCenter.class).orElseThrow();
        assertEquals("172.16.0.0/16", dc1.lanPrefixes().get(0).toString());
        assertEquals("172.16.0.1", dc1.gatewayAddresses().get(0).toString());
        assertEquals("172.17.0.0/16", dc2.lanPrefixes().get(0).toString());
        assertNotEquals(dc1.gatewayMac(), dc2.gatewayMac());

        Lab paging = Lab.empty("p").withScheme(SchemeKind.NETWORK_PAGING);
        paging = add(paging, ElementFactory.create(paging, Kind.DATA_CENTER, Position.ORIGIN, null));
        paging = add(paging, ElementFactory.create(paging, Kind.DATA_CENTER, Position.ORIGIN, null));
        DataCenter p1 = paging.node("DC1", DataCenter.class).orElseThrow();
        DataCenter p2 = paging.node("DC2", DataCenter.class).orElseThrow();
        assertEquals(p1.lanPrefixes(), p2.lanPrefixes());
        assertEquals(p1.gatewayMac(), p2.gatewayMac());
        assertTrue(p2.capturesAnnouncements());
    }

    @Test
    void vmsGetUniqueAddressesAcrossDataCentersThatShareASubnet() {
        Lab lab = Lab.empty("p").withScheme(SchemeKind.NETWORK_PAGING);
        lab = add(lab, ElementFactory.create(lab, Kind.DATA_CENTER, Position.ORIGIN, null));
        lab = add(lab, ElementFactory.create(lab, Kind.DATA_CENTER, Position.ORIGIN, null));
        lab = add(lab, ElementFactory.create(lab, Kind.VM, Position.ORIGIN, "DC1"));
        lab = add(lab, ElementFactory.create(lab, Kind.VM, Position.ORIGIN, "DC2"));
        Vm vm1 = lab.node("vm1", Vm.class).orElseThrow();
        Vm vm2 = lab.node("vm2", Vm.class).orElseThrow();
        assertEquals("172.16.0.2", vm1.addresses().get(0).toString());
        assertEquals("172.16.0.3", vm2.addresses().get(0).toString());
        assertNotEquals(vm1.mac(), vm2.mac());
        assertEquals("DC2", vm2.dataCenter());
    }

    @Test
    void linkKindFollowsTheEndsAndWanLinksGetTheNextFreeSlash30() {
        Lab lab = Lab.empty("t");
        lab = add(lab, ElementFactory.create(lab, Kind.DATA_CENTER, Position.ORIGIN, null));
        lab = add(lab, ElementFactory.create(lab, Kind.DATA_CENTER, Position.ORIGIN, null));
        lab = add(lab, ElementFactory.create(lab, Kind.SERVER_EDGE_ROUTER, Position.ORIGIN, null));
        lab = add(lab, ElementFactory.create(lab, Kind.CORE_ROUTER, Position.ORIGIN, null));
        lab = add(lab, ElementFactory.create(lab, Kind.CLIENT_EDGE_ROUTER, Position.ORIGIN, null));
        lab = add(lab, ElementFactory.create(lab, Kind.CLIENT, Position.ORIGIN, null));
        assertEquals(List.of("DC1", "DC2", "R1", "C1", "R2", "U1"), lab.nodes().stream().map(Node::id).toList());
        lab = link(lab, "DC1", "R1");
        lab = link(lab, "R1", "C1");
        lab = link(lab, "C1", "R2");
        lab = link(lab, "DC1", "DC2");
        lab = link(lab, "U1", "R2");
        assertEquals(LinkKind.LAN, lab.link("L1").orElseThrow().kind());
        Link w1 = lab.link("W1").orElseThrow();
        Link w2 = lab.link("W2").orElseThrow();
        assertEquals("10.0.1.1/30", w1.aAddresses().get(0).toString());
        assertEquals("10.0.1.2/30", w1.bAddresses().get(0).toString());
        assertEquals("10.0.2.1/30", w2.aAddresses().get(0).toString());
        assertEquals(LinkKind.MANAGEMENT, lab.link("M1").orElseThrow().kind());
        assertEquals("192.168.1.1/24", lab.link("M1").orElseThrow().aAddresses().get(0).toString());
        assertEquals(ElementFactory.ONE_GBPS, lab.link("L2").orElseThrow().bandwidthBps());
        Client u = lab.node("U1", Client.class).orElseThrow();
        assertEquals("10.1.0.10/24", u.addresses().get(0).toString());
        assertEquals("10.1.0.1", u.gateways().get(0).toString());

        StringBuilder why = new StringBuilder();
        assertTrue(ElementFactory.connect(lab, "R1", "C1", why).isEmpty());
        assertEquals("R1 and C1 are already linked", why.toString());
    }

    @Test
    void pagingDefaultsTranslateAtTheSourceEdgeIntoThePrefixBelow() {
        Lab lab = Lab.empty("t").withScheme(SchemeKind.NETWORK_PAGING);
        lab = add(lab, ElementFactory.create(lab, Kind.DATA_CENTER, Position.ORIGIN, null));
        lab = add(lab, ElementFactory.create(lab, Kind.VM, Position.ORIGIN, "DC1"));
        lab = add(lab, ElementFactory.create(lab, Kind.SERVER_EDGE_ROUTER, Position.ORIGIN, null));
        lab = add(lab, ElementFactory.create(lab, Kind.CLIENT_EDGE_ROUTER, Position.ORIGIN, null));
        lab = link(lab, "DC1", "R1");
        NetworkPaging paging = (NetworkPaging) SchemeDefaults.forScheme(lab, SchemeKind.NETWORK_PAGING);
        assertEquals(1, paging.serverEdges().size());
        assertEquals("R1", paging.serverEdges().get(0).router());
        assertEquals(IpPrefix.parse("172.15.0.0/16"), paging.serverEdges().get(0).wanPrefix());
        assertEquals(List.of("R2"), paging.clientEdges());
    }

    @Test
    void afterTheFirst255WanLinksTheSlash30sArePacked() {
        Lab lab = Lab.empty("t");
        for (int i = 0; i < 258; i++) {
            lab = add(lab, ElementFactory.create(lab, Kind.CORE_ROUTER, Position.ORIGIN, null));
        }
        for (int i = 1; i < 258; i++) {
            lab = link(lab, "C" + i, "C" + (i + 1));
        }
        assertEquals("10.0.255.1/30", lab.link("W255").orElseThrow().aAddresses().get(0).toString());
        assertEquals("10.0.1.5/30", lab.link("W256").orElseThrow().aAddresses().get(0).toString());
        assertEquals("10.0.2.6/30", lab.link("W257").orElseThrow().bAddresses().get(0).toString());
    }
}
