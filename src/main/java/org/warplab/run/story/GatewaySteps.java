package org.warplab.run.story;

import static org.warplab.run.story.StoryFormat.duration;
import static org.warplab.run.story.StoryFormat.plural;

import java.util.List;
import java.util.Optional;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/**
 * The moved VM and its gateway's MAC: when the gateway at the new site has another MAC than the
 * old one, the VM's neighbour entry still holds the old MAC, the new gateway's port does not
 * accept those frames, and service returns only when the entry is resolved again.
 */
final class GatewaySteps {
    /** What a router's drop reason says when a frame came for another gateway's MAC. */
    static final String STALE_GATEWAY = "stale gateway MAC";
    static final String WHY_LOST = "The VM still sends to the MAC its neighbour entry holds for its gateway, the old site's; the gateway here has"
            + " another MAC and does not accept frames for a MAC not its own.";
    private static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

    private GatewaySteps() {
    }

    /**
     * The moment the moved VM's neighbour entry for its gateway changed MAC after it resumed, and how:
     * asked by the new gateway, or after its own unreachability detection gave up on the old MAC.
     */
    static Optional<StoryStep> resolved(MigrationFacts f) {
        if (f.resumedNs < 0) {
            return Optional.empty();
        }
        String vm = f.vm();
        Optional<TraceEvent.ArpUpdated> update = f.first(TraceEvent.ArpUpdated.class, u -> u.node().equals(vm), f.resumedNs);
        if (update.isEmpty()) {
            return Optional.empty();
        }
        TraceEvent.ArpUpdated u = update.get();
        Optional<TraceEvent.ArpUpdated> before = f.lastBefore(TraceEvent.ArpUpdated.class, b -> b.node().equals(vm) && b.address().equals(u.address()), f.resumedNs);
        if (before.isEmpty() || before.get().mac().equals(u.mac())) {
            return Optional.empty(); // the VM learned a neighbour it had not known: nothing stale
        }
        List<TraceEvent.PacketSent> probes = f.all(TraceEvent.PacketSent.class, p -> p.fromNode().equals(vm) && p.kind() == PacketKind.ARP_REQUEST
                && !BROADCAST.equals(p.destination()), f.resumedNs, u.timeNs());
        long lost = f.all(TraceEvent.Dropped.class, d -> d.reason().contains(STALE_GATEWAY) && f.flows().contains(d.flow()), f.resumedNs, u.timeNs()).size();
        String cost = lost == 0 ? "" : "; meanwhile " + plural(lost, "frame", "frames") + " for the old MAC " + (lost == 1 ? "was" : "were") + " refused";
        String caption;
        String why;
        if (probes.isEmpty()) {
            caption = vm + " learns that its gateway " + u.address() + " is now at " + u.mac() + " (it held " + before.get().mac() + "), "
                    + duration(u.timeNs() - f.resumedNs) + " after resuming, from the gateway's own ARP request" + cost;
            why = "A Linux host takes the asker's MAC from an ARP request addressed to it, so a gateway that does not know the VM yet corrects"
                    + " the VM's entry as soon as it asks for the VM's MAC.";
        } else {
            caption = vm + " resolves its gateway " + u.address() + " again, " + duration(u.timeNs() - f.resumedNs) + " after resuming: its entry held "
                    + before.get().mac() + "; after " + plural(probes.size(), "unanswered probe", "unanswered probes") + " to that MAC it failed, and a broadcast request found "
                    + u.mac() + cost;
            why = "The gateway here already knew the VM, so nothing asked it; the VM kept the old gateway's MAC until Linux's unreachability detection gave up"
                    + " (a stale entry is used for delay_first_probe_time, 5 s, then probed ucast_solicit = 3 times, 1 s apart) and resolved it again.";
        }
        return Optional.of(new StoryStep(f.stepId(StepKind.GATEWAY_RESOLVED), StepKind.GATEWAY_RESOLVED, f.id(), u.timeNs(), u.timeNs(),
                List.of(vm, f.metrics.to()), List.of(), caption, why));
    }
}
