package org.warplab.run.story;

import static org.warplab.run.story.StoryFormat.duration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.warplab.run.TraceEvent;

/** What the baselines show: where the packets die when nothing follows the VM, and a subnet moved by routing. */
final class BaselineSteps {
    private BaselineSteps() {
    }

    /** The routers taking the VM's subnet to its new site, from the first to the last route change. */
    static List<StoryStep> routing(MigrationFacts f) {
        List<TraceEvent.RouteChanged> changes = f.all(TraceEvent.RouteChanged.class, r -> true, f.resumedNs, f.endNs);
        if (changes.isEmpty()) {
            return List.of();
        }
        Set<String> routers = new LinkedHashSet<>();
        Set<String> links = new LinkedHashSet<>();
        List<String> parts = new ArrayList<>();
        for (TraceEvent.RouteChanged r : changes) {
            routers.add(r.router());
            if (r.link() != null) {
                links.add(r.link());
            }
            parts.add(r.router() + " via " + r.nextHop());
        }
        TraceEvent.RouteChanged first = changes.get(0);
        TraceEvent.RouteChanged last = changes.get(changes.size() - 1);
        return List.of(new StoryStep(f.stepId(StepKind.ROUTE_CHANGED), StepKind.ROUTE_CHANGED, f.id(), first.timeNs(), last.timeNs(), List.copyOf(routers),
                List.copyOf(links),
                "routing moves " + first.prefix() + " to " + f.metrics.to() + ", " + duration(first.timeNs() - f.resumedNs) + " after " + f.vm()
                        + " resumed: " + String.join(", ", parts) + " within " + duration(last.timeNs() - first.timeNs()),
                "Moving a subnet by routing waits for the routing protocol to notice and converge: tens of seconds, while the whole prefix is unreachable."));
    }

    /** Why the VM's packets are lost after the move, by scheme; the run's own notes say which prefix the WAN still routes where. */
    static String whyLost(MigrationFacts f) {
        String note = f.notes.stream().filter(n -> n.contains("routes")).findFirst().map(n -> " (" + n + ")").orElse("");
        return switch (f.scheme) {
            case "none" -> "Nothing tells the network that " + f.vm() + " moved: the WAN still routes its address to " + f.metrics.from() + note + ".";
            case "routing-move" -> "Until the routing protocol converges the WAN still routes the subnet to " + f.metrics.from() + note + ".";
            case "mobile-ipv6" -> "Until the home agent holds a binding it still delivers the home address on the home link, where the VM no longer is.";
            case "network-paging" -> "Until the client-side translator switches it still sends the VM's traffic towards the old site.";
            case "segmentation" -> "Until the segment learns the VM's new place its MAC tables still send the frames to the old site.";
            default -> "The network still sends the VM's traffic where the VM was" + note + ".";
        };
    }
}
