package org.warplab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.config.ConfigOptions;
import org.warplab.emulation.network.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.model.IpFamily;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.ProbeFlow;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.run.MigrationMetrics;
import org.warplab.live.Capabilities;
import org.warplab.live.CapabilityProbe;
import org.warplab.live.HostTools;
import org.warplab.live.LabRealizer;
import org.warplab.live.NamespaceNames;
import org.warplab.live.ProcessCommandRunner;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

/**
 * As root: an export is deployed here the way containerlab deploys it, from what the export says
 * and nothing else: the topology is read back from its YAML, each node gets a network namespace,
 * each link a veth pair with its MTU (containerlab makes the links before running exec), then each
 * node's exec steps run in order with {@code ip netns exec} standing in for {@code docker exec}
 * and the bind targets mapped to their sources. Then the migration scripts run as exported, with
 * their {@code ip netns exec} mode. Each client must reach its VM before, and after each migration
 * exactly when the emulator (whose figures live mode reproduces) says it stays reachable.
 */
@Tag("live")
class ContainerlabRoundTripTest {

    @TempDir
    Path dir;

    static ConfigOptions kernel;

    @BeforeAll
    static void tools() {
        Tools.requireRoot();
        for (String tool : List.of("ip", "bridge", "nft", "sysctl", "radvd", "arping", "ping", "sh")) {
            Tools.require(tool);
        }
        // containers share the host's kernel: export the variants it has, as live mode chooses them
        Capabilities capabilities = new CapabilityProbe(new ProcessCommandRunner(), HostTools.fromEnvironment()).probe();
        kernel = LabRealizer.optionsFor(capabilities, new NamespaceNames("c")).withNamespacePrefix("");
        System.out.println("[containerlab round trip] segments " + kernel.segmentTransport().key() + ", Mobile IPv6 tunnel " + kernel.mipTunnel().key());
    }

    @ParameterizedTest
    @MethodSource("org.warplab.testing.Samples#names")
    void theExportDeployedOnNamespacesReachesWhatTheLabReaches(String name) throws Exception {
        Lab lab = Samples.lab(name);
        List<MigrationMetrics> emulated = emulated(lab);
        String prefix = "wl-c" + Integer.toHexString(name.hashCode() & 0xfff) + "-";
        ContainerlabExport.Bundle bundle = ContainerlabExport.export(lab, ContainerlabExport.labName(name), ContainerlabExport.DeployState.BEFORE, kernel);
        Path before = dir.resolve("before");
        ContainerlabExport.write(bundle, before);
        try (Deployed deployed = Deployed.deploy(before.resolve(bundle.topologyFile()), prefix)) {
            assertEquals(List.of(), deployed.failures, name + ": exec steps failed");
            for (ProbeFlow flow : lab.traffic()) {
                assertReach(deployed, lab, flow, true, name + " before the migrations");
            }
            for (int i = 0; i < lab.migrations().size(); i++) {
                Migration migration = lab.migrations().get(i);
                Tools.Result script = runScript(before.resolve("migrate-" + migration.id() + ".sh"), prefix, before.resolve(ContainerlabExport.CONFIG_DIR));
                assertTrue(script.ok(), name + " " + migration.id() + ": the script failed:\n" + script.output());
                boolean expected = emulated.get(i).reachableAfter();
                for (ProbeFlow flow : lab.traffic()) {
                    if (flow.vm().equals(migration.vm())) {
                        assertReach(deployed, lab, flow, expected, name + " after " + migration.id());
                    }
                }
            }
        }
        if (lab.migrations().isEmpty()) {
            return;
        }
        // deployed straight into the state after the last migration: the same reachability as after the scripts
        ContainerlabExport.Bundle after = ContainerlabExport.export(lab, ContainerlabExport.labName(name), ContainerlabExport.DeployState.AFTER, kernel);
        Path afterDir = dir.resolve("after");
        ContainerlabExport.write(after, afterDir);
        try (Deployed deployed = Deployed.deploy(afterDir.resolve(after.topologyFile()), prefix)) {
            assertEquals(List.of(), deployed.failures, name + " (after): exec steps failed");
            Migration last = lab.migrations().get(lab.migrations().size() - 1);
            for (ProbeFlow flow : lab.traffic()) {
                if (flow.vm().equals(last.vm())) {
                    assertReach(deployed, lab, flow, emulated.get(emulated.size() - 1).reachableAfter(), name + " deployed after " + last.id());
                }
            }
        }
    }

    private static List<MigrationMetrics> emulated(Lab lab) throws EmulationException {
        return Emulator.run(lab, Emulator.Options.defaults(1)).result().migrations();
    }

