package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompactTraceEventsTest {

    /** One event of every kind, with the awkward values: nulls, negatives, the largest numbers. */
    static final List<TraceEvent> EVERY_KIND = List.of(
            new TraceEvent.PacketSent(5, Long.MAX_VALUE, PacketKind.PROBE, "P1", 3, "U", "W1", "R3", 7, 9_000_000_000L, "10.0.0.1", "2001:db8::1", 210),
            new TraceEvent.PacketSent(5, 1, null, null, -1, "U", "W1", "R3", 5, 5, null, null, Integer.MAX_VALUE),
            new TraceEvent.HopArrived(6, 2, "W1", "U", "R3"),
            new TraceEvent.Translated(6, 2, "R3", "destination", "172.15.10.2", "172.16.10.2"),
            new TraceEvent.Dropped(7, 3, PacketKind.ECHO, "P1", 4, "R3", null, "no route to 172.16.10.2"),
            new TraceEvent.Delivered(8, 4, PacketKind.ECHO, "P1", 5, "U", 8_200_000),
            new TraceEvent.VmPaused(9, "vm1", "PDC"),
            new TraceEvent.VmResumed(10, "vm1", "ADC"),
            new TraceEvent.VmMoved(10, "vm1", "PDC", "ADC"),
            new TraceEvent.AnnouncementSeen(11, "ADC", "vm1", PacketKind.RARP),
            new TraceEvent.RuleSwitched(12, "R3", "vm1", "172.16.10.2 → ADC"),
            new TraceEvent.FdbUpdated(13, "ADC", "52:54:00:10:00:02", null),
            new TraceEvent.ArpUpdated(14, "R2", "172.16.10.2", "52:54:00:10:00:02"),
            new TraceEvent.RouteChanged(15, "R1", "172.16.0.0/16", null, null),
            new TraceEvent.MigrationRound(16, "MIG1", 30, Long.MIN_VALUE, 0, true),
            new TraceEvent.Encapsulated(17, 5, "HA", "ip6ip6", "2001:db8:1::1", "2001:db8:2::10"),
            new TraceEvent.Decapsulated(18, 5, "vm1", "vxlan VNI 16777215"));

    @Test
    void everyKindOfEventComesBackEqual() {
        CompactTraceEvents events = new CompactTraceEvents(100);
        EVERY_KIND.forEach(events::append);
        assertEquals(EVERY_KIND, events);
        assertEquals(EVERY_KIND, new Trace(events).events());
        assertEquals(new Trace(EVERY_KIND), new Trace(events));
        assertEquals(-1, events.truncatedAtNs());
    }

    @Test
    void keepsTimeOrderAndStopsAtItsCap() {
        CompactTraceEvents events = new CompactTraceEvents(3);
        EVERY_KIND.forEach(events::append);
        assertEquals(EVERY_KIND.subList(0, 3), events);
        assertEquals(6, events.truncatedAtNs());
        CompactTraceEvents ordered = new CompactTraceEvents(10);
        ordered.append(new TraceEvent.VmPaused(9, "vm1", "PDC"));
        assertThrows(IllegalArgumentException.class, () -> ordered.append(new TraceEvent.VmPaused(8, "vm1", "PDC")));
    }
}
