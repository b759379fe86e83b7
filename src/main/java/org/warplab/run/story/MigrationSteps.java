package org.warplab.run.story;

import static org.warplab.run.story.StoryFormat.and;
import static org.warplab.run.story.StoryFormat.at;
import static org.warplab.run.story.StoryFormat.bytes;
import static org.warplab.run.story.StoryFormat.duration;
import static org.warplab.run.story.StoryFormat.path;
import static org.warplab.run.story.StoryFormat.plural;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.run.FigureText;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;

/** The steps every migration has (the move itself, the first probe after it, the client's gap), and the scheme's own in between. */
final class MigrationSteps {
    private MigrationSteps() {
    }

    static List<StoryStep> of(MigrationFacts f) {
        List<StoryStep> steps = new ArrayList<>();
        if (f.cold()) {
            steps.addAll(coldSteps(f));
        } else {
            preCopy(f).ifPresent(steps::add);
            paused(f).ifPresent(steps::add);
        }
        resumed(f).ifPresent(steps::add);
        if (!f.metrics.completion().finished()) {
            long end = Math.max(f.startNs, f.endNs - 1);
            steps.add(new StoryStep(f.stepId(StepKind.UNFINISHED), StepKind.UNFINISHED, f.id(), end, end, List.of(f.vm(), f.metrics.from()), List.of(),
                    f.id() + ": the run ended before " + f.vm() + " resumed: the migration did not finish, so it has no downtime or gap",
                    "A migration ends when the VM runs at the destination; until then the copies were still under way."));
        }
        if (!f.moved()) {
            return steps;
        }
        switch (f.scheme) {
            case "network-paging" -> steps.addAll(PagingSteps.of(f));
            case "mobile-ipv6" -> steps.addAll(MobileIpv6Steps.of(f));
            case "segmentation" -> steps.addAll(SegmentationSteps.of(f));
            case "routing-move" -> steps.addAll(BaselineSteps.routing(f));
            default -> { }
        }
        lost(f).ifPresent(steps::add);
        GatewaySteps.resolved(f).ifPresent(steps::add);
        firstProbe(f).ifPresent(steps::add);
        restored(f).ifPresent(steps::add);
        if (f.scheme.equals("segmentation")) {
            steps.addAll(SegmentationSteps.otherTenants(f));
        } else {
            otherFlows(f).ifPresent(steps::add);
        }
        return steps;
    }

    private static Optional<StoryStep> preCopy(MigrationFacts f) {
        MigrationMetrics m = f.metrics;
        Optional<Phase> phase = f.phase("pre-copy");
        if (phase.isEmpty()) {
            return Optional.empty();
        }
        List<TraceEvent.MigrationRound> rounds = f.all(TraceEvent.MigrationRound.class,
                r -> r.migration().equals(f.id()) && !r.stopAndCopy() && r.round() > 0, f.startNs, f.endNs);
        Optional<TraceEvent.PacketSent> burst = f.firstPacket(PacketKind.MIGRATION, p -> true, f.startNs);
        List<String> links = burst.map(b -> List.of(b.link())).orElse(List.of());
        String over = burst.map(b -> " over " + b.link()).orElse("");
        String what = rounds.isEmpty()
                ? phase.get().name() + ", " + duration(phase.get().durationNs())
                : plural(rounds.size(), "round", "rounds") + ", " + bytes(rounds.stream().mapToLong(TraceEvent.MigrationRound::bytes).sum())
                        + over + " in " + duration(phase.get().durationNs());
        return Optional.of(new StoryStep(f.stepId(StepKind.PRE_COPY), StepKind.PRE_COPY, f.id(), phase.get().startNs(), phase.get().endNs(),
                List.of(m.vm(), m.from(), m.to()), links,
                f.id() + ": pre-copy of " + m.vm() + " from " + m.from() + " to " + m.to() + " (" + what + "); " + m.vm() + " keeps running"
                        + completion(m),
                "Live migration copies the memory while the VM runs, then again the pages it dirtied, until the rest is small enough to copy with the VM stopped."));
    }

    /** What the pre-copy's figures would hide: it did not converge (stopped at the round limit), or the run ended before the VM resumed. */
    private static String completion(MigrationMetrics m) {
        StringBuilder said = new StringBuilder();
        if (m.completion().didNotConverge()) {
            said.append("; it did NOT converge: after ").append(m.completion().preCopyRounds())
                    .append(m.completion().maxRounds() > 0 ? " of " + m.completion().maxRounds() + " rounds" : " passes")
                    .append(" the dirty memory still exceeded the ").append(duration(m.completion().downtimeLimitNs())).append(" downtime limit, so it was stopped anyway");
        }
        return said.toString();
    }

