package org.warplab.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.DataCenter;
import org.warplab.model.IpFamily;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.MacAddress;
import org.warplab.model.MobileIpv6;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/**
 * The control packets of a live run as moving dots, like the emulator's: the hypervisor's
 * announcements (from the VM's send to the capture program's capture), the configuration message
 * (from the watcher's send to the translator's receipt) and the Mobile IPv6 Binding Update and
 * Acknowledgement (from one agent's send to the other's capture). Both ends of each are measured
 * by the agents; a message is drawn only when both ends saw it. In between it follows the lab's
 * static routes ({@link LiveRoutes#route}), each hop a share of the measured interval in
 * proportion to its configured delay (a neighbour resolution or a queue on the way lands on the
 * slow link, where it most likely was).
 */
final class LiveSignalTrace {

    static final String WATCHER_AGENT = "watcher ";
    static final String SWITCHER_AGENT = "switcher ";
    static final String MOBILE_NODE_AGENT = "mobile node ";
    static final String HOME_AGENT_AGENT = "home agent ";
    /** Ids of control packets: above every probe's and echo's ({@link LivePacketTrace#probeId}). */
    private static final long SIGNAL_IDS = 1L << 56;
    /** A capture this long after a send is not that send's (announcements come at least 50 ms apart). */
    private static final long MATCH_WINDOW_NS = 40_000_000L;
    private static final int RARP_FRAME_BYTES = 60;
    /** Ethernet, IPv6, the extension header and the 16-byte Mobility Header, as the agents build them. */
    private static final int MOBILITY_FRAME_BYTES = 94;
    /** Ethernet, IPv4 and UDP headers around a configuration message. */
    private static final int UDP_FRAME_OVERHEAD = 42;
    /** What a hop without configured delay weighs when the measured interval is shared out. */
    private static final long MIN_HOP_WEIGHT_NS = 50_000L;

    private final Lab lab;
    private final long originNs;
    private final List<TraceEvent> vmEvents;
    private final List<TraceEvent> out = new ArrayList<>();
    private long nextId = SIGNAL_IDS;

    private LiveSignalTrace(Lab lab, long originNs, List<TraceEvent> vmEvents) {
        this.lab = lab;
        this.originNs = originNs;
        this.vmEvents = vmEvents;
    }

    /**
     * @param agentEvents every agent's events in host monotonic time, as they reported them
     * @param originNs    the host time of the run's 0
     * @param stateEvents the run's state events (relative times), which say where each VM was
     */
    static List<TraceEvent> events(Lab lab, List<AgentEvent> agentEvents, long originNs, List<TraceEvent> stateEvents) {
        LiveSignalTrace trace = new LiveSignalTrace(lab, originNs, stateEvents);
        trace.announcements(agentEvents);
        trace.configMessages(agentEvents);
        trace.mobility(agentEvents);
        return trace.out;
    }

    /** Each announcement the VM sent that a capture program on its LAN saw. */
    private void announcements(List<AgentEvent> events) {
        List<AgentEvent> watchers = of(events, WATCHER_AGENT);
        for (AgentEvent sent : events) {
            if (!sent.agent().startsWith(LivePacketTrace.ECHO_AGENT) || !sent.is(AgentEvent.Kind.ANNOUNCED)) {
                continue;
            }
            String vm = sent.agent().substring(LivePacketTrace.ECHO_AGENT.length());
            Optional<AgentEvent> seen = watchers.stream().filter(e -> (e.is(AgentEvent.Kind.ANNOUNCEMENT_SEEN) || e.is(AgentEvent.Kind.ANNOUNCEMENT_REPEATED))
                            && e.text("mac").equalsIgnoreCase(sent.text("mac")) && e.timeNs() >= sent.timeNs()
                            && e.timeNs() - sent.timeNs() < MATCH_WINDOW_NS)
                    .findFirst();
            if (seen.isPresent()) {
                String dc = seen.get().agent().substring(WATCHER_AGENT.length());
                PacketKind kind = sent.text("kind").equals("garp") ? PacketKind.GARP : PacketKind.RARP;
                draw(kind, vm, dc, sent.timeNs(), seen.get().timeNs(), sent.text("mac"), MacAddress.BROADCAST.toString(), RARP_FRAME_BYTES);
            }
        }
    }

