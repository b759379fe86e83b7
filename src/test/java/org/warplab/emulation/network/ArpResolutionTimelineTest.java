package org.warplab.emulation.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/**
 * One host's ARP on its own, driven at chosen instants: what it sends on the wire and when, what
 * it drops and why, checked against Linux's behaviour and timers (three requests a second apart,
 * three frames waiting per address, unreachability detection: stale after the reachable time, a
 * 5 s delay, three unicast probes a second apart, then a broadcast again).
 */
class ArpResolutionTimelineTest {
    private static final long S = 1_000_000_000L;
    private static final int OWN_IP = 0x0a00_0001;
    private static final int PEER_IP = 0x0a00_0002;
    private static final long OWN_MAC = 0x02_00_00_00_00_01L;
    private static final long PEER_MAC = 0x02_00_00_00_00_02L;

    private Simulator sim;
    private NetworkContext net;
    private ArpResolver arp;
    /** What the host put on its link, as "time kind destination-MAC" (ARP: the address asked for). */
    private final List<String> wire = new ArrayList<>();
    private final List<String> drops = new ArrayList<>();

    @BeforeEach
    void host() {
        sim = new Simulator(1);
        net = new NetworkContext(sim, true, false);
        Channel out = Channel.virtual(net, "L1", "H", "peer");
        out.receiver = (frame, port) -> wire.add(sim.now() / 1_000_000 + "ms " + frame.kind + " to " + Ipv4.mac(frame.destinationMac)
                + (frame.kind == PacketKind.ARP_REQUEST ? " for " + Ipv4.text(frame.targetIp) : " #" + frame.sequence));
        net.dropListener = (frame, reason) -> drops.add(sim.now() / 1_000_000 + "ms #" + frame.sequence + " " + reason);
        arp = new ArpResolver(net, "H", OWN_MAC, OWN_IP, out);
    }

    private void at(long timeNs, Runnable action) {
        sim.scheduleAt(timeNs, (code, payload) -> action.run(), 0, null);
    }

    private void sendProbe(long sequence) {
        Frame frame = new Frame();
        frame.id = net.nextPacketId();
        frame.kind = PacketKind.PROBE;
        frame.etherType = Frame.ETHERTYPE_IPV4;
        frame.ipBytes = 100;
        frame.sequence = sequence;
        arp.send(PEER_IP, frame);
    }

    /** An ARP frame from the peer: a reply to us (2), a request for us (1), or gratuitous (1, asking for itself). */
    private void fromPeer(int operation, long senderMac, int targetIp) {
        Frame frame = new Frame();
        frame.kind = operation == 2 ? PacketKind.ARP_REPLY : PacketKind.ARP_REQUEST;
        frame.etherType = Frame.ETHERTYPE_ARP;
        frame.arpOperation = operation;
        frame.sourceMac = senderMac;
        frame.destinationMac = operation == 2 ? OWN_MAC : NetworkContext.BROADCAST_MAC;
        frame.senderMac = senderMac;
        frame.senderIp = PEER_IP;
        frame.targetIp = targetIp;
        arp.receive(frame);
    }

    @Test
    void anUnansweredAddressIsAskedThriceASecondApartThenItsFramesAreDropped() {
        at(0, () -> {
            for (int i = 1; i <= 5; i++) {
                sendProbe(i);
            }
        });
        sim.runUntil(10 * S);
        assertEquals(List.of("0ms ARP_REQUEST to ff:ff:ff:ff:ff:ff for 10.0.0.2", "1000ms ARP_REQUEST to ff:ff:ff:ff:ff:ff for 10.0.0.2",
                "2000ms ARP_REQUEST to ff:ff:ff:ff:ff:ff for 10.0.0.2"), wire);
        assertEquals(List.of("0ms #4 ARP queue for 10.0.0.2 full while waiting for a reply", "0ms #5 ARP queue for 10.0.0.2 full while waiting for a reply",
                "3000ms #1 no ARP reply from 10.0.0.2 after 3 requests", "3000ms #2 no ARP reply from 10.0.0.2 after 3 requests",
                "3000ms #3 no ARP reply from 10.0.0.2 after 3 requests"), drops);
    }