    private static Optional<StoryStep> paused(MigrationFacts f) {
        if (f.pausedNs < 0) {
            return Optional.empty();
        }
        MigrationMetrics m = f.metrics;
        long until = f.resumedNs >= 0 ? f.resumedNs : f.pausedNs;
        Optional<TraceEvent.MigrationRound> last = f.first(TraceEvent.MigrationRound.class, r -> r.migration().equals(f.id()) && r.stopAndCopy(), f.pausedNs);
        Optional<Phase> stop = f.phase("stop-and-copy");
        String copy = last.map(r -> "stop-and-copy of the last " + bytes(r.bytes()) + " takes " + duration(r.durationNs()))
                .or(() -> stop.map(p -> p.name() + " takes " + duration(p.durationNs())))
                .orElse("stop-and-copy");
        long dropped = f.all(TraceEvent.Dropped.class, d -> d.node() != null && d.node().equals(m.vm()) && d.reason().contains("paused"),
                f.pausedNs, until).size();
        String drops = dropped == 0 ? "" : "; " + plural(dropped, "probe", "probes") + " reaching it meanwhile " + (dropped == 1 ? "is" : "are") + " lost";
        return Optional.of(new StoryStep(f.stepId(StepKind.PAUSED), StepKind.PAUSED, f.id(), f.pausedNs, until, List.of(m.vm(), m.from()),
                f.all(TraceEvent.PacketSent.class, p -> p.kind() == PacketKind.MIGRATION, f.pausedNs, f.pausedNs + 1).stream()
                        .map(TraceEvent.PacketSent::link).distinct().toList(),
                m.vm() + " paused in " + m.from() + ": " + copy + drops,
                "The final copy needs the memory to stop changing, so the VM stops: its downtime starts here."));
    }

    private static List<StoryStep> coldSteps(MigrationFacts f) {
        MigrationMetrics m = f.metrics;
        List<StoryStep> steps = new ArrayList<>();
        Map<String, StepKind> kinds = new LinkedHashMap<>();
        kinds.put("save", StepKind.COLD_SAVE);
        kinds.put("copy disk image", StepKind.COLD_IMAGE_COPY);
        kinds.put("copy memory", StepKind.COLD_MEMORY_COPY);
        kinds.put("restore", StepKind.COLD_RESTORE);
        Map<StepKind, String> what = Map.of(
                StepKind.COLD_SAVE, m.vm() + " stops in " + m.from() + " and writes its memory to a file",
                StepKind.COLD_IMAGE_COPY, m.from() + " copies " + m.vm() + "'s disk image to " + m.to(),
                StepKind.COLD_MEMORY_COPY, m.from() + " copies the saved memory file to " + m.to(),
                StepKind.COLD_RESTORE, m.to() + " loads the memory file and starts " + m.vm() + " again");
        Map<StepKind, String> why = Map.of(
                StepKind.COLD_SAVE, "Without live migration the VM is stopped for the whole move: the downtime starts with the save.",
                StepKind.COLD_IMAGE_COPY, "Without shared storage the disk image must travel too, and it is the largest part of the move.",
                StepKind.COLD_MEMORY_COPY, "The memory crosses once, after the disk, at the management link's rate.",
                StepKind.COLD_RESTORE, "Restoring reads the memory file back before the VM can run.");
        for (Map.Entry<String, StepKind> entry : kinds.entrySet()) {
            f.phase(entry.getKey()).ifPresent(p -> steps.add(new StoryStep(f.stepId(entry.getValue()), entry.getValue(), f.id(), p.startNs(), p.endNs(),
                    entry.getValue() == StepKind.COLD_RESTORE ? List.of(m.vm(), m.to()) : List.of(m.vm(), m.from(), m.to()), List.of(),
                    f.id() + ": " + what.get(entry.getValue()) + ": " + duration(p.durationNs()), why.get(entry.getValue()))));
        }
        return steps;
    }

