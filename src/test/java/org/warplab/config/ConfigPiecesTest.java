package org.warplab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.MobileIpv6;
import org.warplab.testing.Samples;

/**
 * The pieces every device's files are made of, one by one: the {@code ip -batch} lines, the
 * {@code sysctl -p} keys (and which of them wait for the interfaces), and radvd's configuration
 * with its intervals in the seconds radvd reads.
 */
class ConfigPiecesTest {

    @Test
    void anIpv6AddressIsAddedWithoutDuplicateAddressDetectionAnIpv4OneAsItIs() {
        Batch batch = new Batch();
        assertTrue(batch.isEmpty());
        batch.address(InterfaceAddress.parse("10.0.0.1/24"), "W1");
        batch.address(InterfaceAddress.parse("2001:db8::1/64"), "W1");
        batch.line("link set W1 up # after its addresses");
        assertEquals("# header\naddress add 10.0.0.1/24 dev W1\naddress add 2001:db8::1/64 dev W1 nodad\nlink set W1 up # after its addresses\n",
                batch.text("# header\n"));
    }

    @Test
    void nothingToDoIsTheHeaderAlone() {
        assertEquals("# nothing to do\n", new Batch().text("# nothing to do\n"));
        Sysctl sysctl = new Sysctl();
        assertEquals("# h\n", sysctl.text("# h\n"));
        assertEquals("# h\n", sysctl.interfaceText("# h\n"));
    }

    @Test
    void aLaterValueReplacesAnEarlierOneWhereItWasSet() {
        Sysctl sysctl = new Sysctl();
        sysctl.router();
        sysctl.set("net.ipv4.ip_forward", "0");
        String text = sysctl.text("");
        assertTrue(text.startsWith("net.ipv4.ip_forward = 0\nnet.ipv6.conf.all.forwarding = 1\n"), text);
        assertEquals(1, text.lines().filter(l -> l.startsWith("net.ipv4.ip_forward")).count());
    }

    @Test
    void routersForwardHostsDoNotAndBridgesIgnoreArpForTheirOwnAddresses() {
        Sysctl router = new Sysctl();
        router.router();
        Sysctl bridge = new Sysctl();
        bridge.bridgeHost();
        assertTrue(router.text("").contains("net.ipv6.conf.all.forwarding = 1\n"));
        assertTrue(router.text("").contains("net.ipv4.conf.all.rp_filter = 0\n"), "translated sources would fail the filter");
        assertTrue(bridge.text("").contains("net.ipv4.ip_forward = 0\n"));
        assertTrue(bridge.text("").contains("net.ipv4.conf.all.arp_ignore = 1\n"));
        assertFalse(router.text("").contains("arp_ignore"));
    }

    @Test
    void keysOfNamedInterfacesWaitForTheInterfaces() {
        Sysctl sysctl = new Sysctl();
        sysctl.host();
        assertFalse(sysctl.hasInterfaceKeys());
        sysctl.set("net/ipv6/conf/W1/accept_ra", "2");
        assertTrue(sysctl.hasInterfaceKeys());
        assertFalse(sysctl.text("").contains("W1"), "not before the interface exists");
        assertEquals("# after ip.batch\nnet/ipv6/conf/W1/accept_ra = 2\n", sysctl.interfaceText("# after ip.batch\n"));
    }

    @Test
    void intervalsAreTheSecondsRadvdReads() {
        assertEquals("0.03", Radvd.seconds(30_000_000L));
        assertEquals("0.07", Radvd.seconds(70_000_000L));
        assertEquals("1.0", Radvd.seconds(1_000_000_000L));
        assertEquals("1.5", Radvd.seconds(1_500_000_000L));
        assertEquals("100.0", Radvd.seconds(100_000_000_000L), "trailing zeros stripped, not the integer's own");
    }

    @Property
    void radvdReadsBackTheMilliseconds(@ForAll @LongRange(min = 1, max = 3_600_000) long ms) {
        String text = Radvd.seconds(ms * 1_000_000L);
        assertTrue(text.matches("[0-9]+\\.[0-9]{1,3}"), text);
        assertEquals(ms, new BigDecimal(text).movePointRight(3).longValueExact());
    }

    @Test
    void onlyTheHomeAgentAdvertisesItselfAsOne() {
        MobileIpv6 mip = Samples.lab("mipv6-paper").schemeConfig(MobileIpv6.class).orElseThrow();
        List<IpPrefix> prefixes = List.of(IpPrefix.parse("2001:db8:1::/64"), IpPrefix.parse("2001:db8:9::/64"));
        String home = Radvd.config("HA", "L1", "DC1", prefixes, mip, true);
        String foreign = Radvd.config("FR", "L2", "DC2", prefixes, mip, false);
        assertTrue(home.startsWith("# HA: router advertisements on DC1's LAN (home agent)\ninterface L1\n{\n"), home);
        assertTrue(home.contains("\tAdvHomeAgentFlag on;\n") && home.contains("\t\tAdvRouterAddr on;\n"));
        assertFalse(foreign.contains("HomeAgent") || foreign.contains("AdvRouterAddr"), foreign);
        assertEquals(2, foreign.lines().filter(l -> l.startsWith("\tprefix ")).count(), "one block per prefix");
        assertTrue(foreign.contains("\tMinRtrAdvInterval " + Radvd.seconds(mip.raMinIntervalNs()) + ";\n"));
        assertEquals(home.chars().filter(c -> c == '{').count(), home.chars().filter(c -> c == '}').count(), "balanced braces");
    }

    @Test
    void ospfAnnouncesExactlyTheListedPrefixesAndDeniesTheRest() {
        List<Frr.OspfInterface> wan = List.of(new Frr.OspfInterface("W1", "C1", IpPrefix.parse("10.0.1.0/30")),
                new Frr.OspfInterface("W4", "R3", IpPrefix.parse("10.0.4.0/30")));
        String slow = Frr.ospfd("R1", "10.0.1.1", wan, List.of(IpPrefix.parse("172.15.0.0/16"), IpPrefix.parse("10.0.1.0/30")), false);
        List<String> list = slow.lines().filter(l -> l.startsWith("ip prefix-list " + Frr.ADVERTISE)).toList();
        assertEquals(List.of("ip prefix-list WL-ADVERTISE seq 5 permit 172.15.0.0/16", "ip prefix-list WL-ADVERTISE seq 10 permit 10.0.1.0/30",
                "ip prefix-list WL-ADVERTISE seq 15 deny any"), list);
        assertTrue(slow.contains(" network 10.0.1.0/30 area 0\n network 10.0.4.0/30 area 0\n"), slow);
        assertTrue(slow.contains(" ospf router-id 10.0.1.1\n"));
        assertFalse(slow.contains("timers") || slow.contains("hello-interval"), "default timers unless fast convergence is asked for");
        String fast = Frr.ospfd("R1", "10.0.1.1", wan, List.of(), true);
        assertTrue(fast.contains("ip prefix-list WL-ADVERTISE seq 5 deny any\n"), "nothing to announce: deny everything");
        assertEquals(2, fast.lines().filter(l -> l.equals(" ip ospf hello-interval 1")).count(), "on every WAN interface");
        assertTrue(fast.contains(" timers throttle spf 0 50 1000\n"));
        String zebra = Frr.zebra("R1", wan);
        assertTrue(zebra.contains("interface W4\n description WAN link to R3\n!\n"), zebra);
    }
}
