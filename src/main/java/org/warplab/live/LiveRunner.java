package org.warplab.live;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.warplab.config.MobileIpv6Files;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.Lab;
import org.warplab.model.LinkKind;
import org.warplab.model.MobileIpv6;
import org.warplab.model.ProbeKind;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;
import org.warplab.model.Ipv4Address;
import org.warplab.live.qemu.GuestImage;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.MobileIpv6Scheme;

/**
 * Runs a lab's migrations live: builds it on namespaces from its generated configs, starts the
 * agents (probe, echo, watcher, switcher, relay), moves each VM as its hypervisor would (its memory
 * copy modelled, everything on the network real), and measures from what the agents saw. Returns
 * the same {@link RunResult} and {@link Trace} as the emulator. Everything it creates is undone on
 * every path out, and recorded in a state file first so {@code live cleanup} can undo a killed run.
 */
public final class LiveRunner {

    /** The schemes live mode runs today (those whose {@link LiveScheme} part runs); the others are refused with a plain message. */
    public static final List<SchemeKind> SUPPORTED = EmulatorOnlyScheme.LIVE;
    /** tcpdump needs a moment to open its interface before the traffic it should see starts. */
    static final long CAPTURE_START_NS = 300_000_000L;
    /** How long the traffic is watched after the last move; also the tail of a run whose echoes may still be on the way. */
    static final long SETTLE_NS = LiveMeasurement.SETTLE_NS;

    /**
     * What a live run returns: the result, the trace, how the lab was built, and what the figures
     * were computed from.
     *
     * @param recording every agent's own report and the migrations' times, for looking into a run
     *                  beyond its trace and for measuring it again
     */
    public record Outcome(RunResult result, Trace trace, long buildNs, List<LabRealizer.BuildStep> buildSteps, Capabilities capabilities,
                          LiveRecording recording) {
        /** Every agent's own report, in time order (times relative to the run's start). */
        public List<AgentEvent> agentEvents() {
            return recording.timeline();
        }
    }

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

    /** Host tools the scheme of {@code lab} (a valid lab) needs beyond a lab build's: radvd for Mobile IPv6. */
    public static List<Requirement> schemeTools(Lab lab) {
        return LiveScheme.of(lab).tools();
    }

    /** The time between repeated moves of {@code lab} (a valid lab) for its scheme; a QEMU guest's move takes longer (see the CLI). */
    public static long repeatSpacingNs(Lab lab) {
        return LiveScheme.of(lab).repeatSpacingNs();
    }