    private static Optional<StoryStep> resumed(MigrationFacts f) {
        if (!f.moved()) {
            return Optional.empty();
        }
        MigrationMetrics m = f.metrics;
        // the readout's downtime runs until a probe reaches the VM again; the hypervisor's stop (pause → resume) is shorter
        // whenever the network still has to switch: the caption names which is which, so it never contradicts the readout
        long stopNs = f.pausedNs >= 0 ? f.resumedNs - f.pausedNs : -1;
        String stopped;
        if (stopNs < 0) {
            stopped = "";
        } else if (stopNs == m.downtimeNs()) {
            stopped = ", " + FigureText.downtime(m) + " after it stopped (its downtime)";
        } else {
            stopped = ", " + duration(stopNs) + " after it stopped (the hypervisor's stop, pause → resume"
                    + (m.downtimeNs() >= 0 ? "; its downtime, until a probe reaches it again, is " + FigureText.downtime(m) : "") + ")";
        }
        // a stop longer than the migration's limit is said where the stop ends, not only in the notes
        String overLimit = m.downtimeOverLimit() ? "; OVER the downtime limit: " + m.hypervisor().hypervisor() + " stopped it for "
                + duration(m.hypervisor().stopNs()) + ", the limit is " + duration(m.completion().downtimeLimitNs()) : "";
        String why = m.downtimeOverLimit() && !m.hypervisor().expectation().isEmpty()
                ? "The hypervisor stops the VM when it expects the rest to fit the limit; this time it did not: " + m.hypervisor().expectation() + "."
                : "The VM keeps its IP and MAC address, but now sits behind another part of the WAN: its address has warped.";
        return Optional.of(new StoryStep(f.stepId(StepKind.RESUMED), StepKind.RESUMED, f.id(), f.resumedNs, f.resumedNs, List.of(m.vm(), m.to()), List.of(),
                m.vm() + " runs again in " + m.to() + stopped + ", still at " + m.address() + overLimit, why));
    }

