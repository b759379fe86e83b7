package org.warplab.emulation.schemes;

import org.warplab.emulation.Emulator;
import org.warplab.emulation.EmulatorTest;
import org.warplab.emulation.network.Ipv6;
import org.warplab.emulation.network.LinkLoss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.model.DadMode;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.MobileIpv6;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.RunExports;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Tools;

public class MobileIpv6EmulationTest {
    static final String HOME_ADDRESS = "2001:db8:1::100";

    static Lab paper() throws Exception {
        return EmulatorTest.lab("mipv6-paper");
    }

    static MobileIpv6 settings(Lab lab) {
        return lab.schemeConfig(MobileIpv6.class).orElseThrow();
    }

    static Lab with(Lab lab, MobileIpv6 c) {
        return lab.withSchemeConfig(c);
    }

    static Lab withRouteOptimization(Lab lab) {
        MobileIpv6 c = settings(lab);
        return with(lab, new MobileIpv6(c.homeNetwork(), c.homeAgent(), c.raMinIntervalNs(), c.raMaxIntervalNs(), c.dad(), true,
                c.correspondents(), c.bindingLifetimeNs()));
    }

    static Lab withDad(Lab lab, DadMode dad) {
        MobileIpv6 c = settings(lab);
        return with(lab, new MobileIpv6(c.homeNetwork(), c.homeAgent(), c.raMinIntervalNs(), c.raMaxIntervalNs(), dad, c.routeOptimization(),
                c.correspondents(), c.bindingLifetimeNs()));
    }

    static Lab withW2Delay(Lab lab, long delayNs) {
        return lab.replacingLink(lab.link("W2").orElseThrow().withDelayNs(delayNs));
    }

    public static long phase(MigrationMetrics m, String prefix) {
        return m.phases().stream().filter(p -> p.name().startsWith(prefix)).mapToLong(Phase::durationNs).sum();
    }

    static boolean hasPhase(MigrationMetrics m, String prefix) {
        return m.phases().stream().anyMatch(p -> p.name().startsWith(prefix));
    }

    @Test
    void theVmKeepsItsHomeAddressAndAnswersThereAfterTheMove() throws Exception {
        Emulator.Outcome outcome = Emulator.run(paper(), Emulator.Options.defaults(1));
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertEquals(HOME_ADDRESS, m.address());
        assertTrue(m.reachableAfter());
        long resumed = outcome.trace().ofType(TraceEvent.VmResumed.class).get(0).timeNs();
        // probes reach the VM at its home address after the move, through the tunnel from the home agent
        assertTrue(outcome.trace().ofType(TraceEvent.Delivered.class).stream()
                .anyMatch(d -> d.node().equals("mn") && d.kind() == PacketKind.PROBE && d.timeNs() > resumed));
        assertTrue(outcome.trace().ofType(TraceEvent.Encapsulated.class).stream()
                .anyMatch(e -> e.node().equals("HA") && e.how().equals("ip6ip6") && e.outerDestination().startsWith("2001:db8:2:")));
        assertTrue(outcome.trace().ofType(TraceEvent.Decapsulated.class).stream().anyMatch(e -> e.node().equals("HA")),
                "the echo comes back through the reverse tunnel");
        assertTrue(m.pathAfter().contains("FR") && m.pathAfter().contains("HA"), m.pathAfter());
        assertTrue(m.latencyAfterNs() > m.latencyBeforeNs(), "the tunnel through the home agent is longer than the path home");
    }

