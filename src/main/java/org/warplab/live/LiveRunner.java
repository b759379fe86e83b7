package org.warplab.live;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.warplab.config.MobileIpv6Files;
import org.warplab.emulation.MigrationCosts;
import org.warplab.emulation.PreCopyMigration;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Migration;
import org.warplab.model.MigrationMode;
import org.warplab.model.MobileIpv6;
import org.warplab.model.ProbeFlow;
import org.warplab.model.ProbeKind;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.Ipv4Address;
import org.warplab.live.qemu.GuestImage;
import org.warplab.live.qemu.QemuMigration;
import org.warplab.live.qemu.QemuVm;
import org.warplab.live.qemu.QmpException;
import org.warplab.run.Completion;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.MobileIpv6Scheme;
import org.warplab.scheme.NetworkPagingScheme;

/**
 * Runs a lab's migrations live: builds it on namespaces from its generated configs, starts the
 * agents (probe, echo, watcher, switcher, relay), moves each VM as its hypervisor would (its memory
 * copy modelled, everything on the network real), and measures from what the agents saw. Returns
 * the same {@link RunResult} and {@link Trace} as the emulator. Everything it creates is undone on
 * every path out, and recorded in a state file first so {@code live cleanup} can undo a killed run.
 */
public final class LiveRunner {

    /** The schemes live mode runs today; the others are refused with a plain message. */
    public static final List<SchemeKind> SUPPORTED = List.of(SchemeKind.NETWORK_PAGING, SchemeKind.SEGMENTATION, SchemeKind.MOBILE_IPV6, SchemeKind.NONE);
    static final int PROBE_PORT = 7007;
    static final int SWITCH_PORT = 40999;
    /** QEMU's migration stream port on the destination's management address. */
    static final int MIGRATION_PORT = 4444;
    /** The guest agent's dirtying workload touches at most this much memory. */
    static final long GUEST_DIRTY_MIB = 32;
    static final Duration GUEST_BOOT = Duration.ofSeconds(90);
    /** tcpdump needs a moment to open its interface before the traffic it should see starts. */
    static final long CAPTURE_START_NS = 300_000_000L;
    /** QEMU's announce-self schedule: five frames at these offsets after resume. */
    static final String QEMU_ANNOUNCE_MS = "0,50,200,450,800";
    private static final Duration AGENT_START = Duration.ofSeconds(30);
    /** Longer than linkwatch's one-second batching of carrier changes. */
    static final Duration CARRIER_WAIT = Duration.ofSeconds(3);
    /** How long a mobile node may take to get its binding acknowledged: RA, two DADs and a few retransmissions. */
    static final Duration MOBILE_IPV6_SETTLE = Duration.ofSeconds(20);
    /** How long the traffic is watched after the last move; also the tail of a run whose echoes may still be on the way. */
    static final long SETTLE_NS = 2_000_000_000L;
    /** Probes sent this long after the VM runs again and the switches are done count as "after" the move. */
    static final long AFTER_MARGIN_NS = 100_000_000L;

    /** What a live run returns: the result, the trace, and how the lab was built. */
    /**
     * @param agentEvents every agent's own report, in time order (times relative to the run's start),
     *                    for looking into a run beyond its trace
     */
    public record Outcome(RunResult result, Trace trace, long buildNs, Capabilities capabilities, List<AgentEvent> agentEvents) { }

    /** Receives progress lines ("building the lab", "MIG1: VM paused", ...). */
    public interface Progress {
        void step(String message);
    }

    private final CommandRunner runner;
    private final HostTools tools;
    private final Path stateDir;
    private final Progress progress;
    private final Path guestCache;

    public LiveRunner(CommandRunner runner, HostTools tools, Path stateDir, Progress progress) {
        this(runner, tools, stateDir, progress, GuestImage.DEFAULT_CACHE);
    }

    /** @param guestCache where `warplab guest build` put the QEMU guest */
    public LiveRunner(CommandRunner runner, HostTools tools, Path stateDir, Progress progress, Path guestCache) {
        this.runner = runner;
        this.tools = tools;
        this.stateDir = stateDir;
        this.progress = progress;
        this.guestCache = guestCache;
    }

