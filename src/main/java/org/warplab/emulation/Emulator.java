package org.warplab.emulation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.warplab.emulation.network.EmulatedNetwork;
import org.warplab.emulation.network.EmulationException;
import org.warplab.emulation.network.EventHandler;
import org.warplab.emulation.network.LinkLoss;
import org.warplab.emulation.network.MigrationRun;
import org.warplab.emulation.network.NetworkContext;
import org.warplab.emulation.network.SchemeBehaviour;
import org.warplab.emulation.network.Simulator;
import org.warplab.emulation.network.TestbedOverheads;
import org.warplab.emulation.network.Tracer;
import org.warplab.emulation.network.VmHost;
import org.warplab.emulation.schemes.L2ExtensionBehaviour;
import org.warplab.emulation.schemes.MobileIpv6Behaviour;
import org.warplab.emulation.schemes.NetworkPagingBehaviour;
import org.warplab.emulation.schemes.NoSchemeBehaviour;
import org.warplab.emulation.schemes.RoutingMoveBehaviour;
import org.warplab.emulation.schemes.SegmentationBehaviour;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.SchemeKind;
import org.warplab.run.Capture;
import org.warplab.run.CompactTraceEvents;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.scheme.L2ExtensionBaseline;
import org.warplab.scheme.MobileIpv6Scheme;
import org.warplab.scheme.MobilityScheme;
import org.warplab.scheme.NetworkPagingScheme;
import org.warplab.scheme.NoSchemeBaseline;
import org.warplab.scheme.RoutingMoveBaseline;
import org.warplab.scheme.SegmentationScheme;

/**
 * Runs a lab in virtual time: builds the emulated network for the lab's scheme, starts the probe
 * flows and the migrations, and returns the same result and trace types as the live runtime.
 */
public final class Emulator {
    /** Longest the run is stretched to let slow migrations finish, in virtual time. */
    static final long MAX_RUN_NS = 3_600_000_000_000L;

    /**
     * What a run records besides its figures: each costs time and memory, so a caller asks only for
     * what it shows or writes.
     *
     * @param trace keep the trace (every hop and state change), compactly, up to {@code maxTraceEvents}
     * @param capture keep the frames of every capture point for pcap export
     * @param paths note each probe's path, for the "path before/after" of the figures
     * @param maxTraceEvents the trace's cap; past it the trace stops and the result says where
     * @param maxEvents the run's cap on kernel events; past it the run stops and the result says so
     */
    public record Options(long seed, boolean trace, boolean capture, boolean paths, int maxTraceEvents, long maxEvents) {
        /** About 100-160 MB of compact trace: a replay longer than that is not watched event by event. */
        public static final int DEFAULT_MAX_TRACE_EVENTS = Tracer.DEFAULT_MAX_EVENTS;
        /** A few minutes of one core; every lab within the format's limits stays far below. */
        public static final long DEFAULT_MAX_EVENTS = 400_000_000L;

        public Options(long seed, boolean trace, boolean capture) {
            this(seed, trace, capture, trace, DEFAULT_MAX_TRACE_EVENTS, DEFAULT_MAX_EVENTS);
        }

        /** Everything: trace, captures and paths (tests, and a run the user will replay and export). */
        public static Options defaults(long seed) {
            return new Options(seed, true, true);
        }

        /** Only the figures and each flow's path: what emulate, compare and sweep need unless asked for more. */
        public static Options metrics(long seed) {
            return new Options(seed, false, false, true, DEFAULT_MAX_TRACE_EVENTS, DEFAULT_MAX_EVENTS);
        }

        public Options withTrace(boolean keep) {
            return new Options(seed, keep, capture, paths || keep, maxTraceEvents, maxEvents);
        }

        public Options withCapture(boolean keep) {
            return new Options(seed, trace, keep, paths, maxTraceEvents, maxEvents);
        }

        public Options withMaxTraceEvents(int max) {
            return new Options(seed, trace, capture, paths, max, maxEvents);
        }

        public Options withMaxEvents(long max) {
            return new Options(seed, trace, capture, paths, maxTraceEvents, max);
        }
    }

    /**
     * What one run gives: the result, the trace, the captures, and what the kernel did.
     *
     * @param stoppedAtCap the run hit the virtual-time or event cap before every migration finished; the
     *                     result's notes say which, and its figures cover only what ran
     * @param packetHops frames that crossed a link
     * @param echoesDelivered probes whose echo reached their client
     */
    public record Outcome(RunResult result, Trace trace, List<Capture> captures, long events, int peakPendingEvents, boolean stoppedAtCap,
                          long packetHops, long echoesDelivered) { }

