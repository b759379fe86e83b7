package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.config.ConfigGenerator;
import org.warplab.config.ConfigOptions;
import org.warplab.config.ConfigTree;
import org.warplab.config.MobileIpv6Files;
import org.warplab.model.Client;
import org.warplab.model.Lab;
import org.warplab.model.ProbeFlow;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;
import org.warplab.testing.Samples;

/** Each scheme's part of live mode, read without root: which agents it starts with which arguments, what it refuses, where probes aim. */
class LiveSchemeTest {

    private static final HostTools TOOLS = new HostTools(tool -> Optional.of(Path.of("/usr/sbin", tool)));

    @TempDir
    Path dir;

    /** The scheme's own agents for {@code lab}, over its generated configs written as a live run writes them. */
    private List<AgentLaunch> agents(Lab lab) throws IOException {
        Path configs = dir.resolve(NamespaceNames.labId(lab));
        ConfigTree.write(ConfigGenerator.generateAll(lab, ConfigOptions.DEFAULTS), configs);
        return LiveScheme.of(lab).agents(new LiveScheme.AgentSite(lab, configs, TOOLS, NamespaceNames.of(lab)));
    }

    @Test
    void pagingStartsASwitcherOnTheClientEdgeWithTheGeneratedSwitchLineAndAWatcherOnEachCapturingLan() throws IOException {
        Lab lab = Samples.lab("paging-paper");
        List<AgentLaunch> agents = agents(lab);
        String rule = "{\"vm\":\"172.16.10.2\",\"location\":\"ADC\",\"nftCommand\":\"delete element ip warplab_paging vm_location { 172.16.10.2 }; "
                + "add element ip warplab_paging vm_location { 172.16.10.2 : jump at_ADC }\"}";
        assertEquals(new AgentLaunch("switcher R3", "R3", "switcher", List.of("--port", "40999", "--nft", "/usr/sbin/nft", "--rule", rule)),
                agents.get(0));
        assertEquals(List.of("watcher PDC", "watcher ADC"), agents.subList(1, 3).stream().map(AgentLaunch::name).toList());
        for (AgentLaunch watcher : agents.subList(1, 3)) {
            assertEquals("watcher", watcher.kind());
            assertEquals(List.of("--device", "br.lan", "--location", watcher.node(), "--trigger", "rarp",
                    "--vm", "{\"mac\":\"52:54:00:10:00:02\",\"address\":\"172.16.10.2\"}", "--notify", "10.1.0.1:40999"), watcher.args());
            Command address = watcher.before().get(0);
            assertEquals(List.of("/usr/sbin/ip", "-n", NamespaceNames.of(lab).namespace(watcher.node()), "-batch", "-"), address.argv());
            assertEquals("address add 172.16.255.254/16 dev br.lan\nroute add default via 172.16.0.1 dev br.lan\n", address.stdin());
        }
        assertEquals(3, agents.size());
    }

    @Test
    void pagingOverThreeDataCentersGivesEveryEdgeEachMovesRuleAndEveryWatcherEveryEdge() throws IOException {
        List<AgentLaunch> agents = agents(Samples.lab("paging-three-dc"));
        Map<String, List<String>> rulesByEdge = new TreeMap<>();
        Set<String> watchers = new TreeSet<>();
        for (AgentLaunch agent : agents) {
            if (agent.kind().equals(AgentLaunch.SWITCHER)) {
                rulesByEdge.put(agent.node(), agent.args().stream().filter(a -> a.startsWith("{")).map(a -> a.replaceAll(".*\"location\":\"(\\w+)\".*", "$1")).toList());
            } else {
                watchers.add(agent.node());
                assertEquals(Set.of("10.1.0.1:40999", "10.2.0.1:40999"), Set.copyOf(valuesOf(agent, "--notify")));
            }
        }
        assertEquals(Map.of("CE1", List.of("DC2", "DC3", "DC1"), "CE2", List.of("DC2", "DC3", "DC1")), rulesByEdge, "one rule per move, in the moves' order");
        assertEquals(Set.of("DC1", "DC2", "DC3"), watchers);
    }

