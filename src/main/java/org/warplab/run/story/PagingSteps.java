package org.warplab.run.story;

import static org.warplab.run.story.StoryFormat.and;
import static org.warplab.run.story.StoryFormat.duration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;

/** Network paging: the announcement, the capture program, its configuration message, each client-side translator's switch. */
final class PagingSteps {
    private PagingSteps() {
    }

    static List<StoryStep> of(MigrationFacts f) {
        List<StoryStep> steps = new ArrayList<>();
        announced(f).ifPresent(steps::add);
        Optional<TraceEvent.AnnouncementSeen> seen = f.first(TraceEvent.AnnouncementSeen.class, a -> a.vm().equals(f.vm()), f.pausedNs);
        seen.ifPresent(s -> steps.add(seen(f, s)));
        seen.flatMap(s -> config(f, s)).ifPresent(steps::add);
        List<TraceEvent.RuleSwitched> switches = f.all(TraceEvent.RuleSwitched.class, r -> r.vm().equals(f.vm()), f.pausedNs, f.endNs);
        for (int i = 0; i < switches.size(); i++) {
            steps.add(switched(f, switches.get(i), i == switches.size() - 1));
        }
        return steps;
    }

    private static Optional<StoryStep> announced(MigrationFacts f) {
        Optional<TraceEvent.PacketSent> first = f.first(TraceEvent.PacketSent.class,
                p -> (p.kind() == PacketKind.RARP || p.kind() == PacketKind.GARP) && p.fromNode().equals(f.vm()), f.pausedNs);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        TraceEvent.PacketSent p = first.get();
        List<TraceEvent.PacketSent> hops = f.hops(p.packetId());
        long count = f.all(TraceEvent.PacketSent.class, x -> x.kind() == p.kind() && x.fromNode().equals(f.vm()), f.pausedNs, f.endNs).size();
        boolean rarp = p.kind() == PacketKind.RARP;
        return Optional.of(new StoryStep(f.stepId(StepKind.ANNOUNCED), StepKind.ANNOUNCED, f.id(), p.departNs(), p.departNs(),
                MigrationFacts.nodesOf(hops), MigrationFacts.linksOf(hops),
                f.vm() + " announces itself: " + (rarp ? "RARP" : "gratuitous ARP") + " from " + p.source() + " to " + p.destination() + " on "
                        + f.metrics.to() + "'s LAN, " + duration(Math.max(0, p.departNs() - f.resumedNs)) + " after resuming (" + count + " in this move)",
                rarp ? "The hypervisor (QEMU, VMware) broadcasts a reverse ARP from the VM's MAC so the LAN's switches, and any watcher, learn where it is now."
                        : "The hypervisor (Xen) broadcasts a gratuitous ARP for the VM's address so the LAN learns where it is now."));
    }

    private static StoryStep seen(MigrationFacts f, TraceEvent.AnnouncementSeen s) {
        String since = f.resumedNs >= 0 ? ", " + duration(Math.max(0, s.timeNs() - f.resumedNs)) + " after " + f.vm() + " resumed" : "";
        return new StoryStep(f.stepId(StepKind.ANNOUNCEMENT_SEEN), StepKind.ANNOUNCEMENT_SEEN, f.id(), s.timeNs(), s.timeNs(), List.of(s.dataCenter(), f.vm()),
                List.of(),
                "the capture program on " + s.dataCenter() + "'s LAN sees " + f.vm() + "'s " + (s.kind() == PacketKind.GARP ? "gratuitous ARP" : "RARP") + since,
                "A capture program on every data-center LAN listens for announcements: that is how the network learns of the move, with no routing change.");
    }

