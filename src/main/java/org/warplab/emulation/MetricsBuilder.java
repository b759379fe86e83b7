package org.warplab.emulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.warplab.emulation.network.EmulatedNetwork;
import org.warplab.emulation.network.Ipv4;
import org.warplab.emulation.network.MigrationRun;
import org.warplab.emulation.network.ProbeRecorder;
import org.warplab.emulation.network.SchemeBehaviour;
import org.warplab.model.Lab;
import org.warplab.model.ProbeFlow;
import org.warplab.model.Units;
import org.warplab.run.Completion;
import org.warplab.run.FlowMetrics;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.run.RunResult;

/** Turns what the run recorded (migration timestamps, probes sent and echoed) into the figures of a {@link RunResult}. */
final class MetricsBuilder {
    /** Probes sent this close to the end may still be in flight: they are not counted as lost. */
    static final long IN_FLIGHT_NS = 500_000_000L;

    private MetricsBuilder() {
    }

    static RunResult build(Lab lab, EmulatedNetwork network, SchemeBehaviour behaviour, List<MigrationRun> runs, long seed, long endNs,
                           List<String> notes) {
        List<MigrationMetrics> metrics = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            MigrationRun run = runs.get(i);
            // A migration's window runs from the VM's stop to the next stop of the same VM: before the
            // stop the VM answers at its old place (even while pre-copying), after it the move shows.
            long windowStart = run.pausedNs >= 0 ? run.pausedNs : run.startNs;
            long windowEnd = endNs;
            long previousResume = 0;
            for (int j = 0; j < runs.size(); j++) {
                MigrationRun other = runs.get(j);
                if (other != run && other.vm == run.vm) {
                    if (j > i) {
                        windowEnd = Math.min(windowEnd, other.pausedNs >= 0 ? other.pausedNs : endNs);
                    } else if (other.resumedNs >= 0) {
                        previousResume = Math.max(previousResume, other.resumedNs);
                    }
                }
            }
            metrics.add(migrationMetrics(network, behaviour, run, previousResume, windowStart, windowEnd, endNs, notes));
        }
        return new RunResult(lab.name(), lab.scheme().key(), "emulator", seed, endNs, metrics, notes);
    }

    private static MigrationMetrics migrationMetrics(EmulatedNetwork network, SchemeBehaviour behaviour, MigrationRun run, long previousResume,
                                                     long windowStart, long windowEnd, long endNs, List<String> notes) {
        List<Phase> phases = new ArrayList<>(run.phases);
        Long switching = null;
        if (behaviour.hasSwitching() && run.resumedNs >= 0) {
            if (run.announcementSeenNs >= 0) {
                phases.add(new Phase("announce (until seen by the capture program)", run.resumedNs, run.announcementSeenNs));
                if (run.configSentNs >= 0) {
                    phases.add(new Phase("capture processing", run.announcementSeenNs, run.configSentNs));
                    for (Map.Entry<String, Long> arrived : run.configArrivedNs.entrySet()) {
                        phases.add(new Phase("config message → " + arrived.getKey(), run.configSentNs, arrived.getValue()));
                        Long switched = run.switchedNs.get(arrived.getKey());
                        if (switched != null) {
                            phases.add(new Phase("rule switch " + arrived.getKey(), arrived.getValue(), switched));
                        }
                    }
                }
                long expected = network.routers.values().stream().filter(r -> r.location != null).count();
                if (expected > 0 && run.switchedNs.size() == expected) {
                    long last = run.switchedNs.values().stream().mapToLong(Long::longValue).max().orElse(run.announcementSeenNs);
                    switching = last - run.announcementSeenNs;
                } else {
                    notes.add(run.migration.id() + ": " + run.switchedNs.size() + " of " + expected
                            + " client-edge translators switched; no switching time");
                }
            } else {
                notes.add(run.migration.id() + ": no capture program saw " + run.vm.vm.id() + "'s announcement at " + run.destination.name
                        + "; the client edges were never told (check the data center's 'Captures announcements' and the scheme's trigger)");
            }
        }
        if (!behaviour.hasSwitching()) {
            switching = behaviour.switchingTimeNs(network, run);
        }
        behaviour.addPhases(network, run, phases, notes);
        staleGateway(run, windowEnd, phases, notes);
        phases.sort(Comparator.comparingLong(Phase::startNs));
        List<FlowMetrics> flows = new ArrayList<>();
        List<FlowMetrics> bystanders = new ArrayList<>();
        for (int f = 0; f < network.flows.size(); f++) {
            ProbeFlow flow = network.flows.get(f);
            FlowMetrics seen = flowMetrics(network.recorder, f, flow, run, previousResume, windowStart, windowEnd, endNs);
            (flow.vm().equals(run.vm.vm.id()) ? flows : bystanders).add(seen);
        }
        long sent = flows.stream().mapToLong(FlowMetrics::probesSent).sum();
        long lost = flows.stream().mapToLong(FlowMetrics::probesLost).sum();
        long gap = flows.stream().mapToLong(FlowMetrics::gapNs).max().orElse(-1);
        long before = meanOfKnown(flows.stream().mapToLong(FlowMetrics::latencyBeforeNs).toArray());
        long after = meanOfKnown(flows.stream().mapToLong(FlowMetrics::latencyAfterNs).toArray());
        boolean reachable = !flows.isEmpty() && flows.stream().allMatch(fm -> fm.latencyAfterNs() >= 0);
        String pathBefore = flows.isEmpty() ? "" : flows.get(0).pathBefore();
        String pathAfter = flows.isEmpty() ? "" : flows.get(0).pathAfter();
        long downtimeEnd = behaviour.downtimeEndNs(run);
        long downtime = run.pausedNs >= 0 && run.resumedNs >= 0 && downtimeEnd >= 0 ? downtimeEnd - run.pausedNs : -1;
        long total = run.resumedNs >= 0 ? run.resumedNs - run.startNs : -1;
        return new MigrationMetrics(run.migration.id(), run.vm.vm.id(), network.addressText(run.vm), run.fromDataCenter(), run.destination.name,
                run.migration.mode().key() + "/" + run.migration.storage().key(), switching, downtime, total, gap, sent, lost, before, after,
                reachable, pathBefore, pathAfter, phases, flows, bystanders, new Completion(run.resumedNs >= 0, run.preCopyRounds,
                        run.migration.maxRounds(), run.preCopyConverged, run.migration.downtimeLimitNs()));
    }

    /**
     * When the VM's neighbour entry for its gateway changed MAC after it resumed (before the next
     * migration), it had been sending to the old gateway's MAC until then: a phase and a note.
     */
    private static void staleGateway(MigrationRun run, long windowEnd, List<Phase> phases, List<String> notes) {
        if (run.resumedNs < 0) {
            return;
        }
        for (long[] change : run.vm.gatewayMacChanges) {
            if (change[0] >= run.resumedNs && change[0] < windowEnd) {
                String vm = run.vm.vm.id();
                phases.add(new Phase("old gateway MAC (until " + vm + " resolves its gateway again)", run.resumedNs, change[0]));
                notes.add(run.migration.id() + ": " + vm + " sent to its old gateway's MAC for " + Units.msOrNone(change[0] - run.resumedNs, 1)
                        + " after resuming in " + run.destination.name + ", whose gateway has " + Ipv4.mac(change[1])
                        + " and refuses frames for another MAC; the gateways' MACs differ");
                return;
            }
        }
    }

    private static long meanOfKnown(long[] values) {
        long[] known = Arrays.stream(values).filter(v -> v >= 0).toArray();
        return known.length == 0 ? -1 : Arrays.stream(known).sum() / known.length;
    }

    private static FlowMetrics flowMetrics(ProbeRecorder recorder, int f, ProbeFlow flow, MigrationRun run, long previousResume,
                                           long windowStart, long windowEnd, long endNs) {
        int count = recorder.count(f);
        long sent = 0;
        long lost = 0;
        long rttBefore = 0;
        long nBefore = 0;
        long rttAfter = 0;
        long nAfter = 0;
        String pathBefore = "";
        String pathAfter = "";
        List<Long> echoes = new ArrayList<>();
        for (int seq = 0; seq < count; seq++) {
            long sentAt = recorder.sentNs(f, seq);
            long echoedAt = recorder.echoedNs(f, seq);
            if (echoedAt >= 0) {
                echoes.add(echoedAt);
            }
            if (sentAt >= windowStart && sentAt < windowEnd) {
                sent++;
                if (echoedAt < 0 && sentAt < endNs - IN_FLIGHT_NS) {
                    lost++;
                }
            }
            if (echoedAt >= 0 && sentAt < windowStart && sentAt >= previousResume) {
                rttBefore += echoedAt - sentAt;
                nBefore++;
                pathBefore = orEmpty(recorder.path(f, seq));
            }
            if (echoedAt >= 0 && run.resumedNs >= 0 && sentAt >= run.resumedNs && sentAt < windowEnd) {
                rttAfter += echoedAt - sentAt;
                nAfter++;
                pathAfter = orEmpty(recorder.path(f, seq));
            }
        }
        echoes.sort(Long::compare);
        long gap = 0;
        long lastBeforeEnd = -1;
        for (int i = 0; i < echoes.size(); i++) {
            long t = echoes.get(i);
            if (t > windowEnd) {
                break;
            }
            if (i > 0 && t > windowStart) {
                gap = Math.max(gap, t - echoes.get(i - 1));
            }
            lastBeforeEnd = t;
        }
        long sendingEnd = flow.stopNs() > 0 ? Math.min(flow.stopNs(), windowEnd) : windowEnd;
        if (lastBeforeEnd >= 0 && sendingEnd > lastBeforeEnd) {
            gap = Math.max(gap, sendingEnd - lastBeforeEnd);
        }
        return new FlowMetrics(flow.id(), flow.client(), sent, lost, gap, nBefore == 0 ? -1 : rttBefore / nBefore,
                nAfter == 0 ? -1 : rttAfter / nAfter, pathBefore, pathAfter);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