    @Test
    void mobileIpv6StartsTheHomeAgentThenAMobileNodePerMovingVmWithTheGeneratedBindingFiles() throws IOException {
        Lab lab = Samples.lab("mipv6-paper");
        List<AgentLaunch> agents = agents(lab);
        Path after = dir.resolve(NamespaceNames.labId(lab)).resolve("after-MIG1");
        assertEquals(new AgentLaunch("home agent HA", "HA", "home-agent", List.of("--address", "2001:db8:1::1", "--home-prefix", "2001:db8:1::/64",
                "--ip", "/usr/sbin/ip", "--home-link", "L1", "--device", "L1", "--device", "W1", "--binding",
                "{\"homeAddress\":\"2001:db8:1::100\",\"careOf\":\"2001:db8:2:0:5054:ff:fe00:100\",\"file\":\"" + after.resolve("HA/mip6/binding-mn.batch") + "\"}")),
                agents.get(0));
        assertEquals(new AgentLaunch("mobile node mn", "mn", "mobile-node", List.of("--device", "eth0", "--mac", "52:54:00:00:01:00",
                "--home-address", "2001:db8:1::100", "--home-prefix", "2001:db8:1::/64", "--home-agent", "2001:db8:1::1", "--dad", "standard",
                "--lifetime-s", "420", "--ip", "/usr/sbin/ip", "--foreign", "{\"prefix\":\"2001:db8:2::/64\",\"careOfFile\":\""
                        + after.resolve("mn/mip6/care-of.batch") + "\",\"bindingFile\":\"" + after.resolve("mn/mip6/binding.batch") + "\"}")),
                agents.get(1));
        assertEquals(2, agents.size());
    }

    @Test
    void aMobileNodeComingHomeIsToldItsDeregistrationFilesAndSoIsTheHomeAgent() throws IOException {
        Lab lab = BackAndForth.repeat(Samples.lab("mipv6-paper"), 2, 7_000_000_000L);
        List<AgentLaunch> agents = agents(lab);
        Path home = dir.resolve(NamespaceNames.labId(lab)).resolve("after-" + lab.migrations().get(1).id());
        assertEquals(List.of(home.resolve("mn").resolve(MobileIpv6Files.DEREGISTRATION).toString()), valuesOf(agents.get(1), "--home-file"));
        assertEquals(1, valuesOf(agents.get(0), "--deregistration").size());
        assertEquals(1, valuesOf(agents.get(0), "--binding").size());
    }

    @Test
    void segmentationAndNoSchemeHaveNoAgentsOfTheirOwn() throws IOException {
        assertEquals(List.of(), agents(Samples.lab("segmentation-tenants")));
        assertEquals(List.of(), agents(Samples.lab("baseline-no-scheme")));
    }

    @Test
    void probesAimAtAnAddressOfASharedFamilyAndForMobileIpv6AtTheHomeAddress() {
        Lab paging = Samples.lab("paging-paper");
        ProbeFlow flow = paging.traffic().get(0);
        AgentLaunch probe = LiveAgents.probe(LiveScheme.of(paging), flow, paging.node(flow.client(), Client.class).orElseThrow(),
                paging.node(flow.vm(), Vm.class).orElseThrow());
        assertEquals(List.of("--flow", flow.id(), "--target", "172.16.10.2", "--port", "7007", "--bytes", String.valueOf(flow.packetBytes()),
                "--interval-ns", String.valueOf(flow.intervalNs())), probe.args());
        assertEquals(flow.client(), probe.node());
        Lab mip = Samples.lab("mipv6-paper");
        ProbeFlow mipFlow = mip.traffic().get(0);
        Vm mn = mip.node(mipFlow.vm(), Vm.class).orElseThrow();
        assertEquals("2001:db8:1::100", valuesOf(LiveAgents.probe(LiveScheme.of(mip), mipFlow, mip.node(mipFlow.client(), Client.class).orElseThrow(), mn),
                "--target").get(0));
        assertEquals("2001:db8:1::100", LiveScheme.of(mip).measuredAddress(mn).toString());
    }

    @Test
    void aClientWithoutTheSchemesFamilyIsNamedWithWhatTheSchemeNeeds() {
        Lab mip = Samples.lab("mipv6-paper");
        Vm mn = mip.vms().get(0);
        Client v4Only = new Client("C4", "C4", mip.clients().get(0).position(), List.of(
                org.warplab.model.InterfaceAddress.parse("192.0.2.10/24")), List.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LiveAgents.probe(LiveScheme.of(mip), mip.traffic().get(0), v4Only, mn));
        assertEquals("client C4 shares no address family with " + mn.id() + " over IPv6, which Mobile IPv6 needs", e.getMessage());
    }

