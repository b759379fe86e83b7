package org.warplab.live.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.live.AgentProcess;
import org.warplab.live.CommandRunner;
import org.warplab.live.HostTools;
import org.warplab.live.LiveCleanup;
import org.warplab.live.LiveState;
import org.warplab.live.NamespaceNames;
import org.warplab.live.ProcessCommandRunner;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.MacAddress;

/**
 * Three namespaces for a real QEMU migration: DC1 and DC2, each with a LAN bridge, joined by an L2
 * extension (a veth in both bridges) and by a routed management link (10.255.0.1/30 - .2/30) that
 * carries the migration stream; and a client on DC1's LAN. The guest keeps 10.20.0.2/24 and its MAC.
 */
final class QemuTestbed implements AutoCloseable {

    static final String VM_ADDRESS = "10.20.0.2";
    static final String CLIENT_ADDRESS = "10.20.0.100";
    static final MacAddress VM_MAC = MacAddress.parse("52:54:00:20:00:02");
    static final String INCOMING = "tcp:10.255.0.2:4444";
    static final String TAP = "vm0";

    /** One trial's measurements. */
    record Trial(long bootNs, QemuMigration.Result migration, long firstRarpAfterResumeNs, long firstRarpAfterResumeByQemuClockNs,
                 long clientGapNs, long lostProbes, boolean answersAfterMove, String fdbAtDestination) { }

    /** Host wall clock minus monotonic clock, in ns: maps QEMU's event timestamps (wall clock) onto System.nanoTime(). */
    private static long wallMinusMonotonicNs() {
        java.time.Instant now = java.time.Instant.now();
        long mono = System.nanoTime();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - mono;
    }

    final CommandRunner runner = new ProcessCommandRunner();
    final HostTools tools = HostTools.fromEnvironment();
    final NamespaceNames names;
    final LiveState state;
    final Path stateDir;
    final Path runDir;

    QemuTestbed(String labId, Path stateDir, Path runDir) {
        this.names = new NamespaceNames(labId);
        this.stateDir = stateDir;
        this.runDir = runDir;
        this.state = new LiveState(stateDir, labId);
    }

    private boolean temporaryDirs;

    /** The run and state directories were made for this testbed alone: close() removes them too. */
    void markTemporary() {
        temporaryDirs = true;
    }

    String ns(String node) {
        return names.namespace(node);
    }

    void build() {
        String ip = tools.path("ip");
        for (String node : List.of("dc1", "dc2", "cl")) {
            runner.check(ip, "netns", "add", ns(node));
            state.addNamespace(ns(node));
            runner.check(ip, "-n", ns(node), "link", "set", "dev", "lo", "up");
        }
        for (String dc : List.of("dc1", "dc2")) {
            runner.check(ip, "-n", ns(dc), "link", "add", "name", "br0", "type", "bridge");
            runner.check(ip, "-n", ns(dc), "link", "set", "dev", "br0", "up");
        }
        runner.check(ip, "-n", ns("cl"), "link", "add", "name", "c0", "type", "veth", "peer", "name", "cl0", "netns", ns("dc1"));
        runner.check(ip, "-n", ns("dc1"), "link", "add", "name", "x1", "type", "veth", "peer", "name", "x2", "netns", ns("dc2"));
        runner.check(ip, "-n", ns("dc1"), "link", "add", "name", "m1", "type", "veth", "peer", "name", "m2", "netns", ns("dc2"));
        runner.check(ip, "-n", ns("dc1"), "link", "set", "dev", "cl0", "master", "br0", "up");
        runner.check(ip, "-n", ns("dc1"), "link", "set", "dev", "x1", "master", "br0", "up");
        runner.check(ip, "-n", ns("dc2"), "link", "set", "dev", "x2", "master", "br0", "up");
        runner.check(ip, "-n", ns("cl"), "addr", "add", CLIENT_ADDRESS + "/24", "dev", "c0");
        runner.check(ip, "-n", ns("cl"), "link", "set", "dev", "c0", "up");
        runner.check(ip, "-n", ns("dc1"), "addr", "add", "10.255.0.1/30", "dev", "m1");
        runner.check(ip, "-n", ns("dc2"), "addr", "add", "10.255.0.2/30", "dev", "m2");
        runner.check(ip, "-n", ns("dc1"), "link", "set", "dev", "m1", "up");
        runner.check(ip, "-n", ns("dc2"), "link", "set", "dev", "m2", "up");
    }

    QemuVm.Spec sourceSpec(Path cache, GuestImage image, long dirtyMib, long dirtyPagesPerSecond) {
        return new QemuVm.Spec("wl-src-" + names.labId(), cache, image, image.accelerator(), 128, VM_MAC,
                InterfaceAddress.parse(VM_ADDRESS + "/24"), Optional.empty(), QemuVm.DEFAULT_ECHO_PORT, dirtyMib, dirtyPagesPerSecond,
                new QemuVm.TapOnBridge(ns("dc1"), "br0", TAP), Optional.empty(), runDir);
    }

