package org.warplab.run.story;

import static org.warplab.run.story.StoryFormat.and;
import static org.warplab.run.story.StoryFormat.duration;
import static org.warplab.run.story.StoryFormat.plural;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;

/** Segmentation: the segment id that carries the tenant, the endpoints that learn the VM's new place, the gateway, the other tenant. */
final class SegmentationSteps {
    private SegmentationSteps() {
    }

    /** "announcement → EB/red (VNI 5001) learns red1". */
    private static final Pattern LEARNED = Pattern.compile("announcement → (\\S+) \\(([^)]*)\\) learns");

    static List<StoryStep> of(MigrationFacts f) {
        List<StoryStep> steps = new ArrayList<>();
        List<Phase> learned = f.phases("announcement → ");
        String segment = null;
        List<String> endpoints = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        long lastNs = -1;
        for (Phase p : learned) {
            Matcher m = LEARNED.matcher(p.name().replace("->", "→"));
            if (!m.find()) {
                continue;
            }
            segment = m.group(2);
            String node = m.group(1).contains("/") ? m.group(1).substring(0, m.group(1).indexOf('/')) : m.group(1);
            if (!endpoints.contains(node)) {
                endpoints.add(node);
            }
            parts.add(m.group(1) + " after " + duration(p.durationNs()));
            lastNs = Math.max(lastNs, p.endNs());
        }
        if (segment != null) {
            String id = segment;
            Optional<TraceEvent.Encapsulated> wrapped = f.first(TraceEvent.Encapsulated.class, e -> e.how().endsWith(id), f.resumedNs);
            String how = wrapped.map(e -> ": " + e.node() + " wraps its frames (outer " + e.outerSource() + " → " + e.outerDestination() + ")").orElse("");
            steps.add(new StoryStep(f.stepId(StepKind.SEGMENT_TAG), StepKind.SEGMENT_TAG, f.id(), wrapped.map(TraceEvent::timeNs).orElse(f.resumedNs),
                    wrapped.map(TraceEvent::timeNs).orElse(f.resumedNs), wrapped.map(e -> List.of(e.node(), f.vm())).orElse(List.of(f.vm())), List.of(),
                    f.vm() + "'s tenant travels in its segment, " + segment + how,
                    "Tenants may use the same addresses; only the segment id on the frame tells them apart, on every link between the sites."));
            steps.add(new StoryStep(f.stepId(StepKind.SEGMENT_LEARNED), StepKind.SEGMENT_LEARNED, f.id(), learned.get(0).startNs(), lastNs, endpoints, List.of(),
                    "the segment learns where " + f.vm() + " is from its announcement: " + and(parts)
                            + (f.metrics.switchingTimeNs() != null ? "; switching time " + duration(f.metrics.switchingTimeNs()) : ""),
                    "The segment's MAC tables learn from the VM's own announcement; until then they send its frames to the old site."));
        }
        return steps;
    }

    /** Which gateway answers after the move, and whether the echo hairpins through the old site's. */
    static String whyPath(MigrationFacts f, List<String> probePath) {
        String vm = f.vm();
        int at = probePath.indexOf(vm);
        String newGateway = at >= 2 ? probePath.get(at - 2) : null;
        String oldGateway = oldGateway(f);
        Optional<TraceEvent.Delivered> echo = f.first(TraceEvent.Delivered.class, d -> f.flows().contains(d.flow()) && d.kind() == PacketKind.ECHO, f.resumedNs);
        List<String> echoPath = echo.map(d -> MigrationFacts.nodesOf(f.wayTo(d.packetId(), d.node(), d.timeNs()))).orElse(List.of());
        boolean hairpin = oldGateway != null && !oldGateway.equals(newGateway) && echoPath.contains(oldGateway);
        String gateway = newGateway == null ? "" : newGateway + ", the segment's endpoint at " + f.metrics.to() + ", hands the probe over; ";
        return gateway + (hairpin
                ? "the echo still leaves the segment through " + oldGateway + ", the old site's gateway (" + String.join(" → ", echoPath) + "): a hairpin across the WAN."
                : "the echo leaves through the new site's gateway: no hairpin.");
    }

    /** The router through which the VM's echoes left its data center before the move. */
    private static String oldGateway(MigrationFacts f) {
        Optional<TraceEvent.Delivered> before = f.lastBefore(TraceEvent.Delivered.class, d -> d.flow() != null && f.flows().contains(d.flow())
                && d.kind() == PacketKind.ECHO, f.pausedNs >= 0 ? f.pausedNs : f.startNs);
        if (before.isEmpty()) {
            return null;
        }
        for (TraceEvent e : f.eventsBefore(before.get().timeNs())) {
            if (e instanceof TraceEvent.PacketSent p && p.packetId() == before.get().packetId() && p.fromNode().equals(f.metrics.from())) {
                return p.toNode();
            }
        }
        return null;
    }

    /** Every flow to another VM during this migration: how many echoes came back and how many were lost. */
    static List<StoryStep> otherTenants(MigrationFacts f) {
        Set<String> others = new LinkedHashSet<>();
        for (TraceEvent e : f.events) {
            if (e instanceof TraceEvent.Delivered d && d.flow() != null && !f.flows().contains(d.flow()) && d.kind() == PacketKind.PROBE) {
                others.add(d.flow() + "\u0000" + d.node());
            }
        }
        List<StoryStep> steps = new ArrayList<>();
        long until = f.resumedNs + Math.max(f.metrics.clientGapNs(), 0);
        for (String key : others) {
            String flow = key.substring(0, key.indexOf('\u0000'));
            String target = key.substring(key.indexOf('\u0000') + 1);
            long echoes = f.all(TraceEvent.Delivered.class, d -> flow.equals(d.flow()) && d.kind() == PacketKind.ECHO, f.pausedNs, until).size();
            long lost = f.all(TraceEvent.Dropped.class, d -> flow.equals(d.flow()), f.pausedNs, until).size();
            steps.add(new StoryStep(f.stepId(StepKind.OTHER_TENANT, flow), StepKind.OTHER_TENANT, f.id(), until, until, List.of(target), List.of(),
                    "flow " + flow + " to " + target + ", in another segment, kept going while " + f.vm() + " moved: " + plural(echoes, "echo", "echoes")
                            + " back, " + lost + " lost",
                    "Its frames carry another segment id, so the move of a VM in another segment, even one with the same address, changes nothing for it."));
        }
        return steps;
    }
}