    @Test
    void theDowntimeSplitsIntoItsPhases() throws Exception {
        MigrationMetrics m = EmulatorTest.first(paper());
        List<String> parts = List.of("stop-and-copy", "resume", "RA wait", "DAD of the care-of address", "binding update → home agent",
                "home agent DAD", "binding acknowledgement → mobile node", "tunnel: first packet");
        long sum = 0;
        for (String part : parts) {
            assertTrue(hasPhase(m, part), "phase " + part + " in " + m.phases());
            sum += phase(m, part);
        }
        assertEquals(m.downtimeNs(), sum, "the downtime is its phases end to end");
        // standard DAD waits one RetransTimer; the home agent checks the home address the same way
        assertEquals(Ipv6.RETRANS_TIMER_NS, phase(m, "DAD of the care-of address"));
        assertEquals(Ipv6.RETRANS_TIMER_NS, phase(m, "home agent DAD"));
        long raWait = phase(m, "RA wait");
        assertTrue(raWait >= 0 && raWait <= settings(paper()).raMaxIntervalNs(), "an advertisement comes within MaxRtrAdvInterval");
        assertEquals(m.switchingTimeNs().longValue(), phase(m, "IP mobility") - raWait, "switching: advertisement heard → acknowledged");
    }

    @Test
    void downtimeGrowsWithTheDelayBetweenTheNetworksByTheSignallingRoundTrip() throws Exception {
        long step = 100_000_000L;
        long interval = paper().traffic().get(0).intervalNs();
        MigrationMetrics near = EmulatorTest.first(withW2Delay(paper(), 20_000_000L));
        MigrationMetrics far = EmulatorTest.first(withW2Delay(paper(), 20_000_000L + step));
        // the Binding Update crosses W2 once, the Binding Acknowledgement once more
        long signalling = phase(far, "binding update → home agent") + phase(far, "binding acknowledgement → mobile node")
                - phase(near, "binding update → home agent") - phase(near, "binding acknowledgement → mobile node");
        assertEquals(2 * step, signalling, 1_000);
        long growth = far.downtimeNs() - near.downtimeNs();
        assertTrue(Math.abs(growth - 2 * step) <= interval, "downtime grew by " + growth + " ns, one round trip is " + 2 * step);
        // and linearly: three delays, equal steps
        MigrationMetrics farther = EmulatorTest.first(withW2Delay(paper(), 20_000_000L + 2 * step));
        long second = farther.downtimeNs() - far.downtimeNs();
        assertTrue(Math.abs(second - growth) <= interval, "equal delay steps, equal downtime steps: " + growth + " vs " + second);
    }

    @Test
    void turningDadOffRemovesItsShare() throws Exception {
        MigrationMetrics standard = EmulatorTest.first(withDad(paper(), DadMode.STANDARD));
        MigrationMetrics off = EmulatorTest.first(withDad(paper(), DadMode.OFF));
        MigrationMetrics optimistic = EmulatorTest.first(withDad(paper(), DadMode.OPTIMISTIC));
        assertFalse(hasPhase(off, "DAD of the care-of address"));
        assertFalse(hasPhase(optimistic, "DAD of the care-of address"));
        long share = phase(standard, "DAD of the care-of address");
        long interval = paper().traffic().get(0).intervalNs();
        assertTrue(Math.abs(standard.downtimeNs() - off.downtimeNs() - share) <= interval,
                standard.downtimeNs() + " - " + off.downtimeNs() + " should be the DAD share " + share);
        assertEquals(phase(off, "home agent DAD"), phase(standard, "home agent DAD"), "the home agent still checks the home address");
        assertTrue(Math.abs(optimistic.downtimeNs() - off.downtimeNs()) <= interval, "an optimistic address is used at once");
    }

