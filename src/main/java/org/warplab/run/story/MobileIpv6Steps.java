package org.warplab.run.story;

import static org.warplab.run.story.StoryFormat.duration;
import static org.warplab.run.story.StoryFormat.plural;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;

/** Mobile IPv6 (RFC 6275): movement detection, the care-of address, the binding with the home agent, the tunnel, route optimization. */
final class MobileIpv6Steps {
    private MobileIpv6Steps() {
    }

    private static final Pattern CARE_OF = Pattern.compile("care-of ([0-9a-fA-F:]+)");

    static List<StoryStep> of(MigrationFacts f) {
        List<StoryStep> steps = new ArrayList<>();
        String vm = f.vm();
        Optional<TraceEvent.RuleSwitched> binding = f.first(TraceEvent.RuleSwitched.class, r -> r.vm().equals(vm), f.resumedNs);
        String careOf = binding.map(b -> CARE_OF.matcher(b.rule())).filter(Matcher::find).map(m -> m.group(1)).orElse(null);
        String homeAgent = binding.map(TraceEvent.RuleSwitched::router).orElse(null);
        f.phase("RA wait").ifPresent(p -> steps.add(movement(f, p)));
        f.phase("DAD of the care-of address").ifPresent(p -> steps.add(new StoryStep(f.stepId(StepKind.CARE_OF_ADDRESS), StepKind.CARE_OF_ADDRESS, f.id(),
                p.startNs(), p.endNs(), List.of(vm, f.metrics.to()), List.of(),
                vm + " forms its care-of address" + (careOf == null ? "" : " " + careOf) + " from the new prefix and checks nobody uses it ("
                        + p.name().substring(p.name().indexOf('(') + 1).replace(")", "") + " DAD): " + duration(p.durationNs()),
                "Duplicate address detection waits for an answer (1 s by default) before the address may be used, unless DAD is optimistic.")));
        f.phase("binding update").filter(p -> !p.name().contains("correspondent")).ifPresent(p ->
                steps.add(signal(f, p, StepKind.BINDING_UPDATE, PacketKind.BINDING_UPDATE, homeAgent, careOf)));
        f.phase("deregistration").ifPresent(p -> steps.add(signal(f, p, StepKind.BINDING_UPDATE, PacketKind.BINDING_UPDATE, homeAgent, careOf)));
        f.phase("home agent DAD").ifPresent(p -> steps.add(new StoryStep(f.stepId(StepKind.HOME_AGENT_DAD), StepKind.HOME_AGENT_DAD, f.id(), p.startNs(),
                p.endNs(), homeAgent == null ? List.of() : List.of(homeAgent), List.of(),
                (homeAgent == null ? "the home agent" : homeAgent) + " checks on the home link that nobody else answers for " + f.metrics.address()
                        + ": " + duration(p.durationNs()),
                "The home agent will answer for the home address on the home link (proxy neighbour discovery), so it first makes sure the address is free.")));
        f.phase("binding acknowledgement").ifPresent(p -> steps.add(signal(f, p, StepKind.BINDING_ACK, PacketKind.BINDING_ACK, homeAgent, careOf)));
        binding.ifPresent(b -> steps.add(new StoryStep(f.stepId(StepKind.TUNNEL), StepKind.TUNNEL, f.id(), b.timeNs(), b.timeNs(), List.of(b.router(), vm),
                List.of(), b.router() + " holds " + b.rule(),
                "From now on the home agent intercepts packets to the home address and tunnels them, IPv6 in IPv6, to the care-of address.")));
        f.phase("return routability").ifPresent(p -> steps.add(routeOptimization(f, p, "return routability with the correspondent: "
                + "home and care-of test through both paths, " + duration(p.durationNs()))));
        f.phase("binding update → correspondent").ifPresent(p -> steps.add(routeOptimization(f, p,
                "Binding Update to the correspondent: it now sends to the care-of address directly, " + duration(p.durationNs()))));
        return steps;
    }

