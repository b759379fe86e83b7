package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.export.ClabTopology;
import org.warplab.export.ContainerlabExport;
import org.warplab.model.Lab;
import org.warplab.testing.Samples;

/**
 * A containerlab export's exec steps are the commands live mode runs to build the lab: the same
 * tool on the same generated file, node by node, in the same order. Live mode is run against a
 * recording command runner (no root needed), on a kernel with everything (netem, 802.1Q, ip6tnl),
 * which is what the export's files are generated for by default. The export adds one step of its
 * own, named here: {@code sysctl-containerlab.conf}, derived from {@code sysctl.conf}.
 */
class ContainerlabExecMatchesLiveTest {

    @TempDir
    Path dir;

    static List<String> labs() {
        return Samples.names();
    }

    @ParameterizedTest
    @MethodSource("labs")
    void execStepsAreWhatLiveModeApplies(String name) {
        Lab lab = Samples.lab(name);
        RecordingCommandRunner runner = new RecordingCommandRunner();
        HostTools tools = new HostTools(tool -> Optional.of(Path.of("/usr/sbin", tool)));
        NamespaceNames names = new NamespaceNames("cx01");
        Capabilities everything = new Capabilities(true, true, true, true, true, true, true, true);
        Path configs = dir.resolve("configs");
        new LabRealizer(runner, tools).build(lab, names, everything, new LiveState(dir.resolve("state"), names.labId()), configs);
        Map<String, List<String>> live = new LinkedHashMap<>();
        for (String command : runner.displayed()) {
            normalizedLive(command, names, configs.resolve("before").toString()).ifPresent(step ->
                    live.computeIfAbsent(step.substring(0, step.indexOf(' ')), k -> new ArrayList<>()).add(step.substring(step.indexOf(' ') + 1)));
        }
        ClabTopology topology = ContainerlabExport.export(lab, name, ContainerlabExport.DeployState.BEFORE).topology();
        Map<String, List<String>> exported = new LinkedHashMap<>();
        // the one step live mode has no need of: sysctl.conf's default keys for the interfaces containerlab creates before exec
        topology.nodes().forEach((node, n) -> exported.put(node, n.exec().stream().map(e -> normalizedExec(e, node))
                .filter(step -> !step.equals("sysctl sysctl-containerlab.conf")).toList()));
        for (String node : topology.nodes().keySet()) {
            assertEquals(live.getOrDefault(node, List.of()), exported.get(node), name + " " + node + ": exec steps vs live mode's commands");
        }
        assertEquals(topology.nodes().keySet(), live.keySet(), name + ": nodes live mode configures");
    }

    /** "NODE TOOL FILE" of a live command that applies a generated file, else empty (wiring, netem, namespaces). */
    private static Optional<String> normalizedLive(String command, NamespaceNames names, String before) {
        List<String> argv = List.of(command.split(" "));
        String ns;
        List<String> rest;
        if (argv.size() > 4 && argv.get(1).equals("netns") && argv.get(2).equals("exec")) {
            ns = argv.get(3);
            rest = argv.subList(4, argv.size());
        } else if (argv.size() > 2 && argv.get(0).endsWith("/nsenter") && argv.get(1).startsWith("--net=" + LabRealizer.NETNS_DIR)) {
            ns = argv.get(1).substring(("--net=" + LabRealizer.NETNS_DIR).length());
            rest = argv.subList(2, argv.size());
        } else if (argv.size() > 3 && (argv.get(1).equals("-n"))) {
            ns = argv.get(2);
            rest = new ArrayList<>(argv.subList(0, 1));
            rest.addAll(argv.subList(3, argv.size()));
        } else {
            return Optional.empty();
        }
        String tool = Path.of(rest.get(0)).getFileName().toString();
        String file = rest.stream().filter(a -> a.startsWith(before + "/")).findFirst().orElse(null);
        if (file == null || tool.equals("tc")) {
            return Optional.empty();
        }
        String node = ns.substring(names.labPrefix().length());
        String relative = file.substring(before.length() + 1 + node.length() + 1);
        return Optional.of(node + " " + tool + " " + relative);
    }

    /** "TOOL FILE" of an exec step, the file relative to the node's directory of the deployed state. */
    private static String normalizedExec(String exec, String node) {
        String[] argv = exec.split(" ");
        String prefix = ContainerlabExport.containerDir("before", node) + "/";
        for (String arg : argv) {
            if (arg.startsWith(prefix)) {
                return argv[0] + " " + arg.substring(prefix.length());
            }
        }
        return exec;
    }
}