    @Test
    void aLostBindingAcknowledgementIsRetransmittedAfterOnePointFiveSecondsThenDoubling() throws Exception {
        Lab lab = paper().withDurationNs(14_000_000_000L);
        int[] acksToLose = {2};
        LinkLoss firstTwoAcks = (frame, channel, net) -> frame.kind == PacketKind.BINDING_ACK && acksToLose[0]-- > 0
                ? "binding acknowledgement lost on " + channel.linkName() : LinkLoss.CONFIGURED.lost(frame, channel, net);
        Emulator.Outcome outcome = Emulator.run(lab, Emulator.Options.defaults(1), firstTwoAcks);
        List<TraceEvent.PacketSent> updates = outcome.trace().ofType(TraceEvent.PacketSent.class).stream()
                .filter(p -> p.kind() == PacketKind.BINDING_UPDATE && p.fromNode().equals("mn")).toList();
        assertTrue(updates.size() >= 3, "first Binding Update and two retransmissions: " + updates.size());
        // the timer starts when the update is handed to IPv6; the first one then waited for neighbour discovery of the new router
        assertEquals(MobileIpv6.INITIAL_BINDACK_TIMEOUT_FIRST_REG_NS, updates.get(1).timeNs() - updates.get(0).timeNs(), 1_000_000);
        assertEquals(2 * MobileIpv6.INITIAL_BINDACK_TIMEOUT_FIRST_REG_NS, updates.get(2).timeNs() - updates.get(1).timeNs());
        assertEquals(2, outcome.trace().ofType(TraceEvent.Dropped.class).stream()
                .filter(d -> d.kind() == PacketKind.BINDING_ACK && d.reason().contains("lost")).count());
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertTrue(m.reachableAfter());
        assertTrue(hasPhase(m, "binding acknowledgement → mobile node (after 2 retransmissions)"), m.phases().toString());
        MigrationMetrics clean = EmulatorTest.first(lab);
        assertTrue(m.downtimeNs() - clean.downtimeNs() >= 3 * MobileIpv6.INITIAL_BINDACK_TIMEOUT_FIRST_REG_NS - 2 * 1_000_000_000L,
                "the retransmission timers add to the downtime");
    }

    @Test
    void bindingsAreRefreshedBeforeTheirLifetimeEnds() throws Exception {
        Lab base = paper();
        MobileIpv6 c = settings(base);
        long lifetime = 4_000_000_000L;
        Lab lab = with(base, new MobileIpv6(c.homeNetwork(), c.homeAgent(), c.raMinIntervalNs(), c.raMaxIntervalNs(), c.dad(),
                c.routeOptimization(), c.correspondents(), lifetime)).withDurationNs(16_000_000_000L);
        Emulator.Outcome outcome = Emulator.run(lab, Emulator.Options.defaults(1));
        List<TraceEvent.PacketSent> acks = outcome.trace().ofType(TraceEvent.PacketSent.class).stream()
                .filter(p -> p.kind() == PacketKind.BINDING_ACK && p.fromNode().equals("HA")).toList();
        List<TraceEvent.PacketSent> updates = outcome.trace().ofType(TraceEvent.PacketSent.class).stream()
                .filter(p -> p.kind() == PacketKind.BINDING_UPDATE && p.fromNode().equals("mn")).toList();
        assertTrue(updates.size() >= 3, "registration and refreshes: " + updates.size());
        long firstAckAtMn = outcome.trace().ofType(TraceEvent.HopArrived.class).stream()
                .filter(h -> h.packetId() == acks.get(0).packetId() && h.node().equals("mn")).findFirst().orElseThrow().timeNs();
        assertEquals((long) (lifetime * MobileIpv6Behaviour.REFRESH_FRACTION), updates.get(1).timeNs() - firstAckAtMn);
        assertTrue(outcome.trace().ofType(TraceEvent.RuleSwitched.class).stream().noneMatch(r -> r.rule().contains("expired")),
                "refreshed in time, the binding never lapses");
        // without refreshes the probes would stop after the lifetime; they keep coming back
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertTrue(m.clientGapNs() < m.downtimeNs() + 2 * lab.traffic().get(0).intervalNs() + 200_000_000L);
    }