    private static void assertReach(Deployed deployed, Lab lab, ProbeFlow flow, boolean expected, String when) {
        Vm vm = lab.node(flow.vm(), Vm.class).orElseThrow();
        IpFamily family = lab.scheme() == SchemeKind.MOBILE_IPV6 ? IpFamily.IPV6 : IpFamily.IPV4;
        String address = vm.address(family).orElseThrow().toString();
        int replies = deployed.ping(flow.client(), address, 5);
        if (expected) {
            assertTrue(replies >= 3, when + ": " + flow.client() + " got " + replies + "/5 replies from " + vm.id() + " " + address);
        } else {
            assertEquals(0, replies, when + ": " + flow.client() + " must not reach " + vm.id() + " " + address + " (the lab loses it)");
        }
    }

    /** The exported script, unchanged, in its {@code ip netns exec} mode. */
    private static Tools.Result runScript(Path script, String prefix, Path configs) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
        builder.environment().put("WARPLAB_NETNS_PREFIX", prefix);
        builder.environment().put("WARPLAB_DIR", configs.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Tools.Result(-1, "timed out\n" + output);
        }
        return new Tools.Result(process.exitValue(), output);
    }

    /** An export deployed on namespaces; closing kills its radvd daemons and deletes its namespaces by name. */
    static final class Deployed implements AutoCloseable {
        final String prefix;
        final List<String> namespaces = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final List<Path> pidFiles = new ArrayList<>();

        private Deployed(String prefix) {
            this.prefix = prefix;
        }

        static Deployed deploy(Path topologyFile, String prefix) throws IOException, InterruptedException {
            JsonNode topology = new YAMLMapper().readTree(topologyFile.toFile());
            Path base = topologyFile.getParent();
            Deployed lab = new Deployed(prefix);
            JsonNode nodes = topology.get("topology").get("nodes");
            for (Iterator<String> it = nodes.fieldNames(); it.hasNext(); ) {
                String node = it.next();
                lab.step(List.of("ip", "netns", "add", prefix + node), node);
                lab.namespaces.add(prefix + node);
            }
            for (JsonNode link : topology.get("topology").get("links")) {
                String[] a = link.get("endpoints").get(0).asText().split(":");
                String[] b = link.get("endpoints").get(1).asText().split(":");
                String mtu = link.get("mtu").asText();
                lab.step(List.of("ip", "link", "add", a[1], "netns", prefix + a[0], "mtu", mtu, "type", "veth", "peer", "name", b[1], "netns", prefix + b[0],
                        "mtu", mtu), "link " + link.get("endpoints"));
                lab.step(List.of("ip", "-n", prefix + a[0], "link", "set", "dev", a[1], "up"), "up");
                lab.step(List.of("ip", "-n", prefix + b[0], "link", "set", "dev", b[1], "up"), "up");
            }
            for (Map.Entry<String, JsonNode> node : (Iterable<Map.Entry<String, JsonNode>>) nodes::fields) {
                List<String[]> binds = new ArrayList<>();
                node.getValue().get("binds").forEach(bind -> binds.add(bind.asText().split(":")));
                binds.sort(Comparator.comparingInt((String[] bind) -> bind[1].length()).reversed());
                for (JsonNode exec : node.getValue().get("exec")) {
                    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", prefix + node.getKey()));
                    for (String arg : exec.asText().split(" ")) {
                        argv.add(host(arg, binds, base));
                        if (arg.endsWith(".pid")) {
                            lab.pidFiles.add(Path.of(arg));
                        }
                    }
                    lab.step(argv, node.getKey() + ": " + exec.asText());
                }
            }
            // IPv6 addresses on link interfaces pass DAD once (the README says why): wait it out
            Thread.sleep(2500);
            return lab;
        }

        /** A container path under a bind target, as the host path of its source. */
        private static String host(String arg, List<String[]> binds, Path base) {
            for (String[] bind : binds) {
                if (arg.equals(bind[1]) || arg.startsWith(bind[1] + "/")) {
                    return base.resolve(bind[0]).toAbsolutePath() + arg.substring(bind[1].length());
                }
            }
            return arg;
        }

        void step(List<String> command, String what) {
            Tools.Result result = Tools.run(command);
            if (!result.ok()) {
                failures.add(what + ": " + String.join(" ", command) + "\n" + result.output());
            }
        }

        int ping(String node, String address, int count) {
            Tools.Result r = Tools.run(List.of("ip", "netns", "exec", prefix + node, "ping", "-c", String.valueOf(count), "-i", "0.2", "-W", "1", address));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) received").matcher(r.output());
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }

        @Override
        public void close() throws IOException {
            for (Path pid : pidFiles) {
                if (Files.exists(pid)) {
                    Tools.run(List.of("kill", Files.readString(pid).strip()));
                    Files.deleteIfExists(pid);
                    Files.deleteIfExists(Path.of(pid.toString().replaceFirst("\\.pid$", ".log")));
                }
            }
            for (String ns : namespaces) {
                Tools.run(List.of("ip", "netns", "delete", ns));
            }
        }
    }
}