    /** Why {@code lab} cannot run live with {@code scheme}, if it cannot; checked before anything is created. */
    public static Optional<String> unsupported(Lab lab, SchemeKind scheme) {
        Lab withScheme = lab.withScheme(scheme);
        if (withScheme.activeScheme().isEmpty()) {
            return Optional.of("the lab has no settings for " + scheme.label() + "; add them in the lab's \"schemes\" section");
        }
        Optional<String> refusal = LiveScheme.of(withScheme).refusal(withScheme);
        if (refusal.isPresent()) {
            return refusal;
        }
        if (lab.traffic().stream().noneMatch(f -> f.kind() == ProbeKind.UDP_ECHO)) {
            return Optional.of("the lab has no udp-echo probe flow to measure the migration with; add one under traffic");
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
        // taken before anything is looked at or touched: a second run of this lab stops here, naming the first
        LiveLock labLock = LiveLock.lab(stateDir, names.labId());
        LiveCleanup cleanup = new LiveCleanup(runner, tools, stateDir);
        List<AgentProcess> agents = new java.util.concurrent.CopyOnWriteArrayList<>();
        Path[] configDirHolder = new Path[1];
        Teardown teardown = new Teardown(() -> {
            agents.forEach(AgentProcess::close);
            LiveCleanup.Report report = cleanup.clean(names.labPrefix());
            report.failures().forEach(f -> progress.step("cleanup: " + f));
            if (configDirHolder[0] != null) {
                deleteTree(configDirHolder[0]);
            }
        }, labLock);
        Thread hook = new Thread(teardown, "warplab-live-teardown");
        try {
            List<String> leftovers = cleanup.namespaces(names.labPrefix());
            if (!leftovers.isEmpty()) {
                // nobody alive holds this lab's lock (we do), so these are a killed run's
                throw new IllegalStateException("namespaces of this lab are left from a live run that was killed (" + String.join(", ", leftovers)
                        + "); remove them with 'warplab live cleanup', then run again");
            }
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (RuntimeException e) {
            labLock.close();
            throw e;
        }
        Capabilities capabilities;
        LabRealizer.Realization built;
        LiveState state = new LiveState(stateDir, names.labId());
        Path configDir;
        try {
            configDir = Files.createTempDirectory(LiveCleanup.TEMP_PREFIX + names.labId() + "-");
            configDirHolder[0] = configDir;
            // the host's /run/netns mount and kernel modules are shared by every lab: one build at a time
            try (LiveLock shared = LiveLock.global(stateDir, 60_000)) {
                progress.step("probing the kernel");
                capabilities = new CapabilityProbe(runner, tools).probe();
                progress.step("building the lab on namespaces " + names.labPrefix() + "* (" + capabilities.linkDelayMethod() + " for link delay)");
                built = new LabRealizer(runner, tools).build(lab, names, capabilities, state, configDir);
            }
        } catch (Throwable e) {
            endRun(teardown, hook);
            throw e;
        }
        try {
            progress.step(String.format("configs generated in %.0f ms, namespaces built in %.0f ms; starting agents",
                    built.generateNs() / 1e6, built.buildNs() / 1e6));
            LiveContext context = new LiveContext(lab, built, state, runner, tools, progress);
            context.notes.addAll(built.notes());
            context.notes.add("live run on " + names.labPrefix() + "* namespaces; link delay by " + capabilities.linkDelayMethod()
                    + (lab.vms().stream().anyMatch(vm -> vm.runtime() == VmRuntime.NAMESPACE)
                    ? "; a namespace VM's memory copy is modelled (pre-copy and stop-and-copy times from its memory, dirty rate and management "
                    + "link), its network is real" : "; the VMs are real QEMU guests, migrated by QEMU over the management link"));
            LiveAgents liveAgents = new LiveAgents(context, agents);
            Optional<QemuMove> qemu = guest.map(image -> new QemuMove(context, image, guestCache, configDir, liveAgents));
            LiveSession session = new LiveSession(context, liveAgents, qemu);
            List<Process> captures = new ArrayList<>();
            RunResult result;
            try {
                if (options.pcapDir().isPresent()) {
                    captures.addAll(startCaptures(lab, built, state, options.pcapDir().get()));
                }
                liveAgents.startAll(qemu);
                result = session.migrate();
            } finally {
                // QEMU must quit and tcpdump must flush its files even when a Stop interrupted the run
                boolean stopped = Thread.interrupted();
                qemu.ifPresent(QemuMove::close);
                stopCaptures(captures);
                if (stopped) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Outcome(result, session.trace(), built.buildNs(), built.buildSteps(), capabilities, session.recording());
        } finally {
            endRun(teardown, hook);
        }
    }

    /** The run's own way out: tears down (once, whoever comes first: this or the shutdown hook) and drops the hook. */
    private void endRun(Teardown teardown, Thread hook) {
        // a Stop interrupts this thread; the teardown's own commands must still run to the end
        boolean stopped = Thread.interrupted();
        progress.step("tearing down");
        teardown.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook is running
        }
        if (stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Everything a run undoes, run exactly once: by the run's own finally or by the JVM's shutdown
     * hook (Ctrl-C), whichever comes first; the other waits for it to finish. The lab's lock is
     * released last, so no new run of the lab starts on a half-removed one.
     */
    private static final class Teardown implements Runnable {
        private final Runnable undo;
        private final LiveLock labLock;
        private boolean done;

        Teardown(Runnable undo, LiveLock labLock) {
            this.undo = undo;
            this.labLock = labLock;
        }

        @Override
        public synchronized void run() {
            if (done) {
                return;
            }
            done = true;
            try {
                undo.run();
            } finally {
                labLock.close();
            }
        }
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
        try {
            LiveCleanup.deleteTree(dir);
        } catch (IOException | java.io.UncheckedIOException e) {
            // what is left is found by 'warplab live cleanup' (it removes every warplab-live-LAB-* of a lab not running)
        }
    }
}