    /** Each configuration message a translator received, from the watcher that sent it. */
    private void configMessages(List<AgentEvent> events) {
        List<AgentEvent> watchers = of(events, WATCHER_AGENT);
        for (AgentEvent received : events) {
            if (!received.agent().startsWith(SWITCHER_AGENT) || !received.is(AgentEvent.Kind.CONFIG_RECEIVED)) {
                continue;
            }
            String edge = received.agent().substring(SWITCHER_AGENT.length());
            String seq = received.text("seq");
            Optional<AgentEvent> sent = watchers.stream().filter(e -> e.is(AgentEvent.Kind.CONFIG_SENT)
                            && e.text("seq").equals(seq) && e.text("vm").equals(received.text("vm"))
                            && e.text("location").equals(received.text("location")) && e.timeNs() <= received.timeNs())
                    .reduce((a, b) -> b);
            if (sent.isPresent()) {
                String dc = sent.get().agent().substring(WATCHER_AGENT.length());
                int bytes = UDP_FRAME_OVERHEAD + ("WARPLAB1 SWITCH " + received.text("vm") + " " + received.text("location") + " " + seq).length();
                draw(PacketKind.CONFIG, dc, edge, sent.get().timeNs(), received.timeNs(), received.text("from"), sent.get().text("to"), bytes);
            }
        }
    }

    /** Binding Updates the home agent received and Binding Acknowledgements the mobile node read. */
    private void mobility(List<AgentEvent> events) {
        List<AgentEvent> mobileNodes = of(events, MOBILE_NODE_AGENT);
        List<AgentEvent> homeAgents = of(events, HOME_AGENT_AGENT);
        for (AgentEvent sent : mobileNodes) {
            if (sent.is(AgentEvent.Kind.BINDING_UPDATE_SENT)) {
                String vm = sent.agent().substring(MOBILE_NODE_AGENT.length());
                homeAgents.stream().filter(e -> e.is(AgentEvent.Kind.BINDING_UPDATE_RECEIVED)
                                && e.text("sequence").equals(sent.text("sequence")) && e.text("care-of").equals(sent.text("care-of"))
                                && e.timeNs() >= sent.timeNs())
                        .findFirst().ifPresent(got -> draw(PacketKind.BINDING_UPDATE, vm, got.agent().substring(HOME_AGENT_AGENT.length()),
                                sent.timeNs(), got.timeNs(), sent.text("care-of"), homeAgentAddress(), MOBILITY_FRAME_BYTES));
            }
        }
        for (AgentEvent sent : homeAgents) {
            if (sent.is(AgentEvent.Kind.BINDING_ACK_SENT)) {
                String homeAgent = sent.agent().substring(HOME_AGENT_AGENT.length());
                mobileNodes.stream().filter(e -> e.is(AgentEvent.Kind.BINDING_ACKNOWLEDGED)
                                && e.text("sequence").equals(sent.text("sequence")) && e.text("care-of").equals(sent.text("care-of"))
                                && e.timeNs() >= sent.timeNs())
                        .findFirst().ifPresent(got -> draw(PacketKind.BINDING_ACK, homeAgent, got.agent().substring(MOBILE_NODE_AGENT.length()),
                                sent.timeNs(), got.timeNs(), homeAgentAddress(), sent.text("care-of"), MOBILITY_FRAME_BYTES));
            }
        }
    }

    private static List<AgentEvent> of(List<AgentEvent> events, String agentPrefix) {
        return events.stream().filter(e -> e.agent().startsWith(agentPrefix)).toList();
    }

    /** The home agent's address: the home network's IPv6 gateway, where the generated files put it. */
    private String homeAgentAddress() {
        return lab.schemeConfig(MobileIpv6.class).flatMap(c -> lab.node(c.homeNetwork(), DataCenter.class))
                .flatMap(dc -> dc.gatewayAddress(IpFamily.IPV6)).map(Object::toString).orElse("");
    }

    /** One message from {@code from} to {@code to}, its hops sharing the measured interval evenly. */
    private void draw(PacketKind kind, String from, String to, long departNs, long arriveNs, String source, String destination, int bytes) {
        Optional<List<String[]>> route = new LiveRoutes(lab, 0, vmEvents).route(from, to, departNs - originNs);
        if (route.isEmpty() || route.get().isEmpty()) {
            return;
        }
        List<String[]> hops = route.get();
        long[] weights = new long[hops.size()];
        long total = 0;
        for (int i = 0; i < hops.size(); i++) {
            // a hop's configured delay, and a little for every hop (a LAN's, or the VM's own port)
            weights[i] = lab.link(hops.get(i)[1]).map(Link::delayNs).orElse(0L) + MIN_HOP_WEIGHT_NS;
            total += weights[i];
        }
        long id = nextId++;
        long start = departNs - originNs;
        double span = arriveNs - departNs;
        long before = 0;
        for (int i = 0; i < hops.size(); i++) {
            String[] hop = hops.get(i);
            long leave = start + Math.round(span * before / total);
            before += weights[i];
            long arrive = i == hops.size() - 1 ? arriveNs - originNs : start + Math.round(span * before / total);
            out.add(new TraceEvent.PacketSent(leave, id, kind, "", 0, hop[0], hop[1], hop[2], leave, arrive, source, destination, bytes));
        }
    }
}