    /** {@code lab} with every VM realized as {@code runtime}, when one is given. */
    public static Lab withRuntime(Lab lab, Optional<VmRuntime> runtime) {
        if (runtime.isEmpty()) {
            return lab;
        }
        Lab out = lab;
        for (Vm vm : lab.vms()) {
            out = out.replacingNode(new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(), vm.addresses(), vm.mac(), vm.memoryMiB(),
                    vm.diskGiB(), vm.dirtyPagesPerSecond(), vm.announce(), runtime.get()));
        }
        return out;
    }

    /** The VM address a client's probes go to: one of a family both have; for Mobile IPv6 the home address it keeps reachable. */
    static Optional<IpAddress> probeTarget(Lab lab, Client client, Vm vm) {
        return vm.addresses().stream().filter(a -> client.address(a.family()).isPresent())
                .filter(a -> lab.scheme() != SchemeKind.MOBILE_IPV6 || a.family() == IpFamily.IPV6).findFirst();
    }

    /** Why {@code lab} cannot run live with {@code scheme}, if it cannot; checked before anything is created. */
    public static Optional<String> unsupported(Lab lab, SchemeKind scheme) {
        if (!SUPPORTED.contains(scheme)) {
            List<String> keys = SUPPORTED.stream().map(SchemeKind::key).toList();
            return Optional.of("live mode runs " + String.join(", ", keys.subList(0, keys.size() - 1)) + " and " + keys.get(keys.size() - 1)
                    + " so far; '" + scheme.key() + "' runs in the emulator (warplab emulate)");
        }
        if (lab.vms().stream().anyMatch(vm -> vm.runtime() == VmRuntime.QEMU) && scheme == SchemeKind.MOBILE_IPV6) {
            return Optional.of("Mobile IPv6 inside the QEMU guest is out of scope; run this lab with namespace VMs or in the emulator");
        }
        if (scheme == SchemeKind.MOBILE_IPV6) {
            Optional<String> away = mobileIpv6Unsupported(lab);
            if (away.isPresent()) {
                return away;
            }
        }
        if (lab.traffic().stream().noneMatch(f -> f.kind() == ProbeKind.UDP_ECHO)) {
            return Optional.of("the lab has no udp-echo probe flow to measure the migration with; add one under traffic");
        }
        return Optional.empty();
    }

    /**
     * Live Mobile IPv6 runs home registrations and deregistrations: each mobile node starts on its
     * home network and alternates between it and foreign networks. Moving on from one foreign
     * network to another (a new care-of address while bound) runs in the emulator.
     */
    private static Optional<String> mobileIpv6Unsupported(Lab lab) {
        MobileIpv6 config = lab.schemeConfig(MobileIpv6.class).orElseThrow();
        Map<String, String> at = new LinkedHashMap<>();
        lab.vms().forEach(vm -> at.put(vm.id(), vm.dataCenter()));
        for (Migration migration : lab.migrations().stream().sorted(Comparator.comparingLong(Migration::atNs)).toList()) {
            Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
            boolean fromHome = at.get(vm.id()).equals(config.homeNetwork());
            boolean toHome = migration.to().equals(config.homeNetwork());
            if (fromHome == toHome) {
                return Optional.of("live Mobile IPv6 runs moves between the home network " + config.homeNetwork() + " and a foreign network; migration "
                        + migration.id() + " goes " + at.get(vm.id()) + " -> " + migration.to() + ", which runs in the emulator (warplab emulate)");
            }
            at.put(vm.id(), migration.to());
            if (vm.address(IpFamily.IPV6).isEmpty()) {
                return Optional.of("VM " + vm.id() + " has no IPv6 home address for Mobile IPv6; give it one in the home prefix");
            }
            if (migration.mode() == MigrationMode.COLD) {
                return Optional.of("cold migration (" + migration.id() + ") is not run live yet; the emulator runs it");
            }
        }
        return Optional.empty();
    }

    /**
     * @param vmRuntime when given, every VM is realized this way (namespace or a real QEMU guest)
     * @param pcapDir when given, tcpdump keeps the packets of the clients' links, the data centers'
     *                LANs and the client edges' WAN links there, one file each
     */
    public record Options(Optional<VmRuntime> vmRuntime, Optional<Path> pcapDir) {
        public static final Options DEFAULTS = new Options(Optional.empty(), Optional.empty());
    }

    public Outcome run(Lab labToRun, SchemeKind scheme) throws IOException, AgentProcess.AgentException {
        return run(labToRun, scheme, Options.DEFAULTS);
    }

    /**
     * Runs {@code labToRun} live. {@code vmRuntime}, when given, realizes every VM that way
     * (namespace, or a real QEMU guest) whatever the lab says.
     */
    public Outcome run(Lab labToRun, SchemeKind scheme, Options options) throws IOException, AgentProcess.AgentException {
        Lab lab = withRuntime(labToRun.withScheme(scheme), options.vmRuntime());
        Optional<GuestImage> guest = Optional.empty();
        if (lab.vms().stream().anyMatch(vm -> vm.runtime() == VmRuntime.QEMU)) {
            guest = GuestImage.load(guestCache);
            if (guest.isEmpty()) {
                throw new IllegalStateException("a VM of this lab runs under QEMU but no guest is built in " + guestCache
                        + "; build it once with 'warplab guest build'");
            }
        }
        NamespaceNames names = NamespaceNames.of(lab);
        LiveCleanup cleanup = new LiveCleanup(runner, tools, stateDir);
        List<String> leftovers = cleanup.namespaces(names.labPrefix());
        if (!leftovers.isEmpty()) {
            throw new IllegalStateException("namespaces of this lab already exist (" + String.join(", ", leftovers)
                    + "): another live run of it is going on, or one was killed; run 'warplab live cleanup'");
        }
        progress.step("probing the kernel");
        Capabilities capabilities = new CapabilityProbe(runner, tools).probe();
        LiveState state = new LiveState(stateDir, names.labId());
        Path configDir = Files.createTempDirectory("warplab-live-" + names.labId() + "-");
        List<AgentProcess> agents = new ArrayList<>();
        Thread teardown = new Thread(() -> {
            agents.forEach(AgentProcess::close);
            cleanup.clean(names.labPrefix());
        }, "warplab-live-teardown");
        Runtime.getRuntime().addShutdownHook(teardown);
        try {
            progress.step("building the lab on namespaces " + names.labPrefix() + "* (" + capabilities.linkDelayMethod() + " for link delay)");
            LabRealizer.Realization built = new LabRealizer(runner, tools).build(lab, names, capabilities, state, configDir);
            progress.step(String.format(java.util.Locale.ROOT, "configs generated in %.0f ms, namespaces built in %.0f ms; starting agents",
                    built.generateNs() / 1e6, built.buildNs() / 1e6));
            Session session = new Session(lab, built, state, agents, guest, configDir);
            List<Process> captures = new ArrayList<>();
            RunResult result;
            try {
                if (options.pcapDir().isPresent()) {
                    captures.addAll(startCaptures(lab, built, state, options.pcapDir().get()));
                }
                session.startAgents();
                result = session.migrate();
            } finally {
                // QEMU must quit and tcpdump must flush its files even when a Stop interrupted the run
                boolean stopped = Thread.interrupted();
                session.closeGuests();
                stopCaptures(captures);
                if (stopped) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Outcome(result, session.trace(), built.buildNs(), capabilities, session.agentEvents());
        } finally {
            // a Stop interrupts this thread; the teardown's own commands must still run to the end
            boolean stopped = Thread.interrupted();
            progress.step("tearing down");
            agents.forEach(AgentProcess::close);
            LiveCleanup.Report report = cleanup.clean(names.labPrefix());
            report.failures().forEach(f -> progress.step("cleanup: " + f));
            deleteTree(configDir);
            try {
                Runtime.getRuntime().removeShutdownHook(teardown);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down and the hook is running
            }
            if (stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One run's agents and measurements. */
    private final class Session {
        private final Lab lab;
        private final LabRealizer.Realization built;
        private final LiveState state;
        private final List<AgentProcess> agents;
        private final Map<String, AgentProcess> echo = new LinkedHashMap<>();
        private final Map<String, AgentProcess> probes = new LinkedHashMap<>();
        private final Map<String, AgentProcess> watchers = new LinkedHashMap<>();
        private final Map<String, AgentProcess> switchers = new LinkedHashMap<>();
        /** Mobile IPv6: the mobile-node agent of each VM, and the home agent's. */
        private final Map<String, AgentProcess> mobileNodes = new LinkedHashMap<>();
        private AgentProcess homeAgent;
        private final List<TraceEvent> events = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Optional<GuestImage> guest;
        private final Path runDir;
        /** The QEMU currently running each QEMU-realized VM. */
        private final Map<String, QemuVm> guests = new LinkedHashMap<>();
        private final Map<String, QemuMigration.Result> qemuResults = new LinkedHashMap<>();
        private long t0;

        Session(Lab lab, LabRealizer.Realization built, LiveState state, List<AgentProcess> agents, Optional<GuestImage> guest, Path runDir) {
            this.lab = lab;
            this.built = built;
            this.state = state;
            this.agents = agents;
            this.guest = guest;
            this.runDir = runDir;
            notes.addAll(built.notes());
            notes.add("live run on " + built.names().labPrefix() + "* namespaces; link delay by " + built.capabilities().linkDelayMethod()
                    + (lab.vms().stream().anyMatch(vm -> vm.runtime() == VmRuntime.NAMESPACE)
                    ? "; a namespace VM's memory copy is modelled (pre-copy and stop-and-copy times from its memory, dirty rate and management "
                    + "link), its network is real" : "; the VMs are real QEMU guests, migrated by QEMU over the management link"));

        }

        private AgentProcess start(String name, String node, String kind, List<String> args) throws IOException {
            AgentProcess agent = AgentProcess.start(tools, state, name, node.equals(LabRealizer.RELAY_NODE) ? built.relayNamespace() : built.namespace(node), kind, args);
            agents.add(agent);
            return agent;
        }

        void startAgents() throws IOException, AgentProcess.AgentException {
            if (!built.relayed().isEmpty()) {
                List<String> args = new ArrayList<>();
                built.relayed().forEach(r -> args.addAll(List.of("--link", r.relaySpec())));
                args.addAll(List.of("--probe-port", String.valueOf(PROBE_PORT))); // it reports the probes it carries: measured hops
                start("relay", LabRealizer.RELAY_NODE, "relay", args);
            }
            for (Vm vm : vmsWithTraffic()) {
                if (vm.runtime() == VmRuntime.QEMU) {
                    bootGuest(vm);
                } else {
                    echo.put(vm.id(), start(LivePacketTrace.ECHO_AGENT + vm.id(), vm.id(), "echo", List.of("--port", String.valueOf(PROBE_PORT))));
                }
            }
            for (ProbeFlow flow : lab.traffic()) {
                if (flow.kind() != ProbeKind.UDP_ECHO) {
                    notes.add("flow " + flow.id() + " is " + flow.kind().key() + "; live mode measures with udp-echo flows only, so it was not run");
                    continue;
                }
                Client client = lab.node(flow.client(), Client.class).orElseThrow();
                Vm vm = lab.node(flow.vm(), Vm.class).orElseThrow();
                IpAddress target = probeTarget(lab, client, vm).orElseThrow(() -> new IllegalStateException("client " + client.id() + " shares no address family with " + vm.id()
                                + (lab.scheme() == SchemeKind.MOBILE_IPV6 ? " over IPv6, which Mobile IPv6 needs" : "")));
                probes.put(flow.id(), start("probe " + flow.id(), client.id(), "probe", List.of("--flow", flow.id(), "--target", target.toString(),
                        "--port", String.valueOf(PROBE_PORT), "--bytes", String.valueOf(flow.packetBytes()), "--interval-ns", String.valueOf(flow.intervalNs()))));
            }
            if (lab.scheme() == SchemeKind.NETWORK_PAGING) {
                startPagingAgents();
            } else if (lab.scheme() == SchemeKind.MOBILE_IPV6) {
                startMobileIpv6Agents();
            }
            for (AgentProcess agent : agents) {
                agent.awaitEvent("ready", AGENT_START);
            }
        }

        /**
         * Replaces the VM's namespace stand-in by a real guest: its veth to the data center goes, and
         * QEMU takes its place on a tap of the same name in the DC's bridge, with the VM's MAC and address.
         */
        private void bootGuest(Vm vm) throws IOException, AgentProcess.AgentException {
            DataCenter dc = lab.node(vm.dataCenter(), DataCenter.class).orElseThrow();
            IpPrefix lan = dc.lanPrefix(IpFamily.IPV4).orElseThrow(() -> new IllegalStateException("a QEMU VM needs an IPv4 LAN: " + dc.id()));
            runner.check(tools.path("ip"), "-n", built.namespace(vm.id()), "link", "del", "dev", InterfaceNames.VM_INTERFACE);
            GuestImage image = guest.orElseThrow();
            long dirtyMib = vm.dirtyPagesPerSecond() > 0 ? Math.min(GUEST_DIRTY_MIB, vm.memoryMiB() - 64L) : 0;
            QemuVm.Spec spec = new QemuVm.Spec(names(vm.id(), "src"), guestCache, image, image.accelerator(), vm.memoryMiB(), vm.mac(),
                    new InterfaceAddress(vm.address(IpFamily.IPV4).orElseThrow(), lan.length()),
                    dc.gatewayAddress(IpFamily.IPV4).map(a -> (Ipv4Address) a), PROBE_PORT, Math.max(0, dirtyMib), vm.dirtyPagesPerSecond(),
                    new QemuVm.TapOnBridge(built.namespace(dc.id()), InterfaceNames.DATA_CENTER_BRIDGE, InterfaceNames.vmPort(vm.id())),
                    Optional.empty(), runDir);
            progress.step("booting the QEMU guest of " + vm.id() + " in " + dc.id() + " (" + image.accelerator() + ")");
            try {
                QemuVm qemu = QemuVm.start(spec, runner, tools, Optional.of(state));
                guests.put(vm.id(), qemu);
                qemu.awaitReady(GUEST_BOOT);
            } catch (QmpException | QemuVm.GuestFailedException e) {
                throw new AgentProcess.AgentException("the QEMU guest of " + vm.id() + " did not come up: " + e.getMessage());
            }
            notes.add(vm.id() + " is a real QEMU guest (" + image.accelerator() + ", kernel " + image.kernelRelease() + ", " + vm.memoryMiB() + " MiB"
                    + (dirtyMib > 0 ? ", dirtying " + dirtyMib + " MiB at " + vm.dirtyPagesPerSecond() + " pages/s" : "") + ")");
        }

        private String names(String vmId, String role) {
            return built.names().labPrefix() + vmId + "-" + role;
        }

        void closeGuests() {
            guests.values().forEach(QemuVm::close);
            guests.clear();
        }

        private List<Vm> vmsWithTraffic() {
            return lab.vms().stream().filter(vm -> lab.traffic().stream().anyMatch(f -> f.vm().equals(vm.id()))
                    || lab.migrations().stream().anyMatch(m -> m.vm().equals(vm.id()))).toList();
        }

        /** Switchers on the client edges, with the switch lines the generator wrote; watchers on the capturing LANs. */
        private void startPagingAgents() throws IOException {
            Map<String, List<String>> rulesByEdge = new LinkedHashMap<>();
            Map<String, String> edgeAddress = new LinkedHashMap<>();
            for (Migration migration : lab.migrations()) {
                Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
                IpAddress address = vm.address(IpFamily.IPV4).orElseThrow();
                Path after = built.configDir().resolve("after-" + migration.id());
                try (var devices = Files.list(after)) {
                    for (Path device : devices.toList()) {
                        Path switchFile = device.resolve("nft").resolve("switch-" + migration.id() + ".nft");
                        if (Files.exists(switchFile)) {
                            String rule = Files.readAllLines(switchFile).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                                    .collect(Collectors.joining("; "));
                            rulesByEdge.computeIfAbsent(device.getFileName().toString(), k -> new ArrayList<>())
                                    .add(address + "@" + migration.to() + "=" + rule);
                        }
                    }
                }
            }
            for (String edge : rulesByEdge.keySet()) {
                edgeAddress.put(edge, reachableAddress(edge));
                List<String> args = new ArrayList<>(List.of("--port", String.valueOf(SWITCH_PORT), "--nft", tools.path("nft")));
                rulesByEdge.get(edge).forEach(r -> args.addAll(List.of("--rule", r)));
                switchers.put(edge, start(LiveSignalTrace.SWITCHER_AGENT + edge, edge, "switcher", args));
            }
            for (DataCenter dc : lab.dataCenters()) {
                if (!dc.capturesAnnouncements()) {
                    continue;
                }
                IpPrefix lan = dc.lanPrefix(IpFamily.IPV4).orElseThrow();
                IpAddress host = lan.host(lan.size().longValueExact() - 2);
                IpAddress gateway = dc.gatewayAddress(IpFamily.IPV4).orElseThrow();
                // the capture program's own address on the LAN, to send its messages across the WAN
                runner.check(new Command(List.of(tools.path("ip"), "-n", built.namespace(dc.id()), "-batch", "-"),
                        "address add " + host + "/" + lan.length() + " dev " + InterfaceNames.DATA_CENTER_BRIDGE + "\n"
                                + "route add default via " + gateway + " dev " + InterfaceNames.DATA_CENTER_BRIDGE + "\n", Command.DEFAULT_TIMEOUT));
                List<String> args = new ArrayList<>(List.of("--device", InterfaceNames.DATA_CENTER_BRIDGE, "--location", dc.id(), "--trigger",
                        lab.schemeConfig(org.warplab.model.NetworkPaging.class).orElseThrow().trigger().key()));
                for (Vm vm : lab.vms()) {
                    vm.address(IpFamily.IPV4).ifPresent(a -> args.addAll(List.of("--vm", vm.mac() + "=" + a)));
                }
                edgeAddress.values().forEach(a -> args.addAll(List.of("--notify", a + ":" + SWITCH_PORT)));
                watchers.put(dc.id(), start(LiveSignalTrace.WATCHER_AGENT + dc.id(), dc.id(), "watcher", args));
            }
        }

        /**
         * The home agent on the home network's router, given the generated binding file of each
         * move; a mobile node in each moving VM, given its generated care-of and binding files.
         */
        private void startMobileIpv6Agents() throws IOException {
            MobileIpv6 config = mobileIpv6();
            DataCenter home = lab.node(config.homeNetwork(), DataCenter.class).orElseThrow();
            IpPrefix homePrefix = home.lanPrefix(IpFamily.IPV6).orElseThrow();
            IpAddress homeAgentAddress = home.gatewayAddress(IpFamily.IPV6).orElseThrow();
            List<String> haArgs = new ArrayList<>(List.of("--address", homeAgentAddress.toString(), "--home-prefix", homePrefix.toString(),
                    "--ip", tools.path("ip"), "--home-link", InterfaceNames.linkEnd(lab.linksOf(config.homeNetwork()).stream()
                            .filter(l -> l.kind() == LinkKind.LAN && l.touches(config.homeAgent())).findFirst().orElseThrow())));
            lab.linksOf(config.homeAgent()).forEach(l -> haArgs.addAll(List.of("--device", InterfaceNames.linkEnd(l))));
            Map<String, List<String>> nodeArgs = new LinkedHashMap<>();
            for (Migration migration : lab.migrations()) {
                Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
                Path after = built.configDir().resolve("after-" + migration.id());
                IpAddress homeAddress = vm.address(IpFamily.IPV6).orElseThrow();
                List<String> mnArgs = nodeArgs.computeIfAbsent(vm.id(), id -> new ArrayList<>(List.of("--device", InterfaceNames.VM_INTERFACE,
                        "--mac", vm.mac().toString(), "--home-address", homeAddress.toString(), "--home-prefix", homePrefix.toString(),
                        "--home-agent", homeAgentAddress.toString(), "--dad", config.dad().key(),
                        "--lifetime-s", String.valueOf(config.bindingLifetimeNs() / 1_000_000_000L), "--ip", tools.path("ip"))));
                if (migration.to().equals(config.homeNetwork())) {
                    mnArgs.addAll(List.of("--home-file", after.resolve(vm.id()).resolve(MobileIpv6Files.DEREGISTRATION).toString()));
                    haArgs.addAll(List.of("--deregistration", homeAddress + ","
                            + after.resolve(config.homeAgent()).resolve(MobileIpv6Files.homeAgentDeregistration(vm.id()))));
                    continue;
                }
                DataCenter foreign = lab.node(migration.to(), DataCenter.class).orElseThrow();
                IpPrefix foreignPrefix = foreign.lanPrefix(IpFamily.IPV6).orElseThrow(() ->
                        new IllegalStateException(foreign.id() + " has no IPv6 prefix for a mobile node's care-of address"));
                haArgs.addAll(List.of("--binding", homeAddress + "," + MobileIpv6Scheme.slaacAddress(foreignPrefix, vm.mac()) + ","
                        + after.resolve(config.homeAgent()).resolve(MobileIpv6Files.homeAgentBinding(vm.id()))));
                mnArgs.addAll(List.of("--foreign", foreignPrefix + "," + after.resolve(vm.id()).resolve(MobileIpv6Files.CARE_OF) + ","
                                + after.resolve(vm.id()).resolve(MobileIpv6Files.MOBILE_NODE_BINDING)));
            }
            homeAgent = start(LiveSignalTrace.HOME_AGENT_AGENT + config.homeAgent(), config.homeAgent(), "home-agent", haArgs);
            for (Map.Entry<String, List<String>> node : nodeArgs.entrySet()) {
                mobileNodes.put(node.getKey(), start(LiveSignalTrace.MOBILE_NODE_AGENT + node.getKey(), node.getKey(), "mobile-node", node.getValue()));
            }
        }

        /** The lab's Mobile IPv6 settings; only asked for when that is the scheme being run. */
        private MobileIpv6 mobileIpv6() {
            return lab.schemeConfig(MobileIpv6.class).orElseThrow();
        }

        /** An address of {@code router} every site can reach: its address on a client site it serves, else a WAN address. */
        private String reachableAddress(String router) {
            return NetworkPagingScheme.configurationAddress(lab, router).map(Object::toString)
                    .orElseThrow(() -> new IllegalStateException("client edge " + router + " has no IPv4 address to send switch messages to"));
        }

        RunResult migrate() throws IOException, AgentProcess.AgentException {
            for (AgentProcess probe : probes.values()) {
                probe.send("go");
            }
            // the run's clock starts once every flow has an echo back: ARP and neighbour caches are
            // filled, so "latency before" measures the network, not its first resolution
            for (Map.Entry<String, AgentProcess> probe : probes.entrySet()) {
                try {
                    probe.getValue().awaitEvent("echo", Duration.ofSeconds(10));
                } catch (AgentProcess.AgentException e) {
                    throw new AgentProcess.AgentException("flow " + probe.getKey() + " gets no echo before any VM has moved, so nothing can be measured: "
                            + e.getMessage() + ". Check the lab in the emulator first (warplab emulate).");
                }
            }
            t0 = System.nanoTime();
            Map<String, String> location = new LinkedHashMap<>();
            lab.vms().forEach(vm -> location.put(vm.id(), vm.dataCenter()));
            List<MigrationWindow> windows = new ArrayList<>();
            List<Migration> ordered = lab.migrations().stream().sorted(Comparator.comparingLong(Migration::atNs)).toList();
            long earliest = t0;
            for (Migration migration : ordered) {
                long planned = t0 + migration.atNs();
                if (earliest > planned) {
                    // the previous move is still settling: its measurement must not be cut short by this one
                    notes.add(String.format(java.util.Locale.ROOT, "%s started at %.0f ms instead of %.0f ms: the move before it was still settling",
                            migration.id(), (earliest - t0) / 1e6, migration.atNs() / 1e6));
                }
                sleepUntil(Math.max(planned, earliest));
                MigrationWindow window = move(migration, location.get(migration.vm()));
                windows.add(window);
                location.put(migration.vm(), migration.to());
                earliest = window.settledNs() + SETTLE_NS;
            }
            // the run lasts as the lab says, and at least long enough to see the traffic settle after the last move
            long end = Math.max(t0 + lab.durationNs(), System.nanoTime() + SETTLE_NS);
            if (end > t0 + lab.durationNs()) {
                notes.add(String.format(java.util.Locale.ROOT, "the run lasted %.0f ms (the lab asks for %.0f ms) so that every migration finishes and the traffic settles",
                        (end - t0) / 1e6, lab.durationNs() / 1e6));
            }
            sleepUntil(end);
            for (AgentProcess probe : probes.values()) {
                probe.close();
            }
            List<MigrationMetrics> metrics = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                long windowEnd = i + 1 < windows.size() ? windows.get(i + 1).startNs() : end;
                metrics.add(measure(windows.get(i), windowEnd));
            }
            noteUnmovedFlows(end);
            return new RunResult(lab.name(), lab.scheme().key(), "live", 0, end - t0, metrics, notes);
        }

        /** Traffic to VMs that did not move must not suffer from the moves (other tenants, other VMs): say how it fared. */
        private void noteUnmovedFlows(long end) {
            for (Map.Entry<String, AgentProcess> entry : probes.entrySet()) {
                ProbeFlow flow = lab.traffic().stream().filter(f -> f.id().equals(entry.getKey())).findFirst().orElseThrow();
                if (lab.migrations().stream().anyMatch(m -> m.vm().equals(flow.vm()))) {
                    continue;
                }
                java.util.Set<Long> echoed = new java.util.HashSet<>();
                long sent = 0;
                for (AgentEvent e : entry.getValue().events()) {
                    if (e.event().equals("echo")) {
                        echoed.add(e.number("seq"));
                    }
                }
                long lost = 0;
                for (AgentEvent e : entry.getValue().events()) {
                    if (e.event().equals("sent") && e.timeNs() >= t0 && e.timeNs() < end - SETTLE_NS / 2) {
                        sent++;
                        lost += echoed.contains(e.number("seq")) ? 0 : 1;
                    }
                }
                notes.add("flow " + flow.id() + " to " + flow.vm() + " (not moved): " + lost + " of " + sent + " probes lost during the run");
            }
        }

        /** What happened to one migration, in host monotonic time. */
        /** @param settledNs when the VM ran again and every translator that follows it had switched */
        private record MigrationWindow(Migration migration, Vm vm, String from, long startNs, long pausedNs, long holdEndNs,
                                       long resumedNs, long settledNs, PreCopyMigration.Plan plan) { }

        private MigrationWindow move(Migration migration, String from) throws IOException, AgentProcess.AgentException {
            Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
            if (vm.runtime() == VmRuntime.QEMU) {
                return moveGuest(migration, vm, from);
            }
            AgentProcess service = echo.get(vm.id());
            long start = System.nanoTime();
            if (migration.mode() == MigrationMode.COLD) {
                throw new IllegalStateException("cold migration (" + migration.id() + ") is not run live yet; the emulator runs it");
            }
            Link management = lab.links().stream().filter(l -> l.kind() == LinkKind.MANAGEMENT && l.touches(from) && l.touches(migration.to()))
                    .findFirst().orElseThrow();
            long bandwidth = migration.bandwidthCapBps() > 0 ? Math.min(migration.bandwidthCapBps(), management.bandwidthBps()) : management.bandwidthBps();
            PreCopyMigration.Plan plan = PreCopyMigration.of(vm, migration, MigrationCosts.DEFAULT).plan(bandwidth / 8, management.delayNs());
            progress.step(String.format(java.util.Locale.ROOT, "%s: %s %s -> %s, pre-copy %.0f ms (modelled), stop-and-copy %.1f ms", migration.id(), vm.id(), from,
                    migration.to(), (plan.totalNs() - plan.downtimeNs()) / 1e6, plan.stopAndCopyNs() / 1e6));
            events.add(new TraceEvent.MigrationRound(rel(start), migration.id(), 0, 0, 0, false));
            String vmNs = built.namespace(vm.id());
            String port = InterfaceNames.vmPort(vm.id());
            Path after = built.configDir().resolve("after-" + migration.id());
            // the new state's kernel defaults before the destination's interface exists, so it inherits them
            Path before = built.configDir().resolve(built.states().get(0).state()).resolve(vm.id());
            applyIfChanged(vmNs, before.resolve("sysctl.conf"), after.resolve(vm.id()).resolve("sysctl.conf"));
            String portLine = Files.readAllLines(after.resolve(migration.to()).resolve("ip.batch")).stream()
                    .filter(l -> l.startsWith("link set dev " + port + " ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the generated " + migration.to() + "/ip.batch does not attach " + port));
            // the destination's port is ready before the VM stops, as a hypervisor prepares the target
            runner.check(new Command(List.of(tools.path("ip"), "-batch", "-"),
                    "link add mv0 netns " + vmNs + " type veth peer name " + port + " netns " + built.namespace(migration.to()) + "\n", Command.DEFAULT_TIMEOUT));
            // up (the announcement's capture handle needs that) but addressless: nothing is routed to it before the switchover
            runner.check(tools.path("ip"), "-n", vmNs, "link", "set", "dev", "mv0", "up");
            runner.check(new Command(List.of(tools.path("ip"), "-n", built.namespace(migration.to()), "-batch", "-"), portLine + "\n", Command.DEFAULT_TIMEOUT));
            awaitCarrier(built.namespace(migration.to()), port);
            service.send("prepare-announce mv0");
            service.await(e -> e.event().equals("announce-prepared") && e.timeNs() >= start, Duration.ofSeconds(10), "prepared announcement");
            AgentProcess mobileNode = mobileNodes.get(vm.id());
            if (mobileNode != null) {
                mobileNode.send("attach mv0");
                mobileNode.await(e -> e.event().equals("attached") && e.timeNs() >= start, Duration.ofSeconds(10), "mobile node on mv0");
            }
            sleepUntil(start + plan.totalNs() - plan.downtimeNs());
            service.send("pause");
            if (mobileNode != null) {
                mobileNode.send("pause");
            }
            long paused = service.await(e -> e.event().equals("paused") && e.timeNs() >= start, Duration.ofSeconds(5), "pause").timeNs();
            events.add(new TraceEvent.VmPaused(rel(paused), vm.id(), from));
            sleepUntil(paused + plan.stopAndCopyNs());
            long holdEnd = System.nanoTime();
            String vmBatch = Files.readString(after.resolve(vm.id()).resolve("ip.batch"));
            runner.check(new Command(List.of(tools.path("ip"), "-n", vmNs, "-batch", "-"),
                    "link del dev " + InterfaceNames.VM_INTERFACE + "\nlink set dev mv0 name " + InterfaceNames.VM_INTERFACE + "\n" + vmBatch, Command.DEFAULT_TIMEOUT));
            applyIfChanged(vmNs, before.resolve("sysctl-interfaces.conf"), after.resolve(vm.id()).resolve("sysctl-interfaces.conf"));
            events.add(new TraceEvent.VmMoved(rel(System.nanoTime()), vm.id(), from, migration.to()));
            service.send("resume");
            if (mobileNode != null) {
                mobileNode.send("resume");
            }
            long resumed = service.await(e -> e.event().equals("resumed") && e.timeNs() >= holdEnd, Duration.ofSeconds(5), "resume").timeNs();
            events.add(new TraceEvent.VmResumed(rel(resumed), vm.id(), migration.to()));
            String announceAddress = vm.address(IpFamily.IPV4).map(IpAddress::toString).orElse("0.0.0.0");
            service.send("announce " + vm.announce().key() + " " + InterfaceNames.VM_INTERFACE + " " + vm.mac() + " " + announceAddress + " " + QEMU_ANNOUNCE_MS);
            progress.step(String.format(java.util.Locale.ROOT, "%s: VM paused %.1f ms, running in %s, announcing by %s", migration.id(), (resumed - paused) / 1e6,
                    migration.to(), vm.announce().key()));
            long settled = resumed;
            for (AgentProcess switcher : switchers.values()) {
                settled = Math.max(settled, switcher.await(e -> e.event().equals("rule-switched") && e.timeNs() >= resumed
                        && e.text("vm").equals(announceAddress), Duration.ofSeconds(5), "switch for " + migration.id()).timeNs());
            }
            if (mobileNode != null) {
                // an RA, two DADs and a signalling round trip; a lost update is retransmitted after 1.5 s, 3 s, ...
                settled = Math.max(settled, mobileNode.await(e -> (e.event().equals("binding-installed") || e.event().equals("deregistered"))
                        && e.timeNs() >= resumed, MOBILE_IPV6_SETTLE, "binding (or its end) of " + vm.id() + " acknowledged by the home agent").timeNs());
                boolean home = migration.to().equals(mobileIpv6().homeNetwork());
                progress.step(String.format(home ? "%s: %s home again, its binding ended %.0f ms after resuming"
                        : "%s: %s bound to its care-of address %.0f ms after resuming", migration.id(), vm.id(), (settled - resumed) / 1e6));
            }
            return new MigrationWindow(migration, vm, from, start, paused, holdEnd, resumed, settled, plan);
        }

        /**
         * Waits until the destination's port has carrier, so its bridge forwards the VM's first
         * frames. The kernel reports a veth's carrier through linkwatch, which delays a change by up
         * to a second when it ran less than a second ago and the pair's two ends happen to have the
         * same interface index in their namespaces: without this wait such a move lost its first
         * announcements and ~0.8 s of traffic.
         */
        private void awaitCarrier(String ns, String device) throws IOException {
            long deadline = System.nanoTime() + CARRIER_WAIT.toNanos();
            while (true) {
                String state = runner.check(tools.path("ip"), "-n", ns, "-o", "link", "show", "dev", device).stdout();
                if (state.contains("state UP")) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the port " + device + " in " + ns + " has no carrier after " + CARRIER_WAIT.toMillis() + " ms: " + state.strip());
                }
                sleepUntil(System.nanoTime() + 5_000_000L);
            }
        }

        /** Applies a VM's sysctl file of the new state when it differs from the first state's (the kernel keeps the rest). */
        private void applyIfChanged(String ns, Path before, Path after) throws IOException {
            if (Files.exists(after) && (!Files.exists(before) || !Files.readString(after).equals(Files.readString(before)))) {
                runner.check(tools.path("ip"), "netns", "exec", ns, tools.path("sysctl"), "-q", "-p", after.toString());
            }
        }

        /** A real live migration: QEMU in the destination DC waits for the stream over the management link. */
        private MigrationWindow moveGuest(Migration migration, Vm vm, String from) throws IOException, AgentProcess.AgentException {
            long start = System.nanoTime();
            Link management = lab.links().stream().filter(l -> l.kind() == LinkKind.MANAGEMENT && l.touches(from) && l.touches(migration.to()))
                    .findFirst().orElseThrow();
            String target = management.addressesOf(migration.to()).stream().filter(a -> a.family() == IpFamily.IPV4).findFirst()
                    .orElseThrow(() -> new IllegalStateException("management link " + management.id() + " has no IPv4 address at " + migration.to()))
                    .address().toString();
            String uri = "tcp:" + target + ":" + MIGRATION_PORT;
            QemuVm source = guests.get(vm.id());
            long bandwidth = migration.bandwidthCapBps() > 0 ? Math.min(migration.bandwidthCapBps(), management.bandwidthBps()) : management.bandwidthBps();
            QemuMigration.Settings settings = QemuMigration.Settings.defaults().withDowntimeLimitNs(migration.downtimeLimitNs())
                    .withMaxBandwidth(bandwidth / 8);
            progress.step(migration.id() + ": QEMU live migration of " + vm.id() + " " + from + " -> " + migration.to() + " over " + management.id());
            QemuMigration.Result result;
            try {
                QemuVm destination = QemuVm.start(source.spec().asDestination(names(vm.id(), migration.id()),
                        new QemuVm.TapOnBridge(built.namespace(migration.to()), InterfaceNames.DATA_CENTER_BRIDGE, InterfaceNames.vmPort(vm.id())), uri),
                        runner, tools, Optional.of(state));
                result = QemuMigration.run(source, destination, uri, settings);
                if (result.outcome() == QemuMigration.Outcome.COMPLETED) {
                    source.close();
                    guests.put(vm.id(), destination);
                } else {
                    destination.close();
                }
            } catch (QmpException e) {
                String why = source.isAlive() ? "" : "; the QEMU running " + vm.id() + " had exited"
                        + (source.stderr().isBlank() ? "" : ", saying: " + lastLines(source.stderr(), 3));
                throw new AgentProcess.AgentException(migration.id() + ": the QEMU migration failed: " + e.getMessage() + why);
            }
            qemuResults.put(migration.id(), result);
            result.describe().forEach(line -> notes.add(migration.id() + ": " + line.strip()));
            if (result.outcome() != QemuMigration.Outcome.COMPLETED) {
                throw new AgentProcess.AgentException(migration.id() + ": " + String.join("; ", result.describe()));
            }
            long paused = result.sourceStoppedAtNs();
            long resumed = result.destinationResumedWallMicros() > 0 ? monotonicOf(result.destinationResumedWallMicros())
                    : result.destinationResumedAtNs();
            events.add(new TraceEvent.VmPaused(rel(paused), vm.id(), from));
            events.add(new TraceEvent.VmMoved(rel(resumed), vm.id(), from, migration.to()));
            events.add(new TraceEvent.VmResumed(rel(resumed), vm.id(), migration.to()));
            String address = vm.address(IpFamily.IPV4).map(IpAddress::toString).orElse("");
            long settled = resumed;
            for (AgentProcess switcher : switchers.values()) {
                settled = Math.max(settled, switcher.await(e -> e.event().equals("rule-switched") && e.timeNs() >= paused
                        && e.text("vm").equals(address), Duration.ofSeconds(5), "switch for " + migration.id()).timeNs());
            }
            return new MigrationWindow(migration, vm, from, start, paused, resumed, resumed, settled, null);
        }

        private MigrationMetrics measure(MigrationWindow w, long windowEnd) {
            Migration migration = w.migration();
            List<Phase> phases = new ArrayList<>();
            QemuMigration.Result qemu = qemuResults.get(migration.id());
            if (qemu != null) {
                phases.add(new Phase("pre-copy (QEMU, " + qemu.passes() + " passes)", rel(w.startNs()), rel(w.pausedNs())));
                phases.add(new Phase("stop-and-copy and resume (QEMU)", rel(w.pausedNs()), rel(w.resumedNs())));
            } else {
                phases.add(new Phase("pre-copy (modelled)", rel(w.startNs()), rel(w.pausedNs())));
                phases.add(new Phase("stop-and-copy (modelled hold)", rel(w.pausedNs()), rel(w.holdEndNs())));
                phases.add(new Phase("re-attach at " + migration.to() + " (measured)", rel(w.holdEndNs()), rel(w.resumedNs())));
            }
            Long switching = null;
            Optional<AgentEvent> seen = watchers.values().stream().flatMap(a -> a.events().stream())
                    .filter(e -> e.event().equals("announcement-seen") && e.timeNs() >= w.pausedNs() && e.timeNs() < windowEnd)
                    .min(Comparator.comparingLong(AgentEvent::timeNs));
            Optional<AgentEvent> announced = Optional.ofNullable(echo.get(w.vm().id())).flatMap(agent -> agent.events().stream()
                    .filter(e -> e.event().equals("announced") && e.timeNs() >= w.resumedNs()).findFirst());
            if (seen.isPresent()) {
                long seenAt = seen.get().timeNs();
                phases.add(new Phase("announce (until seen by the capture program)", rel(Math.min(w.resumedNs(), seenAt)), rel(seenAt)));
                events.add(new TraceEvent.AnnouncementSeen(rel(seenAt), seen.get().text("location"), w.vm().id(),
                        seen.get().text("kind").equals("garp") ? PacketKind.GARP : PacketKind.RARP));
                long lastSwitch = seenAt;
                for (Map.Entry<String, AgentProcess> switcher : switchers.entrySet()) {
                    Optional<AgentEvent> switched = switcher.getValue().events().stream()
                            .filter(e -> e.event().equals("rule-switched") && e.timeNs() >= seenAt && e.timeNs() < windowEnd).findFirst();
                    if (switched.isPresent()) {
                        long received = switched.get().number("received");
                        phases.add(new Phase("config message -> " + switcher.getKey(), rel(seenAt), rel(received)));
                        phases.add(new Phase("rule switch " + switcher.getKey(), rel(received), rel(switched.get().timeNs())));
                        events.add(new TraceEvent.RuleSwitched(rel(switched.get().timeNs()), switcher.getKey(), w.vm().id(), switched.get().text("rule")));
                        lastSwitch = Math.max(lastSwitch, switched.get().timeNs());
                    }
                }
                switching = lastSwitch - seenAt;
            } else if (lab.scheme() == SchemeKind.NETWORK_PAGING) {
                notes.add(migration.id() + ": no capture program saw the VM's announcement"
                        + (announced.isEmpty() && qemu == null ? " (none was sent)" : ""));
            }
            long downtime = w.resumedNs() - w.pausedNs();
            AgentProcess mobileNode = mobileNodes.get(w.vm().id());
            if (mobileNode != null) {
                MobileIpv6Timeline mip = mobileIpv6Phases(w, mobileNode, windowEnd, phases);
                switching = mip.switchingNs();
                downtime = mip.serviceBackNs() > 0 ? mip.serviceBackNs() - w.pausedNs() : downtime;
            }
            long gap = 0;
            long sent = 0;
            long lost = 0;
            List<FlowMetrics> flows = new ArrayList<>();
            List<Long> before = new ArrayList<>();
            List<Long> afterRtts = new ArrayList<>();
            for (Map.Entry<String, AgentProcess> entry : probes.entrySet()) {
                ProbeFlow flow = lab.traffic().stream().filter(f -> f.id().equals(entry.getKey())).findFirst().orElseThrow();
                if (!flow.vm().equals(w.vm().id())) {
                    continue;
                }
                FlowMetrics fm = flowMetrics(flow, entry.getValue().events(), w, windowEnd, before, afterRtts);
                flows.add(fm);
                gap = Math.max(gap, fm.gapNs());
                sent += fm.probesSent();
                lost += fm.probesLost();
            }
            long latencyBefore = mean(before);
            long latencyAfter = mean(afterRtts);
            String address = (lab.scheme() == SchemeKind.MOBILE_IPV6 ? w.vm().address(IpFamily.IPV6) : Optional.<IpAddress>empty())
                    .orElse(w.vm().addresses().get(0)).toString();
            return new MigrationMetrics(migration.id(), w.vm().id(), address, w.from(), migration.to(), migration.mode().key() + "/" + migration.storage().key(),
                    switching, downtime, w.resumedNs() - w.startNs(), gap, sent, lost, latencyBefore, latencyAfter,
                    !afterRtts.isEmpty(), "", "", phases, flows, completion(w, qemu));
        }

        /** A live move always finishes (or the run fails); its pre-copy is QEMU's own or the modelled plan's. */
        private Completion completion(MigrationWindow w, QemuMigration.Result qemu) {
            Migration migration = w.migration();
            if (qemu != null) {
                return new Completion(true, (int) qemu.passes(), 0, qemu.converged(), migration.downtimeLimitNs());
            }
            return w.plan() == null ? new Completion(true, 0, migration.maxRounds(), null, migration.downtimeLimitNs())
                    : new Completion(true, w.plan().preCopyRounds().size(), migration.maxRounds(), w.plan().converged(), migration.downtimeLimitNs());
        }

        /** @param serviceBackNs when the first packet to the home address reached the VM through the tunnel (0 if none did) */
        private record MobileIpv6Timeline(Long switchingNs, long serviceBackNs) { }

        /**
         * The Mobile IPv6 phases as the emulator names them, each from the agents' own stamps: the
         * mobile node's (RA, DAD, update sent, acknowledgement) and the home agent's (update
         * received, DAD of the home address, binding installed).
         */
        private MobileIpv6Timeline mobileIpv6Phases(MigrationWindow w, AgentProcess mobileNode, long windowEnd, List<Phase> phases) {
            String vm = w.vm().id();
            Optional<AgentEvent> ra = first(mobileNode, "router-advertisement", w.resumedNs(), windowEnd);
            if (ra.isEmpty()) {
                notes.add(w.migration().id() + ": " + vm + " heard no router advertisement of a new prefix after resuming");
                return new MobileIpv6Timeline(null, 0);
            }
            long raAt = ra.get().timeNs();
            phases.add(new Phase("RA wait (movement detection)", rel(w.resumedNs()), rel(raAt)));
            Optional<AgentEvent> update = first(mobileNode, "binding-update-sent", raAt, windowEnd);
            Optional<AgentEvent> ack = first(mobileNode, "binding-acknowledged", raAt, windowEnd);
            MobileIpv6 config = mobileIpv6();
            boolean home = w.migration().to().equals(config.homeNetwork());
            Optional<AgentEvent> installed = first(mobileNode, home ? "deregistered" : "binding-installed", raAt, windowEnd);
            Optional<AgentEvent> serviceBack = first(mobileNode, "first-packet-home-address", raAt, windowEnd);
            if (update.isEmpty()) {
                notes.add(w.migration().id() + ": " + vm + " sent no Binding Update (see the agent events)");
                return new MobileIpv6Timeline(null, 0);
            }
            long updateAt = update.get().timeNs();
            if (updateAt > raAt) {
                phases.add(new Phase("DAD of the care-of address (" + config.dad().key() + ")", rel(raAt), rel(updateAt)));
            }
            Optional<AgentEvent> received = first(homeAgent, "binding-update-received", updateAt, windowEnd);
            Optional<AgentEvent> dadDone = home ? Optional.empty() : first(homeAgent, "home-dad-done", updateAt, windowEnd);
            Optional<AgentEvent> bound = first(homeAgent, home ? "deregistered" : "binding-installed", updateAt, windowEnd);
            received.ifPresent(r -> phases.add(new Phase(home ? "deregistration (lifetime 0) → home agent" : "binding update → home agent",
                    rel(updateAt), rel(r.timeNs()))));
            if (received.isPresent() && dadDone.isPresent()) {
                phases.add(new Phase("home agent DAD of the home address", rel(received.get().timeNs()), rel(dadDone.get().timeNs())));
            }
            String homeAgentId = config.homeAgent();
            bound.ifPresent(b -> events.add(new TraceEvent.RuleSwitched(rel(b.timeNs()), homeAgentId, vm, home
                    ? "binding of " + b.text("home-address") + " deleted: " + vm + " is home (" + MobileIpv6Files.homeAgentDeregistration(vm) + ")"
                    : "binding " + b.text("home-address") + " → care-of " + b.text("care-of") + " (" + MobileIpv6Files.homeAgentBinding(vm) + ")")));
            if (ack.isEmpty()) {
                notes.add(w.migration().id() + ": " + vm + "'s binding was not acknowledged within the run");
                return new MobileIpv6Timeline(null, 0);
            }
            long ackAt = ack.get().timeNs();
            long updates = mobileNode.events().stream().filter(e -> e.event().equals("binding-update-sent") && e.timeNs() >= raAt && e.timeNs() <= ackAt).count();
            long from = dadDone.map(AgentEvent::timeNs).orElse(updateAt);
            phases.add(new Phase(updates > 1 ? "binding acknowledgement → mobile node (after " + (updates - 1) + " retransmission" + (updates > 2 ? "s" : "") + ")"
                    : "binding acknowledgement → mobile node", rel(Math.min(from, ackAt)), rel(ackAt)));
            phases.add(new Phase("IP mobility (total: RA wait → binding acknowledged)", rel(w.resumedNs()), rel(ackAt)));
            installed.ifPresent(i -> phases.add(new Phase(home ? "end of the binding applied on the mobile node" : "binding files applied on the mobile node",
                    rel(ackAt), rel(i.timeNs()))));
            long back = 0;
            if (serviceBack.isPresent()) {
                back = serviceBack.get().timeNs();
                // at home the packets come straight once the home agent dropped the tunnel, whatever the node is doing
                long serviceFrom = home ? bound.map(AgentEvent::timeNs).orElse(ackAt) : installed.map(AgentEvent::timeNs).orElse(ackAt);
                phases.add(new Phase(home ? "first packet to the home address on the home link" : "tunnel: first packet to the home address",
                        rel(Math.min(serviceFrom, back)), rel(back)));
            }
            return new MobileIpv6Timeline(ackAt - raAt, back);
        }

        private static Optional<AgentEvent> first(AgentProcess agent, String event, long fromNs, long untilNs) {
            return agent.events().stream().filter(e -> e.event().equals(event) && e.timeNs() >= fromNs && e.timeNs() < untilNs).findFirst();
        }

        private FlowMetrics flowMetrics(ProbeFlow flow, List<AgentEvent> agentEvents, MigrationWindow w, long windowEnd,
                                        List<Long> before, List<Long> after) {
            Map<Long, Long> sentAt = new LinkedHashMap<>();
            Map<Long, AgentEvent> echoes = new LinkedHashMap<>();
            for (AgentEvent e : agentEvents) {
                if (e.event().equals("sent")) {
                    sentAt.put(e.number("seq"), e.timeNs());
                } else if (e.event().equals("echo")) {
                    echoes.put(e.number("seq"), e);
                }
            }
            long windowStart = w.startNs() - 1_000_000_000L;
            long sent = 0;
            long lost = 0;
            List<Long> arrivals = new ArrayList<>();
            for (Map.Entry<Long, Long> s : sentAt.entrySet()) {
                long at = s.getValue();
                if (at < windowStart || at >= windowEnd - SETTLE_NS / 2) {
                    continue; // around this migration only, and not at the very end (its echoes may still be on the way)
                }
                sent++;
                AgentEvent echo = echoes.get(s.getKey());
                // the trace's deliveries and drops, with every hop, come from LivePacketTrace
                if (echo == null) {
                    lost++;
                } else {
                    arrivals.add(echo.timeNs());
                    long rtt = echo.number("rtt");
                    if (at < w.startNs()) {
                        before.add(rtt);
                    } else if (at > w.settledNs() + AFTER_MARGIN_NS) {
                        after.add(rtt);
                    }
                }
            }
            arrivals.sort(Long::compare);
            long gap = 0;
            for (int i = 1; i < arrivals.size(); i++) {
                gap = Math.max(gap, arrivals.get(i) - arrivals.get(i - 1));
            }
            // silence at the end counts too: probes kept going out and nothing came back
            long lastCounted = Math.min(windowEnd - SETTLE_NS / 2, sentAt.values().stream().mapToLong(Long::longValue).max().orElse(windowStart));
            long lastArrival = arrivals.isEmpty() ? windowStart : arrivals.get(arrivals.size() - 1);
            if (lastCounted > lastArrival) {
                gap = Math.max(gap, lastCounted - lastArrival);
            }
            return new FlowMetrics(flow.id(), flow.client(), sent, lost, gap, mean(before), mean(after), "", "");
        }

        List<AgentEvent> agentEvents() {
            return agents.stream().flatMap(a -> a.events().stream())
                    .map(e -> new AgentEvent(e.agent(), rel(e.timeNs()), e.event(), e.fields()))
                    .sorted(Comparator.comparingLong(AgentEvent::timeNs)).toList();
        }

        Trace trace() {
            List<TraceEvent> all = new ArrayList<>(events);
            List<AgentEvent> reported = agents.stream().flatMap(a -> a.events().stream()).toList();
            all.addAll(LivePacketTrace.events(lab, reported, t0, events));
            all.addAll(LiveSignalTrace.events(lab, reported, t0, events));
            all.sort(Comparator.comparingLong(TraceEvent::timeNs));
            return new Trace(all);
        }

        private long rel(long hostNs) {
            return hostNs - t0;
        }
    }

    /**
     * A wall-clock time QEMU stamped (µs since the epoch) on the host's monotonic clock: the QMP
     * event itself can reach us milliseconds after the fact, QEMU's own stamp does not.
     */
    static long monotonicOf(long wallMicros) {
        long nowNs = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
        return nowNs - (nowMicros - wallMicros) * 1_000L;
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static long mean(List<Long> values) {
        return values.isEmpty() ? -1 : (long) values.stream().mapToLong(Long::longValue).average().orElse(0);
    }

    /** tcpdump in the namespaces where the interesting packets are; each registered for cleanup. */
    private List<Process> startCaptures(Lab lab, LabRealizer.Realization built, LiveState state, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String[]> points = new ArrayList<>();
        for (Client client : lab.clients()) {
            lab.linksOf(client.id()).forEach(l -> points.add(new String[] {client.id(), InterfaceNames.linkEnd(l)}));
        }
        for (DataCenter dc : lab.dataCenters()) {
            points.add(new String[] {dc.id(), InterfaceNames.DATA_CENTER_BRIDGE});
        }
        for (org.warplab.model.Router router : lab.routers()) {
            if (router.role() == org.warplab.model.RouterRole.CLIENT_EDGE) {
                lab.linksOf(router.id()).stream().filter(l -> l.kind() == LinkKind.WAN)
                        .forEach(l -> points.add(new String[] {router.id(), InterfaceNames.linkEnd(l)}));
            }
        }
        List<Process> captures = new ArrayList<>();
        for (String[] point : points) {
            Path file = dir.resolve(point[0] + "-" + point[1].replace('.', '_') + ".pcap");
            Process tcpdump = new ProcessBuilder(tools.path("ip"), "netns", "exec", built.namespace(point[0]), tools.path("tcpdump"),
                    "-i", point[1], "-U", "-w", file.toString(), "-s", "262144").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            state.addProcess(tcpdump.toHandle(), "tcpdump " + point[1] + " in " + point[0]);
            captures.add(tcpdump);
        }
        sleepUntil(System.nanoTime() + CAPTURE_START_NS);
        return captures;
    }

    /** SIGTERM lets tcpdump flush and close its file. */
    private static void stopCaptures(List<Process> captures) {
        captures.forEach(Process::destroy);
        for (Process capture : captures) {
            try {
                if (!capture.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                    capture.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Sleeps until a host monotonic time, precisely: park, then spin the last fraction of a
     * millisecond. An interrupt (the user's Stop) ends the run: the caller's finally tears it down.
     */
    static void sleepUntil(long deadlineNs) throws InterruptedIOException {
        long left;
        while ((left = deadlineNs - System.nanoTime()) > 200_000) {
            LockSupport.parkNanos(left - 200_000);
            if (Thread.interrupted()) {
                throw new InterruptedIOException("the live run was stopped");
            }
        }
        while (System.nanoTime() < deadlineNs) {
            Thread.onSpinWait();
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans /tmp
        }
    }
}
