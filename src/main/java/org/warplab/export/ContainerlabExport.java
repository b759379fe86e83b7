package org.warplab.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.warplab.config.ConfigGenerator;
import org.warplab.config.ConfigOptions;
import org.warplab.config.GeneratedFile;
import org.warplab.config.StateFiles;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Migration;
import org.warplab.model.Node;
import org.warplab.model.Router;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.LabState;
import org.warplab.scheme.Sites;

/**
 * A lab as a containerlab topology: one container per node, wired as the lab's links (interfaces
 * named as the generated configs name them), each node's generated files bind-mounted read-only
 * and applied by its {@code exec} steps in the order live mode applies them, link impairments in
 * a script for {@code containerlab tools netem}, and one script per migration that makes on the
 * deployed lab the changes live mode makes. Pure: a lab in, files out.
 */
public final class ContainerlabExport {

    /** Which state the deployed lab starts in: before the migrations (scripts then perform them), or after the last. */
    public enum DeployState {
        BEFORE, AFTER;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One file of an export, at {@code path} (forward slashes) under the export directory. */
    public record ExportFile(String path, String content, boolean executable) {
        public ExportFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
        }
    }

    /** An export: the topology, every file (topology included), and what the export could not carry over. */
    public record Bundle(String name, ClabTopology topology, List<ExportFile> files, List<String> notes) {
        public String topologyFile() {
            return name + ".clab.yml";
        }
    }

    /** FRR's own image: routers whose files need nothing beyond iproute2 and FRR. */
    public static final String ROUTER_IMAGE = "quay.io/frrouting/frr:10.2.1";
    /** FRR's image with nftables and radvd added, built from the exported Dockerfile (routers that translate or advertise). */
    public static final String ROUTER_TOOLS_IMAGE = "warplab/frr-tools:10.2.1";
    static final String ROUTER_TOOLS_DOCKERFILE = "images/frr-tools/Dockerfile";
    /** A small Linux image with iproute2, nftables, arping and ping: hosts, data-center LANs, VM stand-ins. */
    public static final String HOST_IMAGE = "nicolaka/netshoot:v0.13";
    /** Where a node's files appear inside its container: {@code /warplab/STATE/NODE/...}. */
    public static final String CONTAINER_ROOT = "/warplab";
    /** Where the generated files are in the export: {@code configs/STATE/NODE/...}. */
    public static final String CONFIG_DIR = "configs";
    /** Schemes whose migration switch live mode performs, and so the export can script. */
    static final Set<SchemeKind> SCRIPTED = Set.of(SchemeKind.NETWORK_PAGING, SchemeKind.SEGMENTATION, SchemeKind.MOBILE_IPV6, SchemeKind.NONE);

    private ContainerlabExport() {
    }

    /** A containerlab lab name from a lab file's name: lowercase letters, digits and dashes. */
    public static String labName(String fileName) {
        String base = fileName.replaceFirst("\\.warplab\\.json$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "lab-" + base;
        }
        return base.length() > 40 ? base.substring(0, 40).replaceAll("-+$", "") : base;
    }

    /** The export of a valid lab (no validator errors) under {@code name}, deployed in {@code state}, for a stock kernel. */
    public static Bundle export(Lab lab, String name, DeployState state) {
        return export(lab, name, state, ConfigOptions.DEFAULTS);
    }