    /** Boots the guest in DC1, probes it from the client, migrates it to DC2 and measures. */
    Trial trial(Path cache, GuestImage image, long dirtyMib, long dirtyPagesPerSecond, QemuMigration.Settings settings) throws Exception {
        QemuVm.Spec source = sourceSpec(cache, image, dirtyMib, dirtyPagesPerSecond);
        QemuVm.Spec destination = source.asDestination("wl-dst-" + names.labId(), new QemuVm.TapOnBridge(ns("dc2"), "br0", TAP), INCOMING);
        try (QemuVm src = QemuVm.start(source, runner, tools, Optional.of(state));
             AgentProcess probe = AgentProcess.start(tools, state, "probe", ns("cl"), "probe",
                     List.of("--flow", "P1", "--target", VM_ADDRESS, "--port", Integer.toString(QemuVm.DEFAULT_ECHO_PORT), "--bytes", "210",
                             "--interval-ns", "20000000"));
             AgentProcess watcher = AgentProcess.start(tools, state, "watcher", ns("dc2"), "watcher",
                     List.of("--device", "br0", "--trigger", "rarp", "--location", "DC2", "--vm", org.warplab.live.agent.AgentArguments.encode(new org.warplab.live.agent.AgentArguments.WatchedVm(VM_MAC.toString(),
                            VM_ADDRESS.toString()))))) {
            QemuVm.ConsoleLine ready = src.awaitReady(Duration.ofSeconds(90));
            long bootNs = ready.receivedNs() - src.startedNs();
            probe.awaitEvent(AgentEvent.Kind.READY, Duration.ofSeconds(20));
            watcher.awaitEvent(AgentEvent.Kind.READY, Duration.ofSeconds(20));
            probe.send("go");
            probe.await(e -> e.is(AgentEvent.Kind.ECHO) && e.number("seq") >= 5, Duration.ofSeconds(20), "five echoes before the move");
            QemuMigration.Result result;
            try (QemuVm dst = QemuVm.start(destination, runner, tools, Optional.of(state))) {
                result = QemuMigration.run(src, dst, INCOMING, settings);
                long firstRarp = 0;
                long firstRarpByQemuClock = 0;
                boolean answers = false;
                String fdb = "";
                if (result.outcome() == QemuMigration.Outcome.COMPLETED) {
                    src.close(); // paused after the move: the source is done
                    AgentEvent seen = watcher.awaitEvent(AgentEvent.Kind.ANNOUNCEMENT_SEEN, Duration.ofSeconds(10));
                    firstRarp = seen.timeNs() - result.destinationResumedAtNs();
                    firstRarpByQemuClock = seen.timeNs() - (result.destinationResumedWallMicros() * 1000 - wallMinusMonotonicNs());
                    long resumed = result.destinationResumedAtNs();
                    probe.await(e -> e.is(AgentEvent.Kind.ECHO) && e.timeNs() > resumed + 1_000_000_000L, Duration.ofSeconds(20),
                            "echoes a second after the move");
                    answers = probe.events().stream().anyMatch(e -> e.is(AgentEvent.Kind.ECHO) && e.timeNs() > resumed && e.text("from").equals(VM_ADDRESS));
                    fdb = runner.check(tools.path("bridge"), "-n", ns("dc2"), "fdb", "show", "br", "br0").stdout();
                } else {
                    // a cancelled pre-copy leaves the guest running at the source: it must go on answering there
                    long ended = System.nanoTime();
                    probe.await(e -> e.is(AgentEvent.Kind.ECHO) && e.timeNs() > ended + 500_000_000L, Duration.ofSeconds(20),
                            "echoes from the source after the cancelled migration");
                    answers = true;
                }
                probe.send("stop");
                long[] gapAndLost = gapAndLost(probe.events());
                return new Trial(bootNs, result, firstRarp, firstRarpByQemuClock, gapAndLost[0], gapAndLost[1], answers, fdb);
            }
        }
    }

    /** The largest gap between two echoes the client received, and how many probes never came back. */
    static long[] gapAndLost(List<AgentEvent> events) {
        List<Long> echoes = new ArrayList<>();
        java.util.Set<Long> answered = new java.util.HashSet<>();
        long sent = 0;
        for (AgentEvent e : events) {
            if (e.is(AgentEvent.Kind.ECHO)) {
                echoes.add(e.timeNs());
                answered.add(e.number("seq"));
            } else if (e.is(AgentEvent.Kind.SENT)) {
                sent = Math.max(sent, e.number("seq"));
            }
        }
        long gap = 0;
        for (int i = 1; i < echoes.size(); i++) {
            gap = Math.max(gap, echoes.get(i) - echoes.get(i - 1));
        }
        // the last few probes may still be on their way when the probe stops: count only those older than a second
        long lost = 0;
        for (long seq = 0; seq <= sent - 50; seq++) {
            if (!answered.contains(seq)) {
                lost++;
            }
        }
        return new long[] {gap, lost};
    }

    /** The guest image, built once into a cache that outlives {@code mvn clean}. */
    static GuestBuilder.Outcome guest(CommandRunner runner, HostTools tools) throws GuestBuildException {
        Path cache = Path.of("/var/cache/warplab-test-guest");
        GuestBuilder builder = new GuestBuilder(runner, tools, Optional.empty());
        GuestBuilder.Options options = new GuestBuilder.Options(cache, Optional.empty(), Optional.empty(), false);
        List<String> problems = builder.problems(options);
        if (!problems.isEmpty()) {
            throw new GuestBuildException(String.join("; ", problems));
        }
        return builder.build(options, line -> System.out.println("[guest build] " + line));
    }

    @Override
    public void close() throws IOException {
        new LiveCleanup(runner, tools, stateDir).clean(names.labPrefix());
        for (Path dir : List.of(runDir, stateDir)) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                if (temporaryDirs) {
                    Files.deleteIfExists(dir);
                }
            }
        }
    }
}
