package org.warplab.live.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AgentMainTest {

    @Test
    void aStopThatNeverReturnsDoesNotHoldTheAgent() {
        CountDownLatch never = new CountDownLatch(1);
        Agent stuck = new Agent() {
            @Override
            public void start() {
            }

            @Override
            public void command(String line) {
            }

            @Override
            public void stop() {
                try {
                    never.await(); // like pcap_close waiting on a read that never ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        long start = System.nanoTime();
        AgentMain.stopWithin(stuck, 200);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs >= 190 && tookMs < 2000, "returned after " + tookMs + " ms");
    }

    @Test
    void anUnknownKindIsRefusedWithTheList() {
        assertEquals(2, AgentMain.run(List.of("teleporter")));
        assertEquals(2, AgentMain.run(List.of()));
    }

    @Test
    void framesRoundTrip() {
        var mac = org.warplab.model.MacAddress.parse("52:54:00:10:00:02");
        var ip = org.warplab.model.Ipv4Address.parse("172.16.10.2");
        Frames.Announcement rarp = Frames.parse(Frames.rarp(mac)).orElseThrow();
        assertEquals(org.warplab.model.AnnounceKind.RARP, rarp.kind());
        assertEquals(mac, rarp.mac());
        Frames.Announcement garp = Frames.parse(Frames.garp(mac, ip)).orElseThrow();
        assertEquals(org.warplab.model.AnnounceKind.GARP, garp.kind());
        assertEquals(ip, garp.address());
        byte[] ordinaryArp = Frames.garp(mac, ip);
        ordinaryArp[41] = 1; // target IP differs from sender IP: an ordinary request, not an announcement
        assertTrue(Frames.parse(ordinaryArp).isEmpty());
    }

    @Test
    void aSwitchIsConfirmedByTheEchoOfItsAddOrByAListing() {
        String move = "delete element ip warplab_paging vm_location { 172.16.10.2 }; add element ip warplab_paging vm_location { 172.16.10.2 : jump at_ADC }";
        assertEquals(move, SwitcherAgent.withCommitEcho(move), "the add's echo confirms a map update");
        assertEquals("delete element ip t in_source { 172.16.10.2 }; list table ip t",
                SwitcherAgent.withCommitEcho("delete element ip t in_source { 172.16.10.2 }"), "a delete alone needs the listing");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> SwitcherAgent.withCommitEcho("flush ruleset"));
    }
}
