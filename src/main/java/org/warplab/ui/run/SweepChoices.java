package org.warplab.ui.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Migration;
import org.warplab.model.Node;
import org.warplab.model.ProbeFlow;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.run.SweepMetric;

/**
 * What the Sweep tab offers, in the names the canvas shows: an element ("link W2: R2 – Core 2",
 * "VM A", "migration MIG1") and one of its numeric fields ("delay (ms)"), each with the lab-file
 * path it sweeps and a range that suits it. The default is a sweep that changes something for the
 * lab's scheme: the longest link on the path the client's packets take after the move (its delay
 * moves the latency after the move and the client's gap), or, for the Mobile IPv6 paper's lab, the
 * W2 link its Figure 4 sweeps. Without a scheme the VM is unreachable after the move, so the
 * default there is the VM's memory against the probes lost.
 */
final class SweepChoices {

    /** One sweepable field of one element. */
    record Choice(String element, String field, String path, double from, double to, double step) {
        @Override
        public String toString() {
            return element + " · " + field;
        }
    }

    private SweepChoices() {
    }

    static List<Choice> of(Lab lab) {
        List<Choice> out = new ArrayList<>();
        for (LinkKind kind : List.of(LinkKind.WAN, LinkKind.MANAGEMENT)) {
            for (Link l : lab.links()) {
                if (l.kind() == kind) {
                    String element = (kind == LinkKind.MANAGEMENT ? "management link " : "link ") + l.id() + ": " + name(lab, l.a()) + " – " + name(lab, l.b());
                    out.add(new Choice(element, "delay (ms)", "links." + l.id() + ".delayMs", 0, 200, 20));
                }
            }
        }
        for (Vm vm : lab.vms()) {
            String element = "VM " + name(lab, vm.id());
            double memory = vm.memoryMiB();
            out.add(new Choice(element, "memory (MiB)", "nodes." + vm.id() + ".memoryMiB", Math.max(64, memory / 4), memory * 2, Math.max(64, memory / 4)));
            out.add(new Choice(element, "dirty pages per second", "nodes." + vm.id() + ".dirtyPagesPerSecond", 0, 20_000, 2_000));
        }
        for (Migration m : lab.migrations()) {
            out.add(new Choice("migration " + m.id() + ": " + name(lab, m.vm()) + " → " + name(lab, m.to()), "downtime limit (ms)",
                    "migrations." + m.id() + ".downtimeLimitMs", 50, 500, 50));
        }
        return out;
    }

    /** The sweep first offered: one whose values change the chosen metric for this lab's scheme (see the class comment). */
    static Optional<Choice> preferred(Lab lab, List<Choice> choices) {
        if (choices.isEmpty()) {
            return Optional.empty();
        }
        if (withoutScheme(lab)) {
            // nothing brings the client's packets to the VM after the move: what a sweep can show is how long
            // the move keeps it reachable at the old place (a larger memory copies longer, fewer probes are lost)
            String vm = lab.migrations().get(0).vm();
            Optional<Choice> memory = choices.stream().filter(c -> c.path().equals("nodes." + vm + ".memoryMiB")).findFirst();
            if (memory.isPresent()) {
                return memory;
            }
        }
        if (lab.scheme() == SchemeKind.MOBILE_IPV6) {
            Optional<Choice> w2 = choices.stream().filter(c -> c.path().equals("links.W2.delayMs")).findFirst();
            if (w2.isPresent()) {
                return w2;
            }
        }
        Optional<Link> onPath = longestLinkAfterTheMove(lab);
        if (onPath.isPresent()) {
            String path = "links." + onPath.get().id() + ".delayMs";
            Optional<Choice> link = choices.stream().filter(c -> c.path().equals(path)).findFirst();
            if (link.isPresent()) {
                return link;
            }
        }
        return Optional.of(choices.get(0));
    }

    /** The metric first offered: the client's gap when the lab has probes to measure it, else the VM's downtime; without a scheme, the probes lost. */
    static SweepMetric preferredMetric(Lab lab) {
        if (withoutScheme(lab)) {
            return SweepMetric.LOST;
        }
        return lab.traffic().isEmpty() ? SweepMetric.DOWNTIME : SweepMetric.GAP;
    }

    /** The no-scheme baseline: after the move the client cannot reach the VM, so there is no gap or downtime to plot. */
    private static boolean withoutScheme(Lab lab) {
        return lab.scheme() == SchemeKind.NONE && !lab.migrations().isEmpty();
    }

    /** The WAN link of greatest delay on the fewest-hops path from the first migration's destination to the client probing its VM. */
    static Optional<Link> longestLinkAfterTheMove(Lab lab) {
        if (lab.migrations().isEmpty()) {
            return Optional.empty();
        }
        Migration m = lab.migrations().get(0);
        Optional<String> client = lab.traffic().stream().filter(f -> f.vm().equals(m.vm())).map(ProbeFlow::client).findFirst();
        if (client.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Link> cameBy = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(m.to()));
        cameBy.put(m.to(), null);
        while (!queue.isEmpty()) {
            String at = queue.removeFirst();
            if (at.equals(client.get())) {
                break;
            }
            for (Link l : lab.linksOf(at)) {
                String next = l.other(at);
                if (l.kind() != LinkKind.MANAGEMENT && !cameBy.containsKey(next)) {
                    cameBy.put(next, l);
                    queue.addLast(next);
                }
            }
        }
        if (!cameBy.containsKey(client.get())) {
            return Optional.empty();
        }
        Link best = null;
        for (String at = client.get(); cameBy.get(at) != null; at = cameBy.get(at).other(at)) {
            Link l = cameBy.get(at);
            if (l.kind() == LinkKind.WAN && (best == null || l.delayNs() > best.delayNs())) {
                best = l;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String name(Lab lab, String id) {
        return lab.node(id).map(Node::name).filter(n -> !n.isBlank()).orElse(id);
    }
}