    /**
     * The same with the generator's kernel variants of {@code options} (802.1Q or VXLAN segments,
     * ip6tnl or seg6 tunnels): containers share the host's kernel, so the variants follow it.
     */
    public static Bundle export(Lab lab, String name, DeployState state, ConfigOptions options) {
        List<StateFiles> all = withInterfaceDefaults(lab, ConfigGenerator.generateAll(lab, options), state);
        List<StateFiles> used = state == DeployState.BEFORE ? all : List.of(all.get(all.size() - 1));
        StateFiles deployed = used.get(0);
        List<String> notes = new ArrayList<>();
        List<ExportFile> files = new ArrayList<>();
        for (StateFiles s : used) {
            for (GeneratedFile f : s.files()) {
                if (!f.device().equals(ConfigGenerator.WIRING_DEVICE)) {
                    files.add(new ExportFile(CONFIG_DIR + "/" + s.state() + "/" + f.path(), f.content(), false));
                }
            }
        }
        boolean toolsImage = false;
        Map<String, ClabTopology.Node> nodes = new LinkedHashMap<>();
        for (Node node : lab.nodes()) {
            List<GeneratedFile> mine = deployed.files().stream().filter(f -> f.device().equals(node.id())).toList();
            boolean needsTools = mine.stream().anyMatch(f -> f.relativePath().startsWith("nft/") || f.relativePath().startsWith("radvd/"));
            String image = node instanceof Router ? (needsTools ? ROUTER_TOOLS_IMAGE : ROUTER_IMAGE) : HOST_IMAGE;
            toolsImage |= image.equals(ROUTER_TOOLS_IMAGE);
            List<String> binds = used.stream().map(s -> CONFIG_DIR + "/" + s.state() + "/" + node.id() + ":" + containerDir(s.state(), node.id()) + ":ro").toList();
            nodes.put(node.id(), new ClabTopology.Node("linux", image, "none", binds, ApplySteps.exec(node.id(), deployed.state(), mine)));
        }
        LabState start = state == DeployState.BEFORE ? LabState.all(lab).get(0) : LabState.all(lab).get(LabState.all(lab).size() - 1);
        List<ClabTopology.Link> links = links(lab, start, start, state);
        ClabTopology topology = new ClabTopology(name, nodes, links);
        files.add(0, new ExportFile(name + ".clab.yml", header(lab, deployed.state()) + topology.toYaml(), false));
        if (toolsImage) {
            files.add(new ExportFile(ROUTER_TOOLS_DOCKERFILE, """
                    # FRR's image with the tools WarpLab's router files need besides iproute2:
                    # nft (network paging translation) and radvd (Mobile IPv6 router advertisements).
                    FROM %s
                    RUN apk add --no-cache nftables radvd
                    """.formatted(ROUTER_IMAGE), false));
        }
        files.add(new ExportFile("impairments.sh", Impairments.script(lab, name, notes), true));
        List<String> scripts = new ArrayList<>();
        if (state == DeployState.BEFORE && !lab.migrations().isEmpty()) {
            if (SCRIPTED.contains(lab.scheme())) {
                List<LabState> states = LabState.all(lab);
                for (int i = 1; i < states.size(); i++) {
                    LabState after = states.get(i);
                    StateFiles afterFiles = all.get(i);
                    String script = MigrationScript.of(lab, name, after, afterFiles);
                    String file = "migrate-" + after.migration().orElseThrow().id() + ".sh";
                    files.add(new ExportFile(file, script, true));
                    scripts.add(file);
                }
            } else {
                notes.add("no migration scripts: live mode does not perform the " + lab.scheme().label()
                        + " switch, so there is nothing faithful to script; the after-state files are in " + CONFIG_DIR + "/");
            }
        }
        if (state == DeployState.AFTER && !lab.migrations().isEmpty()) {
            notes.add("deployed in the state after the last migration (" + deployed.state() + "): no migration scripts");
        }
        files.add(new ExportFile("README.md", ExportReadme.text(lab, name, deployed.state(), topology, scripts, toolsImage, notes), false));
        return new Bundle(name, topology, files, notes);
    }

