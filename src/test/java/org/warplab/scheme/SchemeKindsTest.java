package org.warplab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.MacAddress;
import org.warplab.model.SchemeConfig;
import org.warplab.model.SchemeKind;
import org.warplab.model.SegmentIdKind;
import org.warplab.model.Segmentation;
import org.warplab.testing.Samples;

/**
 * Each scheme as chosen from its settings, what each needs from the lab, and the numbers they
 * derive: SLAAC care-of addresses, segments' local VLANs, paging's configuration address.
 */
class SchemeKindsTest {

    /** The settings of {@code kind}: a baseline's defaults, else those of the sample lab that uses it. */
    private static SchemeConfig settingsOf(SchemeKind kind) {
        return SchemeConfig.defaultFor(kind).orElseGet(() -> Stream.of("paging-paper", "mipv6-paper", "segmentation-tenants").map(Samples::lab)
                .flatMap(lab -> lab.schemes().stream()).filter(s -> s.kind() == kind).findFirst().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(SchemeKind.class)
    void eachSettingsChooseTheirOwnScheme(SchemeKind kind) {
        MobilityScheme scheme = MobilityScheme.of(settingsOf(kind));
        assertEquals(kind, scheme.kind());
        assertEquals(kind != SchemeKind.SEGMENTATION, scheme.routersHoldDataCenterPrefixes(), "only segmentation's LANs are tenant segments");
        Lab lab = Samples.lab("paging-paper").withSchemeConfig(settingsOf(kind)).withScheme(kind);
        assertEquals(kind, MobilityScheme.of(lab).kind());
    }

    @ParameterizedTest
    @EnumSource(value = SchemeKind.class, names = {"NETWORK_PAGING", "SEGMENTATION", "MOBILE_IPV6"})
    void aSchemeWithoutItsSettingsIsRefusedByName(SchemeKind kind) {
        Lab lab = Samples.lab("baseline-no-scheme").withScheme(kind);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MobilityScheme.of(lab));
        assertEquals("the lab uses " + kind.key() + " but has no settings for it", e.getMessage());
    }

    @Property
    void slaacFormsTheModifiedEui64OfTheMacOnA64(@ForAll @LongRange(max = 0xffff_ffff_ffffL) long macBits, @ForAll @LongRange(max = 0xffff) long subnet) {
        IpPrefix prefix = IpPrefix.parse("2001:db8:" + Long.toHexString(subnet) + "::/64");
        MacAddress mac = new MacAddress(macBits);
        IpAddress address = MobileIpv6Scheme.slaacAddress(prefix, mac);
        assertTrue(prefix.contains(address), address + " in " + prefix);
        long iid = address.toBigInteger().longValue();
        assertEquals(0xfffeL, (iid >>> 24) & 0xffff, "ff:fe in the middle");
        assertEquals(macBits & 0xff_ffffL, iid & 0xff_ffffL, "the MAC's last three bytes");
        assertEquals((macBits >>> 24) ^ 0x02_0000L, iid >>> 40, "the first three bytes, the universal/local bit inverted");
        assertThrows(IllegalArgumentException.class, () -> MobileIpv6Scheme.slaacAddress(IpPrefix.parse("2001:db8::/48"), mac));
        assertThrows(IllegalArgumentException.class, () -> MobileIpv6Scheme.slaacAddress(IpPrefix.parse("10.0.0.0/8"), mac));
    }

    @Test
    void vniSegmentsGetDistinctLocalVlansAndVlanSegmentsKeepTheirIds() {
        List<Segmentation.Segment> segments = List.of(new Segmentation.Segment("red", 5001, List.of()), new Segmentation.Segment("blue", 70000, List.of()),
                new Segmentation.Segment("green", 5003, List.of()));
        SegmentationScheme vni = new SegmentationScheme(new Segmentation(SegmentIdKind.VNI, segments, List.of(), org.warplab.model.SegmentGateway.ORIGIN_SITE));
        Set<Integer> vlans = new HashSet<>();
        for (Segmentation.Segment segment : segments) {
            int vlan = vni.localVlan(segment);
            assertTrue(vlan >= 1 && vlan <= Segmentation.MAX_VLAN_ID && vlans.add(vlan), segment.name() + " -> " + vlan);
            assertEquals(segment.id(), vni.vni(segment), "the VNI is the segment's id");
        }
        SegmentationScheme vlan = new SegmentationScheme(new Segmentation(SegmentIdKind.VLAN, List.of(new Segmentation.Segment("red", 42, List.of())),
                List.of(), org.warplab.model.SegmentGateway.ORIGIN_SITE));
        assertEquals(42, vlan.localVlan(vlan.config().segments().get(0)));
        assertEquals(Optional.empty(), vni.segmentOf("nobody"));
    }

    @Test
    void pagingSendsConfigurationToTheClientsGatewayElseTheFirstIpv4WanAddress() {
        Lab lab = Samples.lab("paging-paper");
        assertEquals(Optional.of(IpAddress.parse("10.1.0.1")), NetworkPagingScheme.configurationAddress(lab, "R3"), "the gateway U uses");
        Lab noClient = lab.withLinks(lab.links().stream().filter(l -> !l.id().equals("L3")).toList());
        assertEquals(Optional.of(IpAddress.parse("10.0.4.2")), NetworkPagingScheme.configurationAddress(noClient, "R3"), "R3's end of W4");
        assertEquals(Optional.empty(), NetworkPagingScheme.configurationAddress(lab, "PDC"), "a data center has no WAN address");
        NetworkPagingScheme paging = (NetworkPagingScheme) MobilityScheme.of(lab);
        assertTrue(paging.isPaged(IpAddress.parse("172.16.200.1")));
        assertTrue(!paging.isPaged(IpAddress.parse("172.17.0.1")) && !paging.isPaged(IpAddress.parse("2001:db8::1")));
        assertEquals(Optional.empty(), paging.translationOf(lab, "ADC", IpPrefix.parse("172.16.0.0/16")), "ADC's edge does not translate");
    }
}
