package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.Lab;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Samples;

/** Control packets of a live run become dots between the two agents that saw them, along the static routes. */
class LiveSignalTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ORIGIN = 1_000_000_000_000L;

    private static AgentEvent event(String agent, double ms, String name, String... fields) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            node.put(fields[i], fields[i + 1]);
        }
        return new AgentEvent(agent, ORIGIN + Math.round(ms * 1e6), name, node);
    }

    private static long ms(double ms) {
        return Math.round(ms * 1e6);
    }

    @Test
    void theAnnouncementAndTheConfigurationMessageTravelBetweenTheirMeasuredEnds() {
        Lab lab = Samples.lab("paging-paper");
        List<TraceEvent> moved = List.of(new TraceEvent.VmMoved(ms(900), "vm1", "PDC", "ADC"));
        List<AgentEvent> agents = List.of(
                event("echo vm1", 1000, "announced", "kind", "rarp", "mac", "52:54:00:10:00:02"),
                event("watcher ADC", 1000.2, "announcement-seen", "mac", "52:54:00:10:00:02"),
                event("watcher ADC", 1000.5, "config-sent", "to", "10.1.0.1", "vm", "172.16.10.2", "location", "ADC", "seq", "4"),
                event("switcher R3", 1005.0, "config-received", "from", "172.16.255.254", "vm", "172.16.10.2", "location", "ADC", "seq", "4"),
                // a burst frame nobody captured is not drawn: where it went is not known
                event("echo vm1", 1050, "announced", "kind", "rarp", "mac", "52:54:00:10:00:02"));
        List<TraceEvent.PacketSent> sent = LiveSignalTrace.events(lab, agents, ORIGIN, moved).stream()
                .map(TraceEvent.PacketSent.class::cast).toList();

        List<TraceEvent.PacketSent> rarp = sent.stream().filter(p -> p.kind() == PacketKind.RARP).toList();
        assertEquals(1, rarp.size());
        assertEquals("vm1", rarp.get(0).fromNode());
        assertEquals("ADC", rarp.get(0).toNode());
        assertEquals(ms(1000), rarp.get(0).departNs());
        assertEquals(ms(1000.2), rarp.get(0).arriveNs());

        List<TraceEvent.PacketSent> config = sent.stream().filter(p -> p.kind() == PacketKind.CONFIG).toList();
        assertTrue(config.size() >= 3, "ADC's router, the WAN, R3: " + config);
        assertEquals("ADC", config.get(0).fromNode());
        assertEquals("R3", config.get(config.size() - 1).toNode());
        assertEquals(ms(1000.5), config.get(0).departNs());
        assertEquals(ms(1005.0), config.get(config.size() - 1).arriveNs());
        for (int i = 1; i < config.size(); i++) {
            assertEquals(config.get(i - 1).toNode(), config.get(i).fromNode(), "hops join up");
            assertEquals(config.get(i - 1).arriveNs(), config.get(i).departNs(), "and follow each other in time");
        }
    }

    @Test
    void theBindingUpdateGoesFromTheForeignNetworkToTheHomeAgentAndTheAcknowledgementBack() {
        Lab lab = Samples.lab("mipv6-paper");
        List<TraceEvent> moved = List.of(new TraceEvent.VmMoved(ms(2900), "mn", "HOME", "FOREIGN"));
        String careOf = "2001:db8:2:0:5054:ff:fe00:100";
        List<AgentEvent> agents = List.of(
                event("mobile node mn", 3000, "binding-update-sent", "sequence", "1", "care-of", careOf),
                event("home agent HA", 3062, "binding-update-received", "sequence", "1", "care-of", careOf),
                event("home agent HA", 4070, "binding-ack-sent", "sequence", "1", "care-of", careOf, "status", "0"),
                event("mobile node mn", 4100, "binding-acknowledged", "sequence", "1", "care-of", careOf));
        List<TraceEvent.PacketSent> sent = LiveSignalTrace.events(lab, agents, ORIGIN, moved).stream()
                .map(TraceEvent.PacketSent.class::cast).toList();

        List<String> update = sent.stream().filter(p -> p.kind() == PacketKind.BINDING_UPDATE).map(TraceEvent.PacketSent::toNode).toList();
        assertEquals(List.of("FOREIGN", "FR", "D", "HA"), update, "from the foreign network over W2 and W1");
        List<String> ack = sent.stream().filter(p -> p.kind() == PacketKind.BINDING_ACK).map(TraceEvent.PacketSent::toNode).toList();
        assertEquals(List.of("D", "FR", "FOREIGN", "mn"), ack);
        TraceEvent.PacketSent first = sent.stream().filter(p -> p.kind() == PacketKind.BINDING_UPDATE).findFirst().orElseThrow();
        assertEquals(careOf, first.source());
        assertEquals("2001:db8:1::1", first.destination());
    }
}
