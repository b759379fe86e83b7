package org.warplab.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.NetworkPagingScheme;

/**
 * The capture program's configuration message takes the route live mode's takes: both address it
 * to {@link NetworkPagingScheme#configurationAddress} (the client edge's address on its clients'
 * site), so it follows the shortest path to R3 rather than to whichever WAN address R3 listed first.
 */
class ConfigMessageRouteTest {

    @Test
    void theMessageGoesWhereLiveModeSendsItAcrossTwoWanLinks() throws Exception {
        Lab lab = EmulatorTest.lab("paging-paper");
        List<TraceEvent.PacketSent> hops = Emulator.run(lab, Emulator.Options.defaults(1)).trace().ofType(TraceEvent.PacketSent.class).stream()
                .filter(p -> p.kind() == PacketKind.CONFIG).toList();
        String address = NetworkPagingScheme.configurationAddress(lab, "R3").orElseThrow().toString();
        assertEquals("10.1.0.1", address, "U's gateway: R3 on the client site, as LiveRunner addresses it");
        hops.forEach(h -> assertEquals(address, h.destination(), "hop " + h.link()));
        assertEquals(List.of("ADC-capture → ADC", "ADC → R2", "R2 → C2", "C2 → R3"),
                hops.stream().map(h -> h.fromNode() + " → " + h.toNode()).toList(), "two WAN links, as the live run measures (4 ms of 2 ms links)");
    }

    @Test
    void aRecordedLiveRunAddressedTheMessageWhereTheEmulatorDoes() throws Exception {
        // the live run of this lab (src/test/resources/.../recorded/paging-paper, LiveMeasurementTest replays it): its watcher's config-sent
        String events = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/org/warplab/live/recorded/paging-paper/agent-events.jsonl"));
        java.util.regex.Matcher sent = java.util.regex.Pattern.compile("\"event\":\"config-sent\",\"to\":\"([^\"]+)\"").matcher(events);
        List<String> liveTo = new java.util.ArrayList<>();
        while (sent.find()) {
            liveTo.add(sent.group(1));
        }
        Lab lab = EmulatorTest.lab("paging-paper");
        List<String> emulatedTo = Emulator.run(lab, Emulator.Options.defaults(1)).trace().ofType(TraceEvent.PacketSent.class).stream()
                .filter(p -> p.kind() == PacketKind.CONFIG).map(TraceEvent.PacketSent::destination).distinct().toList();
        assertEquals(List.of("10.1.0.1"), liveTo, "the live watcher sent one message, to R3's address on U's site");
        assertEquals(liveTo, emulatedTo, "the emulated capture program addresses the same");
    }
}