    private Emulator() {
    }

    /** The schemes the emulator runs: all of them ({@link #behaviourFor} gives every scheme its behaviour, or does not compile). */
    public static List<SchemeKind> emulatedSchemes() {
        return List.of(SchemeKind.values());
    }

    static SchemeBehaviour behaviourFor(Lab lab) throws EmulationException {
        SchemeKind kind = lab.scheme();
        if (lab.schemeConfig(kind).isEmpty()) {
            throw new EmulationException("the lab has no settings for " + kind.label() + "; add them in the lab's \"schemes\" section");
        }
        return MobilityScheme.of(lab).parts(new MobilityScheme.Parts<SchemeBehaviour>() {
            @Override
            public SchemeBehaviour paging(NetworkPagingScheme scheme) {
                return new NetworkPagingBehaviour(scheme.config());
            }

            @Override
            public SchemeBehaviour segmentation(SegmentationScheme scheme) {
                return new SegmentationBehaviour(scheme.config());
            }

            @Override
            public SchemeBehaviour mobileIpv6(MobileIpv6Scheme scheme) {
                return new MobileIpv6Behaviour(scheme.config());
            }

            @Override
            public SchemeBehaviour none(NoSchemeBaseline scheme) {
                return new NoSchemeBehaviour();
            }

            @Override
            public SchemeBehaviour l2Extension(L2ExtensionBaseline scheme) {
                return new L2ExtensionBehaviour();
            }

            @Override
            public SchemeBehaviour routingMove(RoutingMoveBaseline scheme) {
                return new RoutingMoveBehaviour(scheme.config());
            }
        });
    }

    public static Outcome run(Lab lab, Options options) throws EmulationException {
        return run(lab, options, LinkLoss.CONFIGURED);
    }

    /** Runs with another model of which frames the links lose than the lab's loss rates. */
    public static Outcome run(Lab lab, Options options, LinkLoss loss) throws EmulationException {
        return run(lab, options, behaviourFor(lab), loss);
    }

    /**
     * Runs {@code lab} with {@code behaviour} as its scheme, not the one {@link #behaviourFor} chooses
     * from the lab: where a scheme of another package plugs into the emulator (its tests, a toy).
     */
    public static Outcome run(Lab lab, Options options, SchemeBehaviour behaviour) throws EmulationException {
        return run(lab, options, behaviour, LinkLoss.CONFIGURED);
    }

    private static Outcome run(Lab lab, Options options, SchemeBehaviour behaviour, LinkLoss loss) throws EmulationException {
        Simulator sim = new Simulator(options.seed());
        sim.limitEvents(options.maxEvents());
        NetworkContext net = new NetworkContext(sim, options.trace(), options.capture(), loss);
        net.tracer.limit(options.maxTraceEvents());
        net.recordPaths = options.paths() || options.trace();
        net.overheads = new TestbedOverheads(lab.testbed(), options.seed());
        net.seed = options.seed();
        EmulatedNetwork network = EmulatedNetwork.build(lab, net, behaviour);
        List<MigrationRun> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>(network.notes);
        scheduleMigrations(lab, network, behaviour, runs, notes);

        long end = Math.min(Math.max(lab.durationNs(), 1), MAX_RUN_NS);
        sim.runUntil(end);
        long settle = behaviour.settleNs(network);
        boolean allDone = false;
        while (!sim.reachedEventLimit()) {
            allDone = runs.size() == lab.migrations().size() && runs.stream().allMatch(r -> r.resumedNs >= 0);
            long lastResume = runs.stream().mapToLong(r -> r.resumedNs).max().orElse(0);
            if ((allDone && end >= lastResume + settle) || end >= MAX_RUN_NS) {
                break;
            }
            long next = allDone ? lastResume + settle : end + 1_000_000_000L;
            end = Math.min(MAX_RUN_NS, Math.max(next, end + 1));
            sim.runUntil(end);
        }
        boolean stopped = sim.reachedEventLimit() || !allDone;
        if (sim.reachedEventLimit()) {
            end = sim.now();
            notes.add("stopped at the cap: " + String.format(java.util.Locale.ROOT, "%,d", options.maxEvents()) + " events, reached at "
                    + (end / 1_000_000) + " ms of virtual time; the figures cover only what ran (a lab within the format's limits stays far below)");
        } else if (!allDone) {
            notes.add("stopped at the cap: " + (MAX_RUN_NS / 3_600_000_000_000L) + " h of virtual time, before every migration had finished;"
                    + " the figures cover only what ran");
        } else if (end > lab.durationNs()) {
            notes.add("the run lasted " + (end / 1_000_000) + " ms of virtual time (the lab asks for " + (lab.durationNs() / 1_000_000)
                    + " ms) so that every migration finishes and the network settles");
        }
        runs.forEach(r -> notes.addAll(r.notes));
        CompactTraceEvents events = net.tracer.events();
        if (options.trace() && events.truncatedAtNs() >= 0) {
            notes.add("trace truncated at " + (events.truncatedAtNs() / 1_000_000) + " ms of virtual time (" + String.format(java.util.Locale.ROOT, "%,d",
                    events.maxEvents()) + " events kept): the replay ends there; the figures cover the whole run");
        }
        for (Migration migration : lab.migrations()) {
            if (runs.stream().noneMatch(r -> r.migration == migration)) {
                notes.add(migration.id() + " never started: " + migration.vm() + "'s previous migration had not finished when the run ended at "
                        + (end / 1_000_000) + " ms");
            }
        }
        RunResult result = MetricsBuilder.build(lab, network, behaviour, runs, options.seed(), end, notes);
        Trace trace = new Trace(events);
        return new Outcome(result, trace, net.captures(), sim.executedEvents(), sim.peakPendingEvents(), stopped, net.hops,
                network.recorder.echoed());
    }

