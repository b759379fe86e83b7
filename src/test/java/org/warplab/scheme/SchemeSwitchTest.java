package org.warplab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.testing.Samples;

/** A migration changes exactly the one thing its scheme says: a location element, an attachment, a binding. */
class SchemeSwitchTest {

    private static List<String> changesOf(String labName, int migration) {
        Lab lab = Samples.lab(labName);
        MobilityScheme scheme = MobilityScheme.of(lab);
        LabState after = LabState.all(lab).get(migration + 1);
        return SchemeState.changes(scheme.state(lab, after.previous().orElseThrow()), scheme.state(lab, after.placement()));
    }

    @Test
    void pagingChangesOneLocationElement() {
        assertEquals(List.of("R3/location/172.16.10.2: PDC -> ADC"), changesOf("paging-paper", 0));
        Lab lab = Samples.lab("paging-paper");
        List<ControlStep> steps = MobilityScheme.of(lab).steps(lab, Placement.initial(lab), lab.migrations().get(0));
        assertEquals(1, steps.size());
        assertEquals("client edge R3: location of 172.16.10.2 -> ADC (reached at 172.16.10.2)", steps.get(0).description());
    }

    @Test
    void pagingWithTwoClientEdgesChangesOneElementPerEdge() {
        assertEquals(List.of("CE1/location/172.16.10.2: DC1 -> DC2", "CE2/location/172.16.10.2: DC1 -> DC2"), changesOf("paging-three-dc", 0));
        assertEquals(List.of("CE1/location/172.16.10.2: DC2 -> DC3", "CE2/location/172.16.10.2: DC2 -> DC3"), changesOf("paging-three-dc", 1));
    }

    @Test
    void segmentationChangesOneAttachment() {
        assertEquals(List.of("segment red/attachment/red1: DCA via EA -> DCB via EB"), changesOf("segmentation-tenants", 0));
    }

    @Test
    void mobileIpv6AddsOneBinding() {
        assertEquals(List.of("HA/binding/2001:db8:1::100: (none) -> 2001:db8:2:0:5054:ff:fe00:100"), changesOf("mipv6-paper", 0));
    }

    @Test
    void pagingRoutesNeverChange() {
        Lab lab = Samples.lab("paging-paper");
        MobilityScheme scheme = MobilityScheme.of(lab);
        LabState after = LabState.all(lab).get(1);
        assertEquals(scheme.routes(lab, after.previous().orElseThrow()), scheme.routes(lab, after.placement()));
    }

    @Test
    void serverEdgesAdvertiseTranslatedAndUntranslatedPrefixes() {
        Lab lab = Samples.lab("paging-paper");
        List<Advertisement> ads = MobilityScheme.of(lab).advertisements(lab, Placement.initial(lab));
        assertTrue(ads.stream().anyMatch(a -> a.router().equals("R1") && a.prefix().toString().equals("172.15.0.0/16")));
        assertTrue(ads.stream().anyMatch(a -> a.router().equals("R2") && a.prefix().toString().equals("172.16.0.0/16")));
        assertTrue(ads.stream().noneMatch(a -> a.router().equals("R1") && a.prefix().toString().equals("172.16.0.0/16")));
        Map<String, List<Route>> routes = MobilityScheme.of(lab).routes(lab, Placement.initial(lab));
        Route toSPrime = routes.get("R3").stream().filter(r -> r.destination().toString().equals("172.15.0.0/16")).findFirst().orElseThrow();
        assertEquals("W4", toSPrime.device());
        assertEquals("10.0.4.1", toSPrime.nextHop().toString());
        Route toS = routes.get("R3").stream().filter(r -> r.destination().toString().equals("172.16.0.0/16")).findFirst().orElseThrow();
        assertEquals("W5", toS.device());
        assertEquals(20, toS.cost());
    }

    @Test
    void shortestPathFollowsLinkCost() {
        Lab lab = Samples.lab("paging-paper");
        // make C1-R3 expensive: R3 reaches R1 through C2 and C1 instead
        Lab costly = lab.replacingLink(lab.link("W4").orElseThrow().withCost(100));
        WanRouting.Paths paths = WanRouting.shortestPaths(costly, "R3");
        assertEquals(30, paths.cost().get("R1"));
        assertEquals("W5", paths.firstLink().get("R1").id());
    }

    @Test
    void interfaceNamesFitLinux() {
        Link link = Samples.lab("paging-paper").link("W1").orElseThrow();
        assertEquals("W1", InterfaceNames.linkEnd(link));
        String longName = InterfaceNames.vmPort("a-very-long-vm-id");
        assertTrue(longName.length() <= InterfaceNames.MAX_LENGTH, longName);
        assertEquals(longName, InterfaceNames.vmPort("a-very-long-vm-id"));
        assertTrue(!longName.equals(InterfaceNames.vmPort("a-very-long-vm-ie")));
        assertEquals("vx.16777215", InterfaceNames.vxlan(16_777_215));
    }

    @Test
    void slaacUsesModifiedEui64() {
        assertEquals("2001:db8:2:0:5054:ff:fe00:100", MobileIpv6Scheme.slaacAddress(org.warplab.model.IpPrefix.parse("2001:db8:2::/64"),
                org.warplab.model.MacAddress.parse("52:54:00:00:01:00")).toString());
    }
}
