package org.warplab.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.warplab.config.ConfigGenerator;
import org.warplab.config.MobileIpv6Files;
import org.warplab.config.ConfigOptions;
import org.warplab.config.GeneratedFile;
import org.warplab.config.MipTunnel;
import org.warplab.config.SegmentTransport;
import org.warplab.config.StateFiles;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Node;
import org.warplab.scheme.InterfaceNames;

/**
 * Builds a lab on network namespaces from exactly the files {@code config} generates: one
 * namespace per node, the node's sysctls, the veth wiring, then each node's files in the order its
 * README gives. Link delay and loss come from netem where the kernel has it, else from the
 * user-space delay relay, whose namespace sits in the middle of each delayed link.
 */
public final class LabRealizer {

    /** Links slower than this are not worth relaying: the relay's own cost (~0.3 ms) would dominate. */
    public static final long MIN_RELAYED_DELAY_NS = 500_000L;

    /** A link delayed by the relay: its two relay ports and its quality. */
    public record RelayedLink(Link link, String aPort, String bPort) {
        /** The relay agent's argument for this link. */
        public String relaySpec() {
            return link.id() + ":" + aPort + ":" + bPort + ":" + link.delayNs() + ":" + link.jitterNs() + ":" + link.lossPercent();
        }
    }

    /** One step of building a lab and how long it took. */
    public record BuildStep(String name, long ns) { }

    /** Times the steps of a build one after the other. */
    private static final class StepClock {
        private final List<BuildStep> steps = new ArrayList<>();
        private long last;

        StepClock(long startNs) {
            this.last = startNs;
        }

        void done(String name) {
            long now = System.nanoTime();
            steps.add(new BuildStep(name, now - last));
            last = now;
        }
    }

    /**
     * A built lab: where its files are, how it was built, and how long it took.
     *
     * @param generateNs generating and writing every state's config files
     * @param buildNs creating the namespaces and applying the first state's files to them
     * @param buildSteps {@code buildNs} step by step, in order (what `live run --verbose` prints)
     */
    public record Realization(Lab lab, NamespaceNames names, Path configDir, Capabilities capabilities, ConfigOptions options,
                              List<StateFiles> states, List<RelayedLink> relayed, List<String> notes, long generateNs, long buildNs,
                              List<BuildStep> buildSteps) {

        public String namespace(String nodeId) {
            return names.namespace(nodeId);
        }

        public String relayNamespace() {
            return names.namespace(RELAY_NODE);
        }

        /** The directory of one state's generated files ("before", "after-MIG1", ...). */
        public Path stateDir(String state) {
            return configDir.resolve(state);
        }
    }

    /** Process starts overlap well beyond the core count: they mostly wait on the kernel. */
    static final int PARALLEL_STEPS = 6;

    /** The relay's namespace name; lab ids cannot be lowercase-with-a-dot, so it never clashes with a node. */
    static final String RELAY_NODE = "relay.";

    private final CommandRunner runner;
    private final HostTools tools;

    public LabRealizer(CommandRunner runner, HostTools tools) {
        this.runner = runner;
        this.tools = tools;
    }

    /** The generator options that fit this kernel: 802.1Q or VXLAN segments, ip6tnl or seg6 tunnels. */
    public static ConfigOptions optionsFor(Capabilities capabilities, NamespaceNames names) {
        return ConfigOptions.DEFAULTS
                .withSegmentTransport(capabilities.vlan8021q() && capabilities.bridgeVlanFiltering() ? SegmentTransport.VLAN : SegmentTransport.VXLAN)
                .withMipTunnel(capabilities.ip6tnl() ? MipTunnel.IP6TNL : MipTunnel.SEG6)
                .withNamespacePrefix(names.labPrefix());
    }