    @Test
    void withRouteOptimizationTheCorrespondentsPathChangesAfterTheReturnRoutability() throws Exception {
        Emulator.Outcome outcome = Emulator.run(withRouteOptimization(paper()), Emulator.Options.defaults(1));
        MigrationMetrics m = outcome.result().migrations().get(0);
        MigrationMetrics tunneled = EmulatorTest.first(paper());
        assertTrue(tunneled.pathAfter().contains("HA"), "without route optimization the traffic goes through the home agent");
        assertFalse(m.pathAfter().contains("HA"), "with it, straight between the correspondent and the care-of address: " + m.pathAfter());
        assertTrue(m.latencyAfterNs() < tunneled.latencyAfterNs());
        List<TraceEvent.PacketSent> sent = outcome.trace().ofType(TraceEvent.PacketSent.class);
        long hoti = sent.stream().filter(p -> p.kind() == PacketKind.HOME_TEST_INIT).mapToLong(TraceEvent::timeNs).min().orElseThrow();
        long coti = sent.stream().filter(p -> p.kind() == PacketKind.CARE_OF_TEST_INIT).mapToLong(TraceEvent::timeNs).min().orElseThrow();
        assertTrue(sent.stream().anyMatch(p -> p.kind() == PacketKind.HOME_TEST && p.fromNode().equals("CN")));
        assertTrue(sent.stream().anyMatch(p -> p.kind() == PacketKind.CARE_OF_TEST && p.fromNode().equals("CN")));
        TraceEvent.RouteChanged change = outcome.trace().ofType(TraceEvent.RouteChanged.class).stream()
                .filter(r -> r.router().equals("CN")).findFirst().orElseThrow();
        assertTrue(change.prefix().startsWith(HOME_ADDRESS) && change.nextHop().contains("2001:db8:2:"));
        assertTrue(change.timeNs() > Math.max(hoti, coti), "the path changes after the return routability exchange");
        assertTrue(hasPhase(m, "return routability") && hasPhase(m, "binding update → correspondent"));
        // the home test init goes through the home agent's tunnel, the care-of test init straight
        long hotiId = sent.stream().filter(p -> p.kind() == PacketKind.HOME_TEST_INIT).findFirst().orElseThrow().packetId();
        assertTrue(outcome.trace().ofType(TraceEvent.Decapsulated.class).stream().anyMatch(d -> d.packetId() == hotiId && d.node().equals("HA")));
    }

    @Test
    void thePcapShowsTheMobilityMessagesByNameInTshark(@TempDir Path dir) throws Exception {
        Path tshark = Tools.require("tshark");
        Emulator.Outcome outcome = Emulator.run(withRouteOptimization(paper()), Emulator.Options.defaults(1));
        RunExports.writeCaptures(outcome.captures(), dir);
        String w2 = tshark(tshark, dir.resolve("W2.pcap"), "_ws.col.Info");
        assertTrue(w2.contains("Binding Update"), w2);
        assertTrue(w2.contains("Binding Acknowledgement"));
        assertTrue(w2.contains("Home Test Init") && w2.contains("Care-of Test"));
        String protocols = tshark(tshark, dir.resolve("W2.pcap"), "frame.protocols");
        assertTrue(protocols.contains("eth:ethertype:ipv6:ipv6:udp"), "tunneled probes are IPv6-in-IPv6");
        assertTrue(protocols.contains("ipv6:ipv6.dstopts:mipv6"), "the Binding Update carries the Home Address option");
        String lan = tshark(tshark, dir.resolve("FOREIGN-lan.pcap"), "_ws.col.Info");
        assertTrue(lan.contains("Router Advertisement") && lan.contains("Neighbor Solicitation"));
        for (Path file : List.of(dir.resolve("W2.pcap"), dir.resolve("FOREIGN-lan.pcap"), dir.resolve("HOME-lan.pcap"), dir.resolve("L3.pcap"))) {
            assertFalse(tshark(tshark, file, "_ws.expert.message").toLowerCase().contains("malformed"), file + " has malformed frames");
        }
    }