    /**
     * Writes {@code bundle} under {@code dir} (created if missing); scripts get their executable
     * bits. Returns how many files were written.
     */
    public static int write(Bundle bundle, java.nio.file.Path dir) throws java.io.IOException {
        for (ExportFile file : bundle.files()) {
            java.nio.file.Path target = dir.resolve(file.path());
            java.nio.file.Files.createDirectories(target.getParent());
            org.warplab.files.SafeWrite.text(target, file.content());
            if (file.executable() && target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                java.nio.file.Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return bundle.files().size();
    }

    /** Each state's files plus, per node, its {@link InterfaceDefaults} file for the interfaces containerlab creates. */
    private static List<StateFiles> withInterfaceDefaults(Lab lab, List<StateFiles> states, DeployState state) {
        List<LabState> labStates = LabState.all(lab);
        LabState start = state == DeployState.BEFORE ? labStates.get(0) : labStates.get(labStates.size() - 1);
        List<StateFiles> out = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            StateFiles s = states.get(i);
            // a VM's interfaces are renamed as it moves: name them as they are in this state
            Map<String, List<String>> interfaces = new LinkedHashMap<>();
            for (ClabTopology.Link link : links(lab, start, labStates.get(i), state)) {
                for (String end : link.endpoints()) {
                    interfaces.computeIfAbsent(end.substring(0, end.indexOf(':')), k -> new ArrayList<>()).add(end.substring(end.indexOf(':') + 1));
                }
            }
            List<GeneratedFile> files = new ArrayList<>(s.files());
            for (GeneratedFile f : s.files()) {
                if (f.relativePath().equals("sysctl.conf") && interfaces.containsKey(f.device())) {
                    InterfaceDefaults.of(f.device(), f.content(), interfaces.get(f.device())).ifPresent(text -> files.add(
                            new GeneratedFile(f.device(), InterfaceDefaults.FILE, text, "sysctl.conf's default keys for the interfaces containerlab creates")));
                }
            }
            out.add(new StateFiles(s.state(), files));
        }
        return out;
    }

    /**
     * The lab's links, then each VM's attachment to every data center it is wired to (from
     * {@code start}), its interface named as it is in state {@code now}.
     */
    private static List<ClabTopology.Link> links(Lab lab, LabState start, LabState now, DeployState state) {
        List<ClabTopology.Link> links = new ArrayList<>();
        for (Link link : lab.links()) {
            String end = InterfaceNames.linkEnd(link);
            links.add(new ClabTopology.Link(link.a() + ":" + end, link.b() + ":" + end, link.mtu()));
        }
        for (Vm vm : lab.vms()) {
            for (String dc : visits(lab, vm, start, state)) {
                String vmSide = dc.equals(now.placement().of(vm.id())) ? InterfaceNames.VM_INTERFACE : InterfaceNames.vmStandbyPort(dc);
                int mtu = Sites.lanLinkOf(lab, dc).map(Link::mtu).orElse(Link.DEFAULT_MTU);
                links.add(new ClabTopology.Link(vm.id() + ":" + vmSide, dc + ":" + InterfaceNames.vmPort(vm.id()), mtu));
            }
        }
        return links;
    }

    /** {@code /warplab/STATE/NODE}: a node's files of one state inside its container. */
    public static String containerDir(String state, String node) {
        return CONTAINER_ROOT + "/" + state + "/" + node;
    }

    /** The data centers a VM is wired to: where it starts, then (deploying before) every destination of its migrations. */
    private static List<String> visits(Lab lab, Vm vm, LabState start, DeployState state) {
        Set<String> dcs = new LinkedHashSet<>();
        dcs.add(start.placement().of(vm.id()));
        if (state == DeployState.BEFORE) {
            for (Migration m : lab.migrations()) {
                if (m.vm().equals(vm.id())) {
                    dcs.add(m.to());
                }
            }
        }
        return new ArrayList<>(dcs);
    }

    private static String header(Lab lab, String state) {
        return "# containerlab topology of WarpLab lab \"" + lab.name().replaceAll("[\\r\\n]+", " ") + "\", deployed in state " + state + "\n"
                + "# every node's generated files are bound under " + CONTAINER_ROOT + "/STATE/NODE and applied by its exec steps; see README.md\n";
    }
}