    /** The configuration messages the capture program sent after it saw the announcement: to whom, over which links. */
    private static Optional<StoryStep> config(MigrationFacts f, TraceEvent.AnnouncementSeen seen) {
        List<TraceEvent.PacketSent> sent = f.all(TraceEvent.PacketSent.class, p -> p.kind() == PacketKind.CONFIG, seen.timeNs(), f.endNs);
        if (sent.isEmpty()) {
            return configFromPhases(f, seen);
        }
        Map<Long, List<TraceEvent.PacketSent>> byMessage = new LinkedHashMap<>();
        sent.forEach(p -> byMessage.computeIfAbsent(p.packetId(), k -> new ArrayList<>()).add(p));
        Set<String> nodes = new LinkedHashSet<>();
        Set<String> links = new LinkedHashSet<>();
        List<String> targets = new ArrayList<>();
        Set<String> addresses = new LinkedHashSet<>();
        for (List<TraceEvent.PacketSent> hops : byMessage.values()) {
            hops.sort((a, b) -> Long.compare(a.departNs(), b.departNs()));
            List<String> path = MigrationFacts.nodesOf(hops);
            nodes.addAll(path);
            links.addAll(MigrationFacts.linksOf(hops));
            String to = path.get(path.size() - 1);
            addresses.add(hops.get(0).destination());
            if (!targets.contains(to)) {
                targets.add(to);
            }
        }
        TraceEvent.PacketSent first = sent.get(0);
        long endNs = sent.stream().mapToLong(TraceEvent.PacketSent::arriveNs).max().orElse(first.departNs());
        List<String> took = new ArrayList<>();
        for (String target : targets) {
            f.phase("config message → " + target).ifPresent(p -> took.add(target + " after " + duration(p.durationNs())));
        }
        return Optional.of(new StoryStep(f.stepId(StepKind.CONFIG_SENT), StepKind.CONFIG_SENT, f.id(), first.departNs(), Math.max(first.departNs(), endNs),
                List.copyOf(nodes), List.copyOf(links),
                "configuration message " + first.source() + " → " + String.join(", ", addresses) + " from " + first.fromNode() + " to " + and(targets) + " over "
                        + String.join(", ", links) + (took.isEmpty() ? "" : "; it reaches " + and(took)),
                "Only the client-side translators hold per-VM state: the message tells each of them where the VM is now."));
    }

    /** A run whose trace has no message dots (a live run can lack them) still has the message's phases, measured by the agents. */
    private static Optional<StoryStep> configFromPhases(MigrationFacts f, TraceEvent.AnnouncementSeen seen) {
        List<Phase> phases = f.phases("config message → ");
        if (phases.isEmpty()) {
            return Optional.empty();
        }
        List<String> nodes = new ArrayList<>(List.of(seen.dataCenter()));
        List<String> took = new ArrayList<>();
        for (Phase p : phases) {
            String target = p.name().replace("->", "→").substring("config message → ".length());
            nodes.add(target);
            took.add(target + " after " + duration(p.durationNs()));
        }
        long end = phases.stream().mapToLong(Phase::endNs).max().orElseThrow();
        return Optional.of(new StoryStep(f.stepId(StepKind.CONFIG_SENT), StepKind.CONFIG_SENT, f.id(), phases.get(0).startNs(), end, nodes, List.of(),
                "the capture program on " + seen.dataCenter() + " sends a configuration message to " + and(nodes.subList(1, nodes.size()))
                        + "; it reaches " + and(took),
                "Only the client-side translators hold per-VM state: the message tells each of them where the VM is now."));
    }

    private static StoryStep switched(MigrationFacts f, TraceEvent.RuleSwitched switched, boolean last) {
        String router = switched.router();
        String before = f.lastBefore(TraceEvent.RuleSwitched.class, r -> r.router().equals(router) && r.vm().equals(f.vm()), switched.timeNs())
                .map(TraceEvent.RuleSwitched::rule)
                .or(() -> f.lastBefore(TraceEvent.Translated.class, t -> t.node().equals(router) && t.field().equals("destination")
                        && t.from().equals(f.metrics.address()), f.startNs + 1).map(t -> "ip daddr " + t.from() + " → " + t.to() + " (seen rewriting probes)"))
                .orElse("no rule seen before");
        Optional<Phase> phase = f.phase("rule switch " + router);
        long start = phase.map(Phase::startNs).orElse(switched.timeNs());
        return new StoryStep(f.stepId(StepKind.RULE_SWITCHED, router), StepKind.RULE_SWITCHED, f.id(), switched.timeNs(), switched.timeNs(), List.of(router),
                List.of(),
                router + " switches its rule for " + f.vm() + ": " + before + "  ⇒  " + switched.rule()
                        + (phase.isPresent() ? " (" + duration(switched.timeNs() - start) + " to apply)" : "")
                        + (last && f.metrics.switchingTimeNs() != null ? "; switching time (announcement seen → last translator switched) " + duration(f.metrics.switchingTimeNs()) : ""),
                "Switching is one rule on the client-side translator: the WAN's routing never changes, the old site keeps advertising S' and the new one S.");
    }
}
