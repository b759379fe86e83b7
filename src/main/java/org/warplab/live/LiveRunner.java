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
import org.warplab.model.ProbeFlow;
import org.warplab.model.ProbeKind;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.InterfaceNames;

/**
 * Runs a lab's migrations live: builds it on namespaces from its generated configs, starts the
 * agents (probe, echo, watcher, switcher, relay), moves each VM as its hypervisor would (its memory
 * copy modelled, everything on the network real), and measures from what the agents saw. Returns
 * the same {@link RunResult} and {@link Trace} as the emulator. Everything it creates is undone on
 * every path out, and recorded in a state file first so {@code live cleanup} can undo a killed run.
 */
public final class LiveRunner {

    /** The schemes live mode runs today; the others are refused with a plain message. */
    public static final List<SchemeKind> SUPPORTED = List.of(SchemeKind.NETWORK_PAGING, SchemeKind.NONE);
    static final int PROBE_PORT = 7007;
    static final int SWITCH_PORT = 40999;
    /** QEMU's announce-self schedule: five frames at these offsets after resume. */
    static final String QEMU_ANNOUNCE_MS = "0,50,200,450,800";
    private static final Duration AGENT_START = Duration.ofSeconds(30);
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

    public LiveRunner(CommandRunner runner, HostTools tools, Path stateDir, Progress progress) {
        this.runner = runner;
        this.tools = tools;
        this.stateDir = stateDir;
        this.progress = progress;
    }

    /** Why {@code lab} cannot run live with {@code scheme}, if it cannot; checked before anything is created. */
    public static Optional<String> unsupported(Lab lab, SchemeKind scheme) {
        if (!SUPPORTED.contains(scheme)) {
            return Optional.of("live mode runs " + SUPPORTED.stream().map(SchemeKind::key).collect(Collectors.joining(" and "))
                    + " so far; '" + scheme.key() + "' runs in the emulator (warplab emulate)");
        }
        if (lab.traffic().stream().noneMatch(f -> f.kind() == ProbeKind.UDP_ECHO)) {
            return Optional.of("the lab has no udp-echo probe flow to measure the migration with; add one under traffic");
        }
        return Optional.empty();
    }

