package org.warplab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.Lab;
import org.warplab.model.ProbeFlow;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.LabState;
import org.warplab.testing.Samples;
import org.warplab.live.Capabilities;
import org.warplab.live.CapabilityProbe;
import org.warplab.live.HostTools;
import org.warplab.live.LabRealizer;
import org.warplab.live.NamespaceNames;
import org.warplab.live.ProcessCommandRunner;
import org.warplab.testing.Tools;

/**
 * As root: every state of every sample lab is built on scratch namespaces from the generated files
 * (each command must succeed), and for the three schemes each client reaches its VM in every state.
 * Where this kernel lacks 802.1Q or ip6tnl, the fallback variant is what gets applied; the test
 * prints which.
 */
@Tag("live")
class NamespaceApplyTest {

    @TempDir
    Path temp;

    static Capabilities kernel;

    @BeforeAll
    static void probe() {
        Tools.requireRoot();
        Tools.require("ip");
        Tools.require("nft");
        Tools.require("bridge");
        Tools.require("ping");
        // the same probe and the same choice of variants as live mode
        kernel = new CapabilityProbe(new ProcessCommandRunner(), HostTools.fromEnvironment()).probe();
        ConfigOptions chosen = options("");
        System.out.println("[namespaces] kernel: 802.1Q " + kernel.vlan8021q() + ", bridge vlan_filtering " + kernel.bridgeVlanFiltering() + ", ip6tnl "
                + kernel.ip6tnl() + " -> applying segment transport " + chosen.segmentTransport().key() + ", MIPv6 tunnel " + chosen.mipTunnel().key());
    }

    static List<String> labs() {
        return Samples.names();
    }

    @ParameterizedTest
    @MethodSource("labs")
    void everyStateAppliesAndClientsReachTheirVms(String name) throws IOException {
        Lab lab = Samples.lab(name);
        String prefix = "wl-t-" + Integer.toHexString(name.hashCode() & 0xffff) + "-";
        ConfigOptions options = options(prefix);
        for (StateFiles state : ConfigGenerator.generateAll(lab, options)) {
            try (ScratchLab scratch = ScratchLab.build(lab, state.files(), prefix, temp.resolve(state.state()))) {
                assertEquals(List.of(), scratch.failures, name + " " + state.state() + ": generated files did not apply");
                if (lab.scheme().isBaseline()) {
                    continue; // nothing follows the VM in a baseline: reachability after a move is not expected
                }
                for (ProbeFlow flow : lab.traffic()) {
                    String address = target(lab, flow).toString();
                    int replies = scratch.ping(flow.client(), address, 5);
                    assertTrue(replies >= 3, name + " " + state.state() + ": " + flow.client() + " got " + replies + "/5 replies from " + address);
                }
            }
        }
    }

    private static IpAddress target(Lab lab, ProbeFlow flow) {
        Vm vm = lab.node(flow.vm(), Vm.class).orElseThrow();
        IpFamily family = lab.scheme() == SchemeKind.MOBILE_IPV6 ? IpFamily.IPV6 : IpFamily.IPV4;
        return vm.address(family).orElseThrow();
    }

    /**
     * The paper's paging lab, moved the way live mode moves a VM: after the VM's port is on the
     * destination LAN the client loses it until the client edge runs the generated one-element
     * switch; then it answers, and the client edge's ruleset equals the generated after-state one.
     */
    @Test
    void pagingSwitchIsWhatMakesTheMovedVmReachable() throws IOException {
        Lab lab = Samples.lab("paging-paper");
        String prefix = "wl-t-pgsw-";
        ConfigOptions options = options(prefix);
        List<StateFiles> states = ConfigGenerator.generateAll(lab, options);
        StateFiles after = states.get(1);
        assertEquals(LabState.afterName(lab.migrations().get(0)), after.state());
        Path afterDir = temp.resolve("after");
        try (ScratchLab scratch = ScratchLab.build(lab, states.get(0).files(), prefix, temp.resolve("before"))) {
            assertEquals(List.of(), scratch.failures);
            assertTrue(scratch.ping("U", "172.16.10.2", 3) >= 2, "U must reach vm1 in PDC before the move");
            scratch.step(List.of("ip", "-n", scratch.ns("vm1"), "link", "delete", InterfaceNames.VM_INTERFACE), "unplug vm1");
            scratch.step(List.of("ip", "link", "add", InterfaceNames.VM_INTERFACE, "netns", scratch.ns("vm1"), "type", "veth", "peer", "name",
                    InterfaceNames.vmPort("vm1"), "netns", scratch.ns("ADC")), "plug vm1 into ADC");
            for (GeneratedFile f : after.files()) {
                if (f.device().equals("vm1") && f.relativePath().equals("ip.batch")) {
                    java.nio.file.Files.createDirectories(afterDir);
                    java.nio.file.Files.writeString(afterDir.resolve("vm1.batch"), f.content());
                }
            }
            scratch.step(List.of("ip", "-n", scratch.ns("vm1"), "-batch", afterDir.resolve("vm1.batch").toString()), "vm1 after");
            scratch.step(List.of("ip", "-n", scratch.ns("ADC"), "link", "set", "dev", InterfaceNames.vmPort("vm1"), "master",
                    InterfaceNames.DATA_CENTER_BRIDGE, "up"), "ADC port");
            assertEquals(List.of(), scratch.failures);
            assertEquals(0, scratch.ping("U", "172.16.10.2", 3), "before the switch R3 still sends vm1's traffic to PDC's S'");
            GeneratedFile switchFile = after.files().stream().filter(f -> f.device().equals("R3") && f.relativePath().equals("nft/switch-MIG1.nft"))
                    .findFirst().orElseThrow();
            Path switchPath = afterDir.resolve("switch.nft");
            java.nio.file.Files.writeString(switchPath, switchFile.content());
            scratch.step(List.of("ip", "netns", "exec", scratch.ns("R3"), "nft", "-f", switchPath.toString()), "switch");
            assertEquals(List.of(), scratch.failures);
            assertTrue(scratch.ping("U", "172.16.10.2", 3) >= 2, "after the switch U must reach vm1 in ADC at its old address");
            String switched = Tools.run(List.of("ip", "netns", "exec", scratch.ns("R3"), "nft", "list", "table", "ip", Nftables.TABLE)).output();
            GeneratedFile afterRuleset = after.files().stream().filter(f -> f.device().equals("R3") && f.relativePath().equals("nft/paging.nft"))
                    .findFirst().orElseThrow();
            Path rulesetPath = afterDir.resolve("R3-after.nft");
            java.nio.file.Files.writeString(rulesetPath, afterRuleset.content());
            scratch.step(List.of("ip", "netns", "exec", scratch.ns("R3"), "nft", "-f", rulesetPath.toString()), "reload after ruleset");
            String reloaded = Tools.run(List.of("ip", "netns", "exec", scratch.ns("R3"), "nft", "list", "table", "ip", Nftables.TABLE)).output();
            assertEquals(reloaded, switched, "the switched client edge must hold exactly the after-state ruleset");
        }
    }

    private static ConfigOptions options(String namespacePrefix) {
        return LabRealizer.optionsFor(kernel, new NamespaceNames("t")).withNamespacePrefix(namespacePrefix);
    }
}