    /** Where the probes sent to the moved VM die after it resumed, and why (the largest group of drops by place and reason). */
    private static Optional<StoryStep> lost(MigrationFacts f) {
        List<TraceEvent.Dropped> drops = f.all(TraceEvent.Dropped.class,
                d -> f.flows().contains(d.flow()) && !d.reason().contains("paused"), f.pausedNs >= 0 ? f.pausedNs : f.resumedNs, f.endNs);
        if (drops.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<TraceEvent.Dropped>> byPlace = new LinkedHashMap<>();
        for (TraceEvent.Dropped d : drops) {
            String where = d.link() != null ? d.link() : d.node();
            byPlace.computeIfAbsent(where + "\u0000" + d.reason(), k -> new ArrayList<>()).add(d);
        }
        List<TraceEvent.Dropped> most = byPlace.values().stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
        TraceEvent.Dropped first = most.get(0);
        String where = first.link() != null ? first.link() : first.node();
        List<String> nodes = first.node() == null ? List.of() : List.of(first.node());
        String why = first.reason().contains(GatewaySteps.STALE_GATEWAY) ? GatewaySteps.WHY_LOST : BaselineSteps.whyLost(f);
        String others = drops.size() > most.size() ? " (" + (drops.size() - most.size()) + " more elsewhere)" : "";
        return Optional.of(new StoryStep(f.stepId(StepKind.PACKETS_LOST), StepKind.PACKETS_LOST, f.id(), first.timeNs(), most.get(most.size() - 1).timeNs(),
                nodes, first.link() == null ? List.of() : List.of(first.link()),
                plural(most.size(), "packet", "packets") + " for " + f.vm() + (most.size() == 1 ? " dies" : " die") + " at " + where + " from " + at(first.timeNs()) + ": " + first.reason() + others,
                why));
    }

    /** The flows to VMs that did not move, over the same window: what the move cost them (from the figures, so a live run tells it too). */
    private static Optional<StoryStep> otherFlows(MigrationFacts f) {
        List<org.warplab.run.FlowMetrics> others = f.metrics.bystanders();
        if (others.isEmpty() || f.resumedNs < 0) {
            return Optional.empty();
        }
        List<String> told = others.stream().map(o -> o.flow() + " from " + o.client() + ": " + o.probesLost() + " of " + o.probesSent() + " lost"
                + (o.gapNs() > 0 ? ", largest gap " + duration(o.gapNs()) : "")).toList();
        long lost = others.stream().mapToLong(org.warplab.run.FlowMetrics::probesLost).sum();
        long at = f.resumedNs + Math.max(f.metrics.clientGapNs(), 0);
        return Optional.of(new StoryStep(f.stepId(StepKind.OTHER_FLOWS), StepKind.OTHER_FLOWS, f.id(), at, at,
                others.stream().map(org.warplab.run.FlowMetrics::client).distinct().toList(), List.of(),
                "while " + f.vm() + " moved, the other flows: " + and(told),
                lost == 0 ? "Only the moving VM's traffic had to find a new way; flows to VMs that stayed were not touched."
                        : "The move cost VMs that stayed too: their traffic shares the links, queues or rules the move changed."));
    }

    /** The first probe that reaches the VM after it resumed, with the way it took. */
    private static Optional<StoryStep> firstProbe(MigrationFacts f) {
        Optional<TraceEvent.Delivered> delivered = f.first(TraceEvent.Delivered.class,
                d -> d.node().equals(f.vm()) && f.flows().contains(d.flow()) && (d.kind() == PacketKind.PROBE || d.kind() == PacketKind.PING), f.resumedNs);
        if (delivered.isEmpty()) {
            return Optional.empty();
        }
        TraceEvent.Delivered d = delivered.get();
        List<TraceEvent.PacketSent> hops = f.wayTo(d.packetId(), d.node(), d.timeNs());
        if (hops.isEmpty()) {
            return Optional.empty();
        }
        List<String> nodes = MigrationFacts.nodesOf(hops);
        long leftNs = hops.get(0).departNs();
        List<String> tunnel = f.all(TraceEvent.Decapsulated.class, x -> x.packetId() == d.packetId(), leftNs, d.timeNs()).stream()
                .map(x -> x.how() + " at " + x.node()).distinct().toList();
        String through = tunnel.isEmpty() ? "" : " (out of its tunnel: " + and(tunnel) + ")";
        String address = hops.get(0).destination();
        return Optional.of(new StoryStep(f.stepId(StepKind.FIRST_PROBE_NEW_PATH), StepKind.FIRST_PROBE_NEW_PATH, f.id(), d.timeNs(), d.timeNs(), nodes,
                MigrationFacts.linksOf(hops),
                "first probe after the move, " + d.flow() + "#" + d.sequence() + " to " + address + ", reaches " + f.vm() + " in " + f.metrics.to()
                        + ": " + path(nodes) + ", " + duration(d.timeNs() - leftNs) + through + downtimeEnds(f, d.timeNs()),
                whyPath(f, nodes, f.all(TraceEvent.Translated.class, t -> t.packetId() == d.packetId(), leftNs, d.timeNs()))));
    }

    /** Said where the readout's downtime ends: at the first probe that reaches the VM, counted from its pause. */
    private static String downtimeEnds(MigrationFacts f, long arrivedNs) {
        long downtime = f.metrics.downtimeNs();
        return downtime >= 0 && f.pausedNs >= 0 && f.pausedNs + downtime == arrivedNs
                ? "; " + f.vm() + "'s downtime ends here, " + FigureText.downtime(f.metrics) + " after it stopped" : "";
    }

    private static String whyPath(MigrationFacts f, List<String> nodes, List<TraceEvent.Translated> translations) {
        return switch (f.scheme) {
            case "network-paging" -> translations.isEmpty()
                    ? "No translator rewrites " + f.metrics.address() + " any more, so the WAN carries it unchanged to the site that advertises S, where the VM is now."
                    : translations.get(0).node() + " now rewrites " + translations.get(0).from() + " → " + translations.get(0).to()
                            + ", the prefix the VM's new site advertises, and the server-side edge there translates it back.";
            case "mobile-ipv6" -> "The home agent intercepts packets to the home address and tunnels them to the care-of address; the mobile node unwraps them.";
            case "segmentation" -> SegmentationSteps.whyPath(f, nodes);
            case "l2-extension" -> nodes.contains(f.metrics.from())
                    ? "The LAN is stretched across the WAN: the packet still enters at " + f.metrics.from() + " and crosses the extension to " + f.metrics.to() + " (a hairpin)."
                    : "The LAN is stretched across the WAN, so the VM is reachable wherever it runs.";
            case "routing-move" -> "The routers now route the VM's subnet to " + f.metrics.to() + ": the whole prefix moved with it.";
            default -> "The packet follows the routes the network has now.";
        };
    }

    /** The first echo of the VM's flows a client receives after the move, and the gap the clients saw. */
    private static Optional<StoryStep> restored(MigrationFacts f) {
        MigrationMetrics m = f.metrics;
        Optional<TraceEvent.Delivered> echo = f.first(TraceEvent.Delivered.class,
                d -> f.flows().contains(d.flow()) && (d.kind() == PacketKind.ECHO || d.kind() == PacketKind.PONG)
                        && d.timeNs() - d.latencyNs() >= f.resumedNs, f.resumedNs);
        if (echo.isEmpty()) {
            return Optional.empty();
        }
        TraceEvent.Delivered d = echo.get();
        String client = f.flow(d.flow()).map(fl -> fl.client()).orElse(d.node());
        return Optional.of(new StoryStep(f.stepId(StepKind.SERVICE_RESTORED), StepKind.SERVICE_RESTORED, f.id(), d.timeNs(), d.timeNs(), List.of(client, m.vm()),
                List.of(),
                client + " hears " + m.vm() + " again (" + d.flow() + "#" + d.sequence() + ", round trip " + duration(d.latencyNs()) + "): the largest gap between echoes was "
                        + duration(m.clientGapNs()) + ", " + m.probesLost() + " of " + m.probesSent() + " probes lost",
                "A client's gap spans the VM's downtime (stopped until a probe reaches it again, the network's switch included) and the first echo's way back"
                        + (m.downtimeNs() >= 0 ? "; here " + FigureText.downtime(m) + " of the " + duration(m.clientGapNs()) + " was downtime." : ".")));
    }
}