    static String tshark(Path tshark, Path file, String field) throws Exception {
        Process process = new ProcessBuilder(List.of(tshark.toString(), "-r", file.toString(), "-T", "fields", "-e", field)).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "tshark -r " + file);
        return out;
    }

    @Test
    void backAtHomeTheNodeDeregistersAndIsReachedDirectly() throws Exception {
        Lab lab = paper();
        org.warplab.model.Migration out = lab.migrations().get(0);
        org.warplab.model.Migration back = new org.warplab.model.Migration("MIG2", out.vm(), "HOME", 7_000_000_000L, out.mode(), out.storage(),
                out.downtimeLimitNs(), out.bandwidthCapBps(), out.maxRounds());
        Emulator.Outcome outcome = Emulator.run(lab.withMigrations(List.of(out, back)).withDurationNs(12_000_000_000L),
                Emulator.Options.defaults(1));
        MigrationMetrics home = outcome.result().migrations().get(1);
        assertTrue(home.reachableAfter());
        assertFalse(home.pathAfter().contains("FR"), "no tunnel once home: " + home.pathAfter());
        assertTrue(outcome.trace().ofType(TraceEvent.RuleSwitched.class).stream().anyMatch(r -> r.rule().contains("deleted")));
        assertTrue(home.downtimeNs() < outcome.result().migrations().get(0).downtimeNs(), "no care-of address, no DAD at home");
    }

    @Test
    void theTraceAndResultSurviveJsonWithTheNewEvents(@TempDir Path dir) throws Exception {
        Emulator.Outcome outcome = Emulator.run(withRouteOptimization(paper()), Emulator.Options.defaults(1));
        Path file = dir.resolve("trace.jsonl");
        RunExports.writeTrace(outcome.trace(), file);
        assertEquals(outcome.trace(), RunExports.readTrace(file));
        assertTrue(java.nio.file.Files.readString(file).contains("\"type\":\"encapsulated\""));
        assertEquals(outcome.result(), RunExports.readResult(RunExports.resultJson(outcome.result())));
    }

    @Test
    void theSameSeedGivesTheSameTrace() throws Exception {
        Lab lab = withRouteOptimization(paper());
        List<TraceEvent> a = Emulator.run(lab, Emulator.Options.defaults(3)).trace().events();
        List<TraceEvent> b = Emulator.run(lab, Emulator.Options.defaults(3)).trace().events();
        List<TraceEvent> c = Emulator.run(lab, Emulator.Options.defaults(4)).trace().events();
        assertEquals(a, b);
        assertFalse(a.equals(c), "another seed draws other advertisement intervals");
    }

    @Test
    void aLabWithoutIpv4RunsOnIpv6Alone() throws Exception {
        Lab lab = paper();
        Lab v6only = lab.withNodes(lab.nodes().stream().map(MobileIpv6EmulationTest::withoutIpv4).toList())
                .withLinks(lab.links().stream().map(l -> new Link(l.id(), l.a(), l.b(), l.kind(), l.delayNs(), l.jitterNs(), l.bandwidthBps(),
                        l.lossPercent(), l.mtu(), l.cost(), l.aAddresses().stream().filter(x -> x.family() == org.warplab.model.IpFamily.IPV6).toList(),
                        l.bAddresses().stream().filter(x -> x.family() == org.warplab.model.IpFamily.IPV6).toList())).toList());
        MigrationMetrics m = EmulatorTest.first(v6only);
        assertNotNull(m.switchingTimeNs());
        assertTrue(m.reachableAfter());
        assertEquals(HOME_ADDRESS, m.address());
    }

    private static org.warplab.model.Node withoutIpv4(org.warplab.model.Node node) {
        org.warplab.model.IpFamily v6 = org.warplab.model.IpFamily.IPV6;
        if (node instanceof org.warplab.model.DataCenter dc) {
            return new org.warplab.model.DataCenter(dc.id(), dc.name(), dc.position(), dc.lanPrefixes().stream().filter(p -> p.family() == v6).toList(),
                    dc.gatewayAddresses().stream().filter(a -> a.family() == v6).toList(), dc.gatewayMac(), dc.storage(), dc.capturesAnnouncements());
        } else if (node instanceof org.warplab.model.Vm vm) {
            return new org.warplab.model.Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(), vm.addresses().stream().filter(a -> a.family() == v6).toList(),
                    vm.mac(), vm.memoryMiB(), vm.diskGiB(), vm.dirtyPagesPerSecond(), vm.announce(), vm.runtime());
        } else if (node instanceof org.warplab.model.Client c) {
            return new org.warplab.model.Client(c.id(), c.name(), c.position(), c.addresses().stream().filter(a -> a.family() == v6).toList(),
                    c.gateways().stream().filter(a -> a.family() == v6).toList());
        }
        return node;
    }
}