    @ParameterizedTest(name = "reply after {0} ms")
    @ValueSource(longs = {0, 400, 1500, 2999})
    void aReplySendsTheWaitingFramesInOrderAndStopsTheQuestions(long replyMs) {
        at(0, () -> {
            sendProbe(1);
            sendProbe(2);
        });
        at(replyMs * 1_000_000, () -> fromPeer(2, PEER_MAC, OWN_IP));
        at(replyMs * 1_000_000 + 1, () -> sendProbe(3));
        sim.runUntil(10 * S);
        List<String> expected = new ArrayList<>();
        for (long ask = 0; ask <= replyMs / 1000 && ask < 3; ask++) {
            if (ask * 1000 < replyMs || ask == 0) {
                expected.add(ask * 1000 + "ms ARP_REQUEST to ff:ff:ff:ff:ff:ff for 10.0.0.2");
            }
        }
        for (int sequence = 1; sequence <= 3; sequence++) {
            expected.add(replyMs + "ms PROBE to 02:00:00:00:00:02 #" + sequence);
        }
        assertEquals(expected, wire);
        assertEquals(List.of(), drops);
        assertEquals(List.of(new TraceEvent.ArpUpdated(replyMs * 1_000_000, "H", "10.0.0.2", "02:00:00:00:00:02")),
                net.tracer.events().stream().filter(TraceEvent.ArpUpdated.class::isInstance).toList());
    }

    @Test
    void aStaleEntryIsProbedAtItsMacAfterTheDelayThenResolvedAfreshByBroadcast() {
        at(0, () -> sendProbe(1));
        at(1_000_000, () -> fromPeer(2, PEER_MAC, OWN_IP));
        // the reachable time is drawn in [15 s, 45 s): at 50 s the entry is stale, and its use starts the 5 s delay
        at(50 * S, () -> sendProbe(2));
        at(59 * S, () -> sendProbe(3));
        sim.runUntil(70 * S);
        assertEquals(List.of("0ms ARP_REQUEST to ff:ff:ff:ff:ff:ff for 10.0.0.2", "1ms PROBE to 02:00:00:00:00:02 #1",
                "50000ms PROBE to 02:00:00:00:00:02 #2",
                "55000ms ARP_REQUEST to 02:00:00:00:00:02 for 10.0.0.2", "56000ms ARP_REQUEST to 02:00:00:00:00:02 for 10.0.0.2",
                "57000ms ARP_REQUEST to 02:00:00:00:00:02 for 10.0.0.2",
                // failed at 58 s: the next frame waits for a broadcast question again
                "59000ms ARP_REQUEST to ff:ff:ff:ff:ff:ff for 10.0.0.2", "60000ms ARP_REQUEST to ff:ff:ff:ff:ff:ff for 10.0.0.2",
                "61000ms ARP_REQUEST to ff:ff:ff:ff:ff:ff for 10.0.0.2"), wire);
        assertEquals(List.of("62000ms #3 no ARP reply from 10.0.0.2 after 3 requests"), drops);
    }

    @Test
    void anAnsweredProbeKeepsTheEntryWithoutAnotherBroadcast() {
        at(0, () -> fromPeer(1, PEER_MAC, OWN_IP)); // the peer asks us: we learn it (stale) and answer
        at(50 * S, () -> sendProbe(1));
        at(55 * S + 1_000_000, () -> fromPeer(2, PEER_MAC, OWN_IP));
        at(56 * S + 2_000_000, () -> sendProbe(2));
        sim.runUntil(70 * S);
        assertEquals(List.of("0ms ARP_REPLY to 02:00:00:00:00:02 #0", "50000ms PROBE to 02:00:00:00:00:02 #1",
                "55000ms ARP_REQUEST to 02:00:00:00:00:02 for 10.0.0.2", "56002ms PROBE to 02:00:00:00:00:02 #2"), wire);
        assertEquals(List.of(), drops);
    }

    @Test
    void aGratuitousAnnouncementUpdatesAKnownNeighbourButTeachesNoNewOne() {
        List<String> changed = new ArrayList<>();
        arp.onNeighbourChanged((address, mac) -> changed.add(Ipv4.text(address) + " → " + Ipv4.mac(mac)));
        at(0, () -> fromPeer(1, PEER_MAC, PEER_IP)); // gratuitous from a stranger: not learned (arp_accept 0)
        at(S, () -> sendProbe(1));
        at(S + 1_000_000, () -> fromPeer(2, PEER_MAC, OWN_IP));
        at(2 * S, () -> fromPeer(1, 0x02_00_00_00_00_99L, PEER_IP)); // the peer moved to another MAC and says so
        at(3 * S, () -> sendProbe(2));
        sim.runUntil(4 * S);
        assertEquals(List.of("1000ms ARP_REQUEST to ff:ff:ff:ff:ff:ff for 10.0.0.2", "1001ms PROBE to 02:00:00:00:00:02 #1",
                "3000ms PROBE to 02:00:00:00:00:99 #2"), wire);
        assertEquals(List.of("10.0.0.2 → 02:00:00:00:00:99"), changed);
        assertTrue(drops.isEmpty());
    }
}