    private static StoryStep movement(MigrationFacts f, Phase p) {
        Optional<TraceEvent.PacketSent> ra = f.all(TraceEvent.PacketSent.class, x -> x.kind() == PacketKind.ROUTER_ADVERTISEMENT && x.toNode().equals(f.vm())
                && x.arriveNs() <= p.endNs(), p.startNs(), p.endNs()).stream().reduce((a, b) -> b);
        List<TraceEvent.PacketSent> hops = ra.map(r -> f.hops(r.packetId())).orElse(List.of());
        String from = hops.isEmpty() ? "" : " from " + hops.get(0).fromNode();
        return new StoryStep(f.stepId(StepKind.MOVEMENT_DETECTED), StepKind.MOVEMENT_DETECTED, f.id(), p.endNs(), p.endNs(),
                hops.isEmpty() ? List.of(f.vm()) : MigrationFacts.nodesOf(hops), MigrationFacts.linksOf(hops),
                f.vm() + " hears a router advertisement" + from + " on " + f.metrics.to() + " " + duration(p.durationNs())
                        + " after resuming: a prefix that is not its home's, so it has moved",
                "A mobile node learns that it moved from the routers' advertisements; Mobile IPv6 routers advertise every 30-70 ms.");
    }

    private static StoryStep signal(MigrationFacts f, Phase p, StepKind kind, PacketKind packet, String homeAgent, String careOf) {
        List<TraceEvent.PacketSent> sent = f.all(TraceEvent.PacketSent.class, x -> x.kind() == packet, f.resumedNs, p.endNs() + 1);
        long messages = sent.stream().mapToLong(TraceEvent.PacketSent::packetId).distinct().count();
        List<TraceEvent.PacketSent> hops = sent.isEmpty() ? List.of() : f.hops(sent.get(sent.size() - 1).packetId());
        List<String> nodes = hops.isEmpty() ? List.of(f.vm()) : MigrationFacts.nodesOf(hops);
        String agent = homeAgent == null ? "its home agent" : homeAgent;
        String over = hops.isEmpty() ? "" : " over " + String.join(", ", MigrationFacts.linksOf(hops));
        String retries = messages > 1 ? " (" + plural(messages, "message", "messages") + ": retransmitted)" : "";
        String caption = kind == StepKind.BINDING_UPDATE
                ? f.vm() + " sends a Binding Update to " + agent + over + ": home " + f.metrics.address() + " → care-of " + (careOf == null ? "?" : careOf)
                        + "; it arrives after " + duration(p.durationNs()) + retries
                : agent + " acknowledges the binding" + over + "; " + f.vm() + " has it after " + duration(p.durationNs()) + retries
                        + (f.metrics.switchingTimeNs() != null ? ", " + duration(f.metrics.switchingTimeNs()) + " after the router advertisement (switching time)" : "");
        String why = kind == StepKind.BINDING_UPDATE
                ? "The home agent must learn the care-of address: the Binding Update asks it to forward the home address there."
                : "Until the acknowledgement comes back the mobile node cannot be sure its home address is forwarded; a lost update is resent after 1.5 s.";
        return new StoryStep(f.stepId(kind), kind, f.id(), p.startNs(), p.endNs(), nodes, MigrationFacts.linksOf(hops), caption, why);
    }

    private static StoryStep routeOptimization(MigrationFacts f, Phase p, String caption) {
        String qualifier = p.name().startsWith("return") ? "return-routability" : "correspondent-binding";
        List<TraceEvent.PacketSent> tests = f.all(TraceEvent.PacketSent.class, x -> x.kind() == PacketKind.HOME_TEST_INIT || x.kind() == PacketKind.CARE_OF_TEST_INIT
                || x.kind() == PacketKind.HOME_TEST || x.kind() == PacketKind.CARE_OF_TEST, p.startNs(), p.endNs());
        return new StoryStep(f.stepId(StepKind.ROUTE_OPTIMIZATION, qualifier), StepKind.ROUTE_OPTIMIZATION, f.id(), p.startNs(), p.endNs(),
                List.of(f.vm()), MigrationFacts.linksOf(tests), f.vm() + ": " + caption,
                "With route optimization the correspondent learns the care-of address too, after checking the node owns both addresses, and bypasses the home agent.");
    }
}