    /**
     * Writes every state's files under {@code configDir} and builds the first state ("before").
     * Each namespace is recorded in {@code state} before anything is put in it, so a failure at any
     * step leaves only what {@link LiveCleanup} removes.
     */
    public Realization build(Lab lab, NamespaceNames names, Capabilities capabilities, LiveState state, Path configDir) {
        long start = System.nanoTime();
        ConfigOptions options = optionsFor(capabilities, names);
        List<StateFiles> states = ConfigGenerator.generateAll(lab, options);
        writeAll(states, configDir);
        long generated = System.nanoTime();
        StepClock clock = new StepClock(generated);
        Path before = configDir.resolve(states.get(0).state());
        String ip = tools.path("ip");
        List<String> notes = new ArrayList<>();

        List<RelayedLink> relayed = new ArrayList<>();
        List<Link> shaped = new ArrayList<>();
        for (Link link : lab.links()) {
            boolean delayed = link.delayNs() >= MIN_RELAYED_DELAY_NS || link.lossPercent() > 0;
            if (link.kind() == LinkKind.MANAGEMENT && !capabilities.netem()) {
                // a migration stream is far more than the user-space relay carries at line rate, and it
                // would starve the WAN's relayed links; shaped to its bandwidth instead, undelayed
                if (capabilities.tbf()) {
                    shaped.add(link);
                }
                if (delayed) {
                    notes.add("management link " + link.id() + ": its " + java.math.BigDecimal.valueOf(link.delayNs(), 6).stripTrailingZeros().toPlainString() + " ms" + " delay is not reproduced (no netem here, and the "
                            + "delay relay cannot carry a migration stream at line rate)" + (capabilities.tbf() ? "; its bandwidth is shaped with tbf" : ""));
                }
            } else if (delayed && !capabilities.netem()) {
                relayed.add(new RelayedLink(link, InterfaceNames.relayPort(link, true), InterfaceNames.relayPort(link, false)));
            } else if (!delayed && link.delayNs() > 0) {
                notes.add("link " + link.id() + ": its " + link.delayNs() / 1000 + " µs delay is below what live mode reproduces; it runs undelayed");
            }
        }

        StringBuilder namespaces = new StringBuilder();
        List<String> nodeIds = new ArrayList<>(lab.nodes().stream().map(Node::id).toList());
        if (!relayed.isEmpty()) {
            nodeIds.add(RELAY_NODE);
        }
        List<String> namespaceNames = nodeIds.stream().map(names::namespace).toList();
        state.addNamespaces(namespaceNames);
        clock.done("run state recorded (" + namespaceNames.size() + " namespaces, for live cleanup after a kill)");
        for (String namespace : namespaceNames) {
            namespaces.append("netns add ").append(namespace).append('\n');
        }
        runner.check(new Command(List.of(ip, "-batch", "-"), namespaces.toString(), Command.DEFAULT_TIMEOUT));
        clock.done(nodeIds.size() + " namespaces created (one ip -batch)");
        inParallel(lab.nodes().stream().<Runnable>map(node -> () -> sysctl(names.namespace(node.id()), before.resolve(node.id()).resolve("sysctl.conf"))).toList());
        clock.done("sysctl.conf applied in each namespace");
        runner.check(ip, "-batch", wiring(lab, before, relayed, names, configDir).toString());
        clock.done("links wired (veth pairs, bridges; one ip -batch)");
        // what needs only the wiring, in one pool so that no step waits for the slowest of another:
        // the nodes with the most files first (their commands run in order), the single commands after
        Map<String, Long> fileCounts = states.get(0).files().stream()
                .collect(Collectors.groupingBy(GeneratedFile::device, Collectors.counting()));
        List<Node> byFiles = new ArrayList<>(lab.nodes());
        byFiles.sort(Comparator.comparingLong((Node node) -> -fileCounts.getOrDefault(node.id(), 0L)));
        List<Runnable> steps = new ArrayList<>();
        byFiles.forEach(node -> steps.add(() -> applyNode(names.namespace(node.id()), before.resolve(node.id()))));
        StringBuilder done = new StringBuilder("each node's files applied (addresses, routes, nft, bridges)");
        if (!relayed.isEmpty()) {
            steps.add(() -> relayPortsUp(names.namespace(RELAY_NODE), relayed));
            done.append(", the delay relay's ").append(2 * relayed.size()).append(" ports up");
        }
        if (capabilities.netem()) {
            for (Link link : lab.links()) {
                if (link.delayNs() >= MIN_RELAYED_DELAY_NS || link.lossPercent() > 0) {
                    steps.add(() -> netem(names.namespace(link.a()), link));
                    steps.add(() -> netem(names.namespace(link.b()), link));
                }
            }
            done.append(", netem");
        } else if (!relayed.isEmpty()) {
            steps.addAll(offloadsOff(names, relayed));
            done.append(", offloads off on relayed links");
        }
        for (Link link : shaped) {
            steps.add(() -> tbf(names.namespace(link.a()), link));
            steps.add(() -> tbf(names.namespace(link.b()), link));
        }
        if (!shaped.isEmpty()) {
            done.append(", management links shaped (tbf)");
        }
        inParallel(steps);
        clock.done(done.toString());
        return new Realization(lab, names, configDir, capabilities, options, states, relayed, notes, generated - start, System.nanoTime() - generated,
                List.copyOf(clock.steps));
    }

