package org.warplab.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.warplab.live.agent.AgentArguments;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.DataCenter;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.Vm;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.NetworkPagingScheme;

/**
 * Network paging live: a switcher on each client edge with the switch lines the generator wrote,
 * a watcher (the capture program) on each capturing data center's LAN; per move, the
 * announcement seen, each configuration message and rule switch, and the switching time.
 */
record PagingLiveScheme(NetworkPagingScheme scheme) implements LiveScheme {

    static final int SWITCH_PORT = 40999;

    /** Switchers on the client edges, then watchers on the capturing LANs (each after giving itself an address there). */
    @Override
    public List<AgentLaunch> agents(AgentSite site) throws IOException {
        Lab lab = site.lab();
        Map<String, List<String>> rulesByEdge = new LinkedHashMap<>();
        Map<String, String> edgeAddress = new LinkedHashMap<>();
        for (Migration migration : lab.migrations()) {
            Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
            IpAddress address = vm.address(IpFamily.IPV4).orElseThrow();
            Path after = site.configDir().resolve("after-" + migration.id());
            try (var devices = Files.list(after)) {
                for (Path device : devices.toList()) {
                    Path switchFile = device.resolve("nft").resolve("switch-" + migration.id() + ".nft");
                    if (Files.exists(switchFile)) {
                        String rule = Files.readAllLines(switchFile).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                                .collect(Collectors.joining("; "));
                        rulesByEdge.computeIfAbsent(device.getFileName().toString(), k -> new ArrayList<>())
                                .add(AgentArguments.encode(new AgentArguments.SwitchRule(address.toString(), migration.to(), rule)));
                    }
                }
            }
        }
        List<AgentLaunch> launches = new ArrayList<>();
        for (String edge : rulesByEdge.keySet()) {
            edgeAddress.put(edge, reachableAddress(lab, edge));
            List<String> args = new ArrayList<>(List.of("--port", String.valueOf(SWITCH_PORT), "--nft", site.tools().path("nft")));
            rulesByEdge.get(edge).forEach(r -> args.addAll(List.of("--rule", r)));
            launches.add(new AgentLaunch(LiveSignalTrace.SWITCHER_AGENT + edge, edge, AgentLaunch.SWITCHER, args));
        }
        for (DataCenter dc : lab.dataCenters()) {
            if (!dc.capturesAnnouncements()) {
                continue;
            }
            IpPrefix lan = dc.lanPrefix(IpFamily.IPV4).orElseThrow();
            IpAddress host = lan.host(lan.size().longValueExact() - 2);
            IpAddress gateway = dc.gatewayAddress(IpFamily.IPV4).orElseThrow();
            // the capture program's own address on the LAN, to send its messages across the WAN
            Command address = new Command(List.of(site.tools().path("ip"), "-n", site.names().namespace(dc.id()), "-batch", "-"),
                    "address add " + host + "/" + lan.length() + " dev " + InterfaceNames.DATA_CENTER_BRIDGE + "\n"
                            + "route add default via " + gateway + " dev " + InterfaceNames.DATA_CENTER_BRIDGE + "\n", Command.DEFAULT_TIMEOUT);
            List<String> args = new ArrayList<>(List.of("--device", InterfaceNames.DATA_CENTER_BRIDGE, "--location", dc.id(), "--trigger",
                    scheme.config().trigger().key()));
            for (Vm vm : lab.vms()) {
                vm.address(IpFamily.IPV4).ifPresent(a -> args.addAll(List.of("--vm", AgentArguments.encode(new AgentArguments.WatchedVm(vm.mac().toString(), a.toString())))));
            }
            edgeAddress.values().forEach(a -> args.addAll(List.of("--notify", a + ":" + SWITCH_PORT)));
            launches.add(new AgentLaunch(LiveSignalTrace.WATCHER_AGENT + dc.id(), dc.id(), "watcher", args, List.of(address)));
        }
        return launches;
    }

    /** An address of {@code router} every site can reach: its address on a client site it serves, else a WAN address. */
    private static String reachableAddress(Lab lab, String router) {
        return NetworkPagingScheme.configurationAddress(lab, router).map(Object::toString)
                .orElseThrow(() -> new IllegalStateException("client edge " + router + " has no IPv4 address to send switch messages to"));
    }

    /** From the first announcement a watcher saw after the pause: each edge's configuration message and rule switch. */
    @Override
    public LiveMeasurement.SchemeFigures measure(LiveMeasurement.Move move) {
        MigrationWindow w = move.window();
        long windowEnd = move.windowEnd();
        Vm vm = move.vm();
        Optional<AgentEvent> seen = move.agents(LiveSignalTrace.WATCHER_AGENT).values().stream().flatMap(List::stream)
                .filter(e -> e.is(AgentEvent.Kind.ANNOUNCEMENT_SEEN) && e.timeNs() >= w.pausedNs() && e.timeNs() < windowEnd)
                .min(Comparator.comparingLong(AgentEvent::timeNs));
        if (seen.isEmpty()) {
            Optional<AgentEvent> announced = move.agent(LivePacketTrace.ECHO_AGENT + vm.id()).flatMap(list -> list.stream()
                    .filter(e -> e.is(AgentEvent.Kind.ANNOUNCED) && e.timeNs() >= w.resumedNs()).findFirst());
            move.note(move.migration().id() + ": no capture program saw the VM's announcement"
                    + (announced.isEmpty() && !move.qemu() ? " (none was sent)" : ""));
            return LiveMeasurement.SchemeFigures.NONE;
        }
        long seenAt = seen.get().timeNs();
        move.phases().add(new Phase("announce (until seen by the capture program)", move.rel(Math.min(w.resumedNs(), seenAt)), move.rel(seenAt)));
        move.event(new TraceEvent.AnnouncementSeen(move.rel(seenAt), seen.get().text("location"), vm.id(),
                seen.get().text("kind").equals("garp") ? PacketKind.GARP : PacketKind.RARP));
        long lastSwitch = seenAt;
        for (Map.Entry<String, List<AgentEvent>> switcher : move.agents(LiveSignalTrace.SWITCHER_AGENT).entrySet()) {
            Optional<AgentEvent> switched = switcher.getValue().stream()
                    .filter(e -> e.is(AgentEvent.Kind.RULE_SWITCHED) && e.timeNs() >= seenAt && e.timeNs() < windowEnd).findFirst();
            if (switched.isPresent()) {
                long received = switched.get().number("received");
                move.phases().add(new Phase("config message -> " + switcher.getKey(), move.rel(seenAt), move.rel(received)));
                move.phases().add(new Phase("rule switch " + switcher.getKey(), move.rel(received), move.rel(switched.get().timeNs())));
                move.event(new TraceEvent.RuleSwitched(move.rel(switched.get().timeNs()), switcher.getKey(), vm.id(), switched.get().text("rule")));
                lastSwitch = Math.max(lastSwitch, switched.get().timeNs());
            }
        }
        return new LiveMeasurement.SchemeFigures(lastSwitch - seenAt, 0);
    }
}