    public Outcome run(Lab labToRun, SchemeKind scheme) throws IOException, AgentProcess.AgentException {
        Lab lab = labToRun.withScheme(scheme);
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
            progress.step(String.format("built in %.0f ms; starting agents", built.buildNs() / 1e6));
            Session session = new Session(lab, built, state, agents);
            session.startAgents();
            RunResult result = session.migrate();
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
        private final List<TraceEvent> events = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private long t0;

        Session(Lab lab, LabRealizer.Realization built, LiveState state, List<AgentProcess> agents) {
            this.lab = lab;
            this.built = built;
            this.state = state;
            this.agents = agents;
            notes.addAll(built.notes());
            notes.add("live run on " + built.names().labPrefix() + "* namespaces; link delay by " + built.capabilities().linkDelayMethod()
                    + "; the VM's memory copy is modelled (pre-copy and stop-and-copy times from its memory, dirty rate and management link), "
                    + "its network is real");
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
                start("relay", LabRealizer.RELAY_NODE, "relay", args);
            }
            for (Vm vm : vmsWithTraffic()) {
                echo.put(vm.id(), start("echo " + vm.id(), vm.id(), "echo", List.of("--port", String.valueOf(PROBE_PORT))));
            }
            for (ProbeFlow flow : lab.traffic()) {
                if (flow.kind() != ProbeKind.UDP_ECHO) {
                    notes.add("flow " + flow.id() + " is " + flow.kind().key() + "; live mode measures with udp-echo flows only, so it was not run");
                    continue;
                }
                Client client = lab.node(flow.client(), Client.class).orElseThrow();
                Vm vm = lab.node(flow.vm(), Vm.class).orElseThrow();
                IpAddress target = vm.addresses().stream().filter(a -> client.address(a.family()).isPresent()).findFirst().orElseThrow();
                probes.put(flow.id(), start("probe " + flow.id(), client.id(), "probe", List.of("--flow", flow.id(), "--target", target.toString(),
                        "--port", String.valueOf(PROBE_PORT), "--bytes", String.valueOf(flow.packetBytes()), "--interval-ns", String.valueOf(flow.intervalNs()))));
            }
            if (lab.scheme() == SchemeKind.NETWORK_PAGING) {
                startPagingAgents();
            }
            for (AgentProcess agent : agents) {
                agent.awaitEvent("ready", AGENT_START);
            }
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
                switchers.put(edge, start("switcher " + edge, edge, "switcher", args));
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
                watchers.put(dc.id(), start("watcher " + dc.id(), dc.id(), "watcher", args));
            }
        }

        /** An address of {@code router} every site can reach: its address on a client site it serves, else a WAN address. */
        private String reachableAddress(String router) {
            for (Link link : lab.linksOf(router)) {
                if (link.kind() == LinkKind.LAN) {
                    Optional<Client> client = lab.node(link.other(router), Client.class);
                    if (client.isPresent() && client.get().gateway(IpFamily.IPV4).isPresent()) {
                        return client.get().gateway(IpFamily.IPV4).get().toString();
                    }
                }
            }
            return lab.linksOf(router).stream().filter(l -> l.kind() == LinkKind.WAN).flatMap(l -> l.addressesOf(router).stream())
                    .filter(a -> a.family() == IpFamily.IPV4).map(a -> a.address().toString()).findFirst()
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
            for (Migration migration : ordered) {
                sleepUntil(t0 + migration.atNs());
                windows.add(move(migration, location.get(migration.vm())));
                location.put(migration.vm(), migration.to());
            }
            // the run lasts as the lab says, and at least long enough to see the traffic settle after the last move
            long end = Math.max(t0 + lab.durationNs(), System.nanoTime() + SETTLE_NS);
            if (end > t0 + lab.durationNs()) {
                notes.add(String.format("the run lasted %.0f ms (the lab asks for %.0f ms) so that every migration finishes and the traffic settles",
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
            return new RunResult(lab.name(), lab.scheme().key(), "live", 0, end - t0, metrics, notes);
        }

        /** What happened to one migration, in host monotonic time. */
        /** @param settledNs when the VM ran again and every translator that follows it had switched */
        private record MigrationWindow(Migration migration, Vm vm, String from, long startNs, long pausedNs, long holdEndNs,
                                       long resumedNs, long settledNs, PreCopyMigration.Plan plan) { }

        private MigrationWindow move(Migration migration, String from) throws IOException, AgentProcess.AgentException {
            Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
            AgentProcess service = echo.get(vm.id());
            long start = System.nanoTime();
            if (migration.mode() == MigrationMode.COLD) {
                throw new IllegalStateException("cold migration (" + migration.id() + ") is not run live yet; the emulator runs it");
            }
            Link management = lab.links().stream().filter(l -> l.kind() == LinkKind.MANAGEMENT && l.touches(from) && l.touches(migration.to()))
                    .findFirst().orElseThrow();
            long bandwidth = migration.bandwidthCapBps() > 0 ? Math.min(migration.bandwidthCapBps(), management.bandwidthBps()) : management.bandwidthBps();
            PreCopyMigration.Plan plan = PreCopyMigration.of(vm, migration, MigrationCosts.DEFAULT).plan(bandwidth / 8, management.delayNs());
            progress.step(String.format("%s: %s %s -> %s, pre-copy %.0f ms (modelled), stop-and-copy %.1f ms", migration.id(), vm.id(), from,
                    migration.to(), (plan.totalNs() - plan.downtimeNs()) / 1e6, plan.stopAndCopyNs() / 1e6));
            events.add(new TraceEvent.MigrationRound(rel(start), migration.id(), 0, 0, 0, false));
            String vmNs = built.namespace(vm.id());
            String port = InterfaceNames.vmPort(vm.id());
            Path after = built.configDir().resolve("after-" + migration.id());
            String portLine = Files.readAllLines(after.resolve(migration.to()).resolve("ip.batch")).stream()
                    .filter(l -> l.startsWith("link set dev " + port + " ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the generated " + migration.to() + "/ip.batch does not attach " + port));
            // the destination's port is ready before the VM stops, as a hypervisor prepares the target
            runner.check(new Command(List.of(tools.path("ip"), "-batch", "-"),
                    "link add mv0 netns " + vmNs + " type veth peer name " + port + " netns " + built.namespace(migration.to()) + "\n", Command.DEFAULT_TIMEOUT));
            // up (the announcement's capture handle needs that) but addressless: nothing is routed to it before the switchover
            runner.check(tools.path("ip"), "-n", vmNs, "link", "set", "dev", "mv0", "up");
            runner.check(new Command(List.of(tools.path("ip"), "-n", built.namespace(migration.to()), "-batch", "-"), portLine + "\n", Command.DEFAULT_TIMEOUT));
            service.send("prepare-announce mv0");
            service.await(e -> e.event().equals("announce-prepared") && e.timeNs() >= start, Duration.ofSeconds(10), "prepared announcement");
            sleepUntil(start + plan.totalNs() - plan.downtimeNs());
            service.send("pause");
            long paused = service.await(e -> e.event().equals("paused") && e.timeNs() >= start, Duration.ofSeconds(5), "pause").timeNs();
            events.add(new TraceEvent.VmPaused(rel(paused), vm.id(), from));
            sleepUntil(paused + plan.stopAndCopyNs());
            long holdEnd = System.nanoTime();
            String vmBatch = Files.readString(after.resolve(vm.id()).resolve("ip.batch"));
            runner.check(new Command(List.of(tools.path("ip"), "-n", vmNs, "-batch", "-"),
                    "link del dev " + InterfaceNames.VM_INTERFACE + "\nlink set dev mv0 name " + InterfaceNames.VM_INTERFACE + "\n" + vmBatch, Command.DEFAULT_TIMEOUT));
            events.add(new TraceEvent.VmMoved(rel(System.nanoTime()), vm.id(), from, migration.to()));
            service.send("resume");
            long resumed = service.await(e -> e.event().equals("resumed") && e.timeNs() >= holdEnd, Duration.ofSeconds(5), "resume").timeNs();
            events.add(new TraceEvent.VmResumed(rel(resumed), vm.id(), migration.to()));
            String announceAddress = vm.address(IpFamily.IPV4).map(IpAddress::toString).orElse("0.0.0.0");
            service.send("announce " + vm.announce().key() + " " + InterfaceNames.VM_INTERFACE + " " + vm.mac() + " " + announceAddress + " " + QEMU_ANNOUNCE_MS);
            progress.step(String.format("%s: VM paused %.1f ms, running in %s, announcing by %s", migration.id(), (resumed - paused) / 1e6,
                    migration.to(), vm.announce().key()));
            long settled = resumed;
            for (AgentProcess switcher : switchers.values()) {
                settled = Math.max(settled, switcher.await(e -> e.event().equals("rule-switched") && e.timeNs() >= resumed
                        && e.text("vm").equals(announceAddress), Duration.ofSeconds(5), "switch for " + migration.id()).timeNs());
            }
            return new MigrationWindow(migration, vm, from, start, paused, holdEnd, resumed, settled, plan);
        }

        private MigrationMetrics measure(MigrationWindow w, long windowEnd) {
            Migration migration = w.migration();
            List<Phase> phases = new ArrayList<>();
            phases.add(new Phase("pre-copy (modelled)", rel(w.startNs()), rel(w.pausedNs())));
            phases.add(new Phase("stop-and-copy (modelled hold)", rel(w.pausedNs()), rel(w.holdEndNs())));
            phases.add(new Phase("re-attach at " + migration.to() + " (measured)", rel(w.holdEndNs()), rel(w.resumedNs())));
            Long switching = null;
            Optional<AgentEvent> seen = watchers.values().stream().flatMap(a -> a.events().stream())
                    .filter(e -> e.event().equals("announcement-seen") && e.timeNs() >= w.resumedNs() && e.timeNs() < windowEnd)
                    .min(Comparator.comparingLong(AgentEvent::timeNs));
            Optional<AgentEvent> announced = echo.get(w.vm().id()).events().stream()
                    .filter(e -> e.event().equals("announced") && e.timeNs() >= w.resumedNs()).findFirst();
            if (seen.isPresent()) {
                long seenAt = seen.get().timeNs();
                phases.add(new Phase("announce (until seen by the capture program)", rel(w.resumedNs()), rel(seenAt)));
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
                notes.add(migration.id() + ": no capture program saw the VM's announcement" + (announced.isEmpty() ? " (none was sent)" : ""));
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
            String address = w.vm().addresses().get(0).toString();
            return new MigrationMetrics(migration.id(), w.vm().id(), address, w.from(), migration.to(), migration.mode().key() + "/" + migration.storage().key(),
                    switching, w.resumedNs() - w.pausedNs(), w.resumedNs() - w.startNs(), gap, sent, lost, latencyBefore, latencyAfter,
                    !afterRtts.isEmpty(), "", "", phases, flows);
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
                Client client = lab.node(flow.client(), Client.class).orElseThrow();
                String clientLink = lab.linksOf(client.id()).stream().findFirst().map(Link::id).orElse("");
                if (echo == null) {
                    lost++;
                    events.add(new TraceEvent.Dropped(rel(at), s.getKey(), PacketKind.PROBE, flow.id(), s.getKey(), client.id(), clientLink,
                            "no echo came back"));
                } else {
                    arrivals.add(echo.timeNs());
                    long rtt = echo.number("rtt");
                    events.add(new TraceEvent.Delivered(rel(echo.timeNs()), s.getKey(), PacketKind.ECHO, flow.id(), s.getKey(), client.id(), rtt));
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
            events.sort(Comparator.comparingLong(TraceEvent::timeNs));
            return new Trace(events);
        }

        private long rel(long hostNs) {
            return hostNs - t0;
        }
    }

    private static long mean(List<Long> values) {
        return values.isEmpty() ? -1 : (long) values.stream().mapToLong(Long::longValue).average().orElse(0);
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