    /**
     * The generated wiring, except that a relayed link becomes two veth pairs, each of the link's
     * ends paired with a port in the relay namespace.
     */
    private Path wiring(Lab lab, Path before, List<RelayedLink> relayed, NamespaceNames names, Path configDir) {
        List<String> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(before.resolve(ConfigGenerator.WIRING_DEVICE).resolve("links.batch"))) {
                RelayedLink through = relayed.stream().filter(r -> line.startsWith("link add " + InterfaceNames.linkEnd(r.link()) + " ")).findFirst().orElse(null);
                if (through == null) {
                    lines.add(line);
                    continue;
                }
                Link link = through.link();
                String end = InterfaceNames.linkEnd(link);
                String relay = names.namespace(RELAY_NODE);
                lines.add("link add " + end + " netns " + names.namespace(link.a()) + " type veth peer name " + through.aPort() + " netns " + relay
                        + "  # " + link.id() + " via the delay relay");
                lines.add("link add " + end + " netns " + names.namespace(link.b()) + " type veth peer name " + through.bPort() + " netns " + relay);
            }
            Path file = configDir.resolve("live-wiring.batch");
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the live wiring under " + configDir, e);
        }
    }

    static final String RADVD_CONFIG = "radvd/radvd.conf";

    /** Where {@code ip netns add} keeps a namespace, for {@code nsenter --net=}. */
    static final String NETNS_DIR = "/run/netns/";

    private void relayPortsUp(String relay, List<RelayedLink> relayed) {
        StringBuilder up = new StringBuilder("link set dev lo up\n");
        for (RelayedLink link : relayed) {
            up.append("link set dev ").append(link.aPort()).append(" mtu ").append(link.link().mtu()).append(" up\n");
            up.append("link set dev ").append(link.bPort()).append(" mtu ").append(link.link().mtu()).append(" up\n");
        }
        runner.check(new Command(List.of(tools.path("ip"), "-n", relay, "-batch", "-"), up.toString(), Command.DEFAULT_TIMEOUT));
    }

    /**
     * A tool run in a namespace's network only. {@code ip netns exec} also gives the process a mount
     * namespace of its own with that namespace's /sys, which sysctl, nft and ethtool never read: an
     * unmount and a mount namespace torn down at exit, each waiting out an RCU grace period (2-20 ms
     * measured here) on every process.
     */
    private String[] inNetwork(String ns, String tool, String... args) {
        String[] argv = new String[args.length + 3];
        argv[0] = tools.path("nsenter");
        argv[1] = "--net=" + NETNS_DIR + ns;
        argv[2] = tools.path(tool);
        System.arraycopy(args, 0, argv, 3, args.length);
        return argv;
    }

    /** A node's files, in the order its README gives: addresses and devices, then bridges, per-interface sysctls, routes, rules. */
    private void applyNode(String ns, Path dir) {
        String ip = tools.path("ip");
        runner.check(ip, "-n", ns, "-batch", dir.resolve("ip.batch").toString());
        if (Files.exists(dir.resolve("bridge.batch"))) {
            runner.check(tools.path("bridge"), "-n", ns, "-batch", dir.resolve("bridge.batch").toString());
        }
        if (Files.exists(dir.resolve("sysctl-interfaces.conf"))) {
            sysctl(ns, dir.resolve("sysctl-interfaces.conf"));
        }
        if (Files.exists(dir.resolve(RADVD_CONFIG))) {
            // radvd detaches once its sockets are up; it dies with the namespace's other processes at cleanup
            runner.check(ip, "netns", "exec", ns, tools.path("radvd"), "-C", dir.resolve(RADVD_CONFIG).toString(),
                    "-p", dir.resolve("radvd.pid").toString(), "-m", "logfile", "-l", dir.resolve("radvd.log").toString());
        }
        // a lab may start with a mobile node away from home: its binding is part of the first state
        for (Path batch : MobileIpv6Files.batches(dir)) {
            runner.check(ip, "-n", ns, "-batch", batch.toString());
        }
        if (Files.exists(dir.resolve("routes.batch"))) {
            runner.check(ip, "-n", ns, "-batch", dir.resolve("routes.batch").toString());
        }
        if (Files.exists(dir.resolve("nft/paging.nft"))) {
            runner.check(inNetwork(ns, "nft", "-f", dir.resolve("nft/paging.nft").toString()));
        }
    }

    private void sysctl(String ns, Path file) {
        runner.check(inNetwork(ns, "sysctl", "-q", "-p", file.toString()));
    }

    /** Token-bucket shaping to the link's bandwidth; the bucket holds 10 ms of traffic (at least 64 KiB). */
    private void tbf(String ns, Link link) {
        long burstBytes = Math.max(65_536L, link.bandwidthBps() / 8 / 100);
        runner.check(tools.path("tc"), "-n", ns, "qdisc", "replace", "dev", InterfaceNames.linkEnd(link), "root", "tbf",
                "rate", link.bandwidthBps() + "bit", "burst", String.valueOf(burstBytes), "latency", "50ms");
    }

    private void netem(String ns, Link link) {
        List<String> argv = new ArrayList<>(List.of(tools.path("tc"), "-n", ns, "qdisc", "replace", "dev", InterfaceNames.linkEnd(link), "root", "netem",
                "delay", link.delayNs() / 1000 + "us"));
        if (link.jitterNs() > 0) {
            argv.add(link.jitterNs() / 1000 + "us");
        }
        if (link.lossPercent() > 0) {
            argv.addAll(List.of("loss", link.lossPercent() + "%"));
        }
        runner.check(Command.of(argv));
    }

    /**
     * Frames the relay captures must carry real checksums and real sizes, so the link ends that
     * send into it get no checksum or segmentation offload. The relay's own ports send through
     * pcap, which bypasses offloads, so they need nothing.
     */
    private List<Runnable> offloadsOff(NamespaceNames names, List<RelayedLink> relayed) {
        List<Runnable> steps = new ArrayList<>();
        for (RelayedLink link : relayed) {
            for (String node : List.of(link.link().a(), link.link().b())) {
                steps.add(() -> runner.check(inNetwork(names.namespace(node), "ethtool", "-K", InterfaceNames.linkEnd(link.link()),
                        "tx", "off", "gso", "off", "tso", "off")));
            }
        }
        return steps;
    }

    /**
     * Runs independent steps (each in its own namespace) on a few threads: most of a build is
     * waiting for short processes to start and finish. The first failure is rethrown.
     */
    private static void inParallel(List<Runnable> steps) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL_STEPS);
        try {
            List<java.util.concurrent.Future<?>> futures = steps.stream().<java.util.concurrent.Future<?>>map(pool::submit).toList();
            for (java.util.concurrent.Future<?> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while building the lab", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeAll(List<StateFiles> states, Path configDir) {
        try {
            for (StateFiles state : states) {
                for (GeneratedFile file : state.files()) {
                    Path target = configDir.resolve(state.state()).resolve(file.path());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.content(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated configs under " + configDir, e);
        }
    }

}