    @Test
    void theSchemesLiveModeRunsAreThoseWhosePartRuns() {
        Map<SchemeKind, Lab> labs = Map.of(SchemeKind.NETWORK_PAGING, Samples.lab("paging-paper"), SchemeKind.SEGMENTATION, Samples.lab("segmentation-tenants"),
                SchemeKind.MOBILE_IPV6, Samples.lab("mipv6-paper"));
        for (SchemeKind kind : SchemeKind.values()) {
            Lab lab = labs.getOrDefault(kind, Samples.lab("baseline-no-scheme")).withScheme(kind); // a baseline's settings have defaults
            LiveScheme part = LiveScheme.of(lab);
            assertEquals(kind, part.scheme().kind());
            assertEquals(part.runs(), LiveRunner.SUPPORTED.contains(kind), kind.key());
            assertEquals(part.runs(), part.refusal(lab).isEmpty(), kind.key());
        }
        assertEquals(Arrays.stream(SchemeKind.values()).filter(LiveRunner.SUPPORTED::contains).toList(), LiveRunner.SUPPORTED, "in the order of SchemeKind");
    }

    @Test
    void refusalsReadAsBefore() {
        Lab paging = Samples.lab("paging-paper");
        assertEquals(Optional.of("live mode runs network-paging, segmentation, mobile-ipv6 and none so far; 'l2-extension' runs in the emulator (warplab emulate)"),
                LiveRunner.unsupported(paging, SchemeKind.L2_EXTENSION));
        assertEquals(Optional.of("live mode runs network-paging, segmentation, mobile-ipv6 and none so far; 'routing-move' runs in the emulator (warplab emulate)"),
                LiveRunner.unsupported(paging, SchemeKind.ROUTING_MOVE));
        Lab qemu = LiveRunner.withRuntime(Samples.lab("mipv6-paper"), Optional.of(VmRuntime.QEMU));
        assertEquals(Optional.of("Mobile IPv6 inside the QEMU guest is out of scope; run this lab with namespace VMs or in the emulator"),
                LiveRunner.unsupported(qemu, SchemeKind.MOBILE_IPV6));
        assertEquals(Optional.empty(), LiveRunner.unsupported(LiveRunner.withRuntime(paging, Optional.of(VmRuntime.QEMU)), SchemeKind.NETWORK_PAGING));
        assertEquals(Optional.of("the lab has no udp-echo probe flow to measure the migration with; add one under traffic"),
                LiveRunner.unsupported(paging.withTraffic(List.of()), SchemeKind.NETWORK_PAGING));
        assertEquals(Optional.of("the lab has no settings for Mobile IPv6; add them in the lab's \"schemes\" section"),
                LiveRunner.unsupported(paging, SchemeKind.MOBILE_IPV6));
        assertEquals(List.of(Requirement.RADVD), LiveScheme.of(Samples.lab("mipv6-paper")).tools());
        assertTrue(Requirement.SCHEME_AGENTS.containsAll(LiveScheme.of(Samples.lab("mipv6-paper")).tools()));
        assertFalse(LiveScheme.of(paging).tools().contains(Requirement.RADVD));
    }

    @Test
    void repeatedMovesAreSpacedForTheSchemeToSettleAndTheCliAsksTheSchemeForItsTools() {
        assertEquals(7_000_000_000L, LiveRunner.repeatSpacingNs(Samples.lab("mipv6-paper")), "an RA, two DADs of 1 s, the signalling");
        assertEquals(2_000_000_000L, LiveRunner.repeatSpacingNs(Samples.lab("paging-paper")));
        assertEquals(2_000_000_000L, LiveRunner.repeatSpacingNs(Samples.lab("segmentation-tenants")));
        assertEquals(List.of(Requirement.RADVD), LiveRunner.schemeTools(Samples.lab("mipv6-no-shared-storage")));
        assertEquals(List.of(), LiveRunner.schemeTools(Samples.lab("baseline-no-scheme")));
    }

    private static List<String> valuesOf(AgentLaunch agent, String option) {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < agent.args().size(); i++) {
            if (agent.args().get(i).equals(option)) {
                values.add(agent.args().get(i + 1));
            }
        }
        return values;
    }
}