    private static void scheduleMigrations(Lab lab, EmulatedNetwork network, SchemeBehaviour behaviour, List<MigrationRun> runs,
                                           List<String> notes) throws EmulationException {
        Map<String, String> plannedLocation = new HashMap<>();
        network.vms.values().forEach(vm -> plannedLocation.put(vm.vm.id(), vm.dataCenter));
        List<Migration> ordered = new ArrayList<>(lab.migrations());
        ordered.sort(Comparator.comparingLong(Migration::atNs));
        Map<String, ArrayDeque<Migration>> waiting = new HashMap<>();
        // Marked when a migration is started, not when its first event runs: two migrations of one VM at
        // the same instant must queue (as the validator says they do), not both leave from the same place.
        java.util.Set<String> busy = new java.util.HashSet<>();
        for (Migration migration : ordered) {
            VmHost vm = network.vms.get(migration.vm());
            if (vm == null) {
                throw new EmulationException("migration '" + migration.id() + "' moves '" + migration.vm() + "', which is not a VM of the lab");
            }
            String from = plannedLocation.get(vm.vm.id());
            if (!network.switches.containsKey(migration.to())) {
                throw new EmulationException("migration '" + migration.id() + "' goes to '" + migration.to() + "', which is not a data center");
            }
            if (from.equals(migration.to())) {
                throw new EmulationException("migration '" + migration.id() + "' moves " + vm.vm.id() + " to " + from + ", where it already is");
            }
            if (network.managementChannel(from, migration.to()).isEmpty()) {
                throw new EmulationException("migration '" + migration.id() + "' needs a management link between " + from + " and "
                        + migration.to() + " to carry the VM's memory; add one");
            }
            plannedLocation.put(vm.vm.id(), migration.to());
        }
        for (Migration migration : ordered) {
            network.net.sim.scheduleAt(Math.max(0, migration.atNs()), new EventHandler() {
                @Override
                public void handle(int code, Object payload) {
                    VmHost vm = network.vms.get(migration.vm());
                    if (busy.contains(vm.vm.id())) {
                        waiting.computeIfAbsent(vm.vm.id(), k -> new ArrayDeque<>()).add(migration);
                        return;
                    }
                    start(migration);
                }

                private void start(Migration m) {
                    VmHost vm = network.vms.get(m.vm());
                    if (network.net.now() > m.atNs()) {
                        notes.add(m.id() + " started at " + (network.net.now() / 1_000_000) + " ms, when " + vm.vm.id()
                                + "'s previous migration finished (planned at " + (m.atNs() / 1_000_000) + " ms)");
                    }
                    busy.add(vm.vm.id());
                    Runnable[] after = new Runnable[1];
                    MigrationRun run = new MigrationRun(network.net, m, vm, network.switches.get(m.to()),
                            network.managementChannel(vm.dataCenter, m.to()).orElseThrow(), network.net.overheads.costsFor(vm.vm), () -> after[0].run());
                    after[0] = () -> {
                        // Announcements from this resume belong to this run, even if the next migration starts at once.
                        network.currentRun.put(vm.vm.id(), run);
                        behaviour.vmResumed(network, run);
                        busy.remove(vm.vm.id());
                        ArrayDeque<Migration> queue = waiting.get(vm.vm.id());
                        if (queue != null && !queue.isEmpty()) {
                            start(queue.poll());
                        }
                    };
                    runs.add(run);
                    run.start();
                }
            }, 0, null);
        }
    }
}
