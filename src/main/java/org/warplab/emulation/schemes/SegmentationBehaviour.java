package org.warplab.emulation.schemes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.emulation.network.EmulatedNetwork;
import org.warplab.emulation.network.Frame;
import org.warplab.emulation.network.FrameSink;
import org.warplab.emulation.network.Ipv4;
import org.warplab.emulation.network.LanSwitch;
import org.warplab.emulation.network.MigrationRun;
import org.warplab.emulation.network.RouterNode;
import org.warplab.emulation.network.SchemeBehaviour;
import org.warplab.emulation.network.SegmentInterface;
import org.warplab.emulation.network.VmHost;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Link;
import org.warplab.model.SegmentIdKind;
import org.warplab.model.Segmentation;
import org.warplab.model.Vm;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.SegmentGatewaySite;
import org.warplab.scheme.SegmentationScheme;
import org.warplab.scheme.Sites;

/**
 * Segmentation on the emulated network, as {@link SegmentationScheme} lays it out: every endpoint
 * router holds one learning bridge per segment; the bridges of a segment are joined full mesh by
 * VXLAN (VNI = the segment id, real IPv4/UDP 4789 headers across the WAN, split horizon); each
 * data-center LAN carries the segments as 802.1Q VLANs (the segment's VLAN id, or 100 + its
 * position for VNI segments) on its link to the endpoint, with every VM on an access port of its
 * segment's VLAN. The segment's gateway (the data center's gateway IP and MAC) lives on the
 * bridge of the VM's origin site, or on every data-center endpoint; a client edge puts its member
 * clients' traffic to the segment's prefixes straight into the segment. Identical addresses in
 * different segments never meet: each segment has its own broadcast domain and MAC tables. After a
 * move the VM's announcement floods its own segment and moves its MAC in every endpoint's table.
 */
public final class SegmentationBehaviour implements SchemeBehaviour {
    private final Segmentation config;
    private final SegmentationScheme scheme;
    private EmulatedNetwork network;
    /** Endpoint router → (VNI → its bridge for that segment). */
    private final Map<String, Map<Long, LanSwitch>> bridges = new LinkedHashMap<>();
    /** Endpoint router → (remote underlay address → the bridge port of the VXLAN tunnel to it), per VNI. */
    private final Map<String, Map<Long, Map<Integer, Integer>>> tunnelPorts = new HashMap<>();
    private final Map<String, Integer> underlay = new HashMap<>();
    private final Map<Long, VmHost> vmByMac = new HashMap<>();

    public SegmentationBehaviour(Segmentation config) {
        this.config = config;
        this.scheme = new SegmentationScheme(config);
    }

    @Override
    public String label() {
        return "segmentation";
    }

    @Override
    public boolean routesDataCenterPrefixes() {
        return false;
    }

    private String idText(Segmentation.Segment segment) {
        return (config.idKind() == SegmentIdKind.VLAN ? "VLAN " : "VNI ") + segment.id();
    }

    @Override
    public void prepare(EmulatedNetwork network) {
        this.network = network;
        for (String endpoint : config.endpoints()) {
            RouterNode router = network.routers.get(endpoint);
            if (router == null) {
                continue;
            }
            int address = 0;
            for (RouterNode.Port port : router.ports) {
                if (!port.lan && port.ip != 0) {
                    address = port.ip;
                    break;
                }
            }
            if (address == 0) {
                network.notes.add("segmentation: endpoint " + endpoint + " has no IPv4 WAN address to terminate VXLAN tunnels; it carries no segment");
                continue;
            }
            underlay.put(endpoint, address);
        }
        for (Segmentation.Segment segment : config.segments()) {
            for (String endpoint : underlay.keySet()) {
                LanSwitch bridge = new LanSwitch(network.net, endpoint + "/" + segment.name());
                bridges.computeIfAbsent(endpoint, e -> new LinkedHashMap<>()).put(scheme.vni(segment), bridge);
            }
        }
    }

    @Override
    public void install(EmulatedNetwork network) {
        for (Segmentation.Segment segment : config.segments()) {
            long vni = scheme.vni(segment);
            int vlan = scheme.localVlan(segment);
            // VXLAN full mesh between the segment's bridges
            for (String endpoint : underlay.keySet()) {
                LanSwitch bridge = bridges.get(endpoint).get(vni);
                for (String remote : underlay.keySet()) {
                    if (remote.equals(endpoint)) {
                        continue;
                    }
                    int port = bridge.attach(new VxlanTunnel(network.routers.get(endpoint), underlay.get(endpoint), underlay.get(remote), vni,
                            bridge.name + "→" + remote), "vxlan " + remote, true);
                    bridge.setOverlay(port);
                    tunnelPorts.computeIfAbsent(endpoint, e -> new HashMap<>()).computeIfAbsent(vni, v -> new HashMap<>())
                            .put(underlay.get(remote), port);
                }
                network.routers.get(endpoint).ipv4Function = this::tunnelArrived;
            }
            // data-center LANs: the link to the endpoint is a trunk; the segment's VLAN goes to the segment's bridge there
            for (Map.Entry<String, EmulatedNetwork.LanAttachment> entry : network.lanAttachments.entrySet()) {
                RouterNode router = entry.getValue().router();
                if (!underlay.containsKey(router.name)) {
                    continue;
                }
                RouterNode.Port port = router.ports.get(entry.getValue().port());
                network.switches.get(entry.getKey()).setVlan(port.out.receiverPort, LanSwitch.TRUNK);
                if (port.trunk == null) {
                    port.trunk = new HashMap<>();
                }
                LanSwitch bridge = bridges.get(router.name).get(vni);
                int bridgePort = bridge.attach(new TrunkSink(port, vlan), entry.getKey() + " (VLAN " + vlan + ")", true);
                port.trunk.put(vlan, new RouterNode.SegmentPort(bridge, bridgePort));
            }
            for (Vm vm : scheme.vmsOf(network.lab, segment)) {
                VmHost host = network.vms.get(vm.id());
                if (host != null) {
                    host.setAccessVlan(vlan);
                    vmByMac.put(host.mac, host);
                }
            }
            List<Ipv4.Prefix> prefixes = new ArrayList<>();
            for (IpPrefix prefix : scheme.prefixesOf(network.lab, segment)) {
                if (prefix.family() == IpFamily.IPV4) {
                    prefixes.add(Ipv4.Prefix.of(prefix));
                }
            }
            // the segment's gateway, where it lives
            Map<String, SegmentInterface> interfaces = new HashMap<>();
            for (SegmentGatewaySite site : scheme.gateways(network.lab)) {
                if (!site.segment().equals(segment.name()) || site.address().family() != IpFamily.IPV4 || !underlay.containsKey(site.router())) {
                    continue;
                }
                DataCenter dc = Sites.dataCentersAt(network.lab, site.router()).get(0);
                interfaces.put(site.router(), new SegmentInterface(network.net, network.routers.get(site.router()), segment.name(), prefixes,
                        Ipv4.of(site.address()), dc.gatewayMac().bits(), bridges.get(site.router()).get(vni)));
            }
            // client edges: member clients' traffic to the segment's prefixes enters the segment there
            for (Client client : scheme.clientsOf(network.lab, segment)) {
                Optional<Link> lan = Sites.lanLinkOf(network.lab, client.id());
                if (lan.isEmpty()) {
                    continue;
                }
                String edge = lan.get().other(client.id());
                RouterNode router = network.routers.get(edge);
                if (!underlay.containsKey(edge)) {
                    network.notes.add("segmentation: client " + client.id() + " of segment " + segment.name() + " sits behind " + edge
                            + ", which is not a segment endpoint; it cannot reach the segment");
                    continue;
                }
                SegmentInterface entry = interfaces.computeIfAbsent(edge, e -> new SegmentInterface(network.net, router, segment.name(), prefixes,
                        0, network.net.freshMac(), bridges.get(edge).get(vni)));
                if (router.segmentOfClientPort == null) {
                    router.segmentOfClientPort = new HashMap<>();
                }
                for (RouterNode.Port port : router.ports) {
                    if (port.link.equals(lan.get().id())) {
                        router.segmentOfClientPort.put(port.index, entry);
                    }
                }
            }
        }
        for (Map<Long, LanSwitch> perSegment : bridges.values()) {
            for (LanSwitch bridge : perSegment.values()) {
                bridge.learnListener = this::learned;
            }
        }
        for (VmHost vm : network.vms.values()) {
            if (vm.accessVlan == 0) {
                network.notes.add("segmentation: VM " + vm.vm.id() + " is in no segment; its untagged frames do not reach the endpoints");
            }
        }
    }

    /** A VXLAN packet reached an endpoint: unwrap it into the segment's bridge, on the port of the tunnel it came by. */
    private boolean tunnelArrived(RouterNode router, Frame frame, RouterNode.Port in) {
        if (frame.protocol != Frame.PROTOCOL_UDP || frame.destinationPort != org.warplab.wire.Wire.VXLAN_PORT || frame.inner == null) {
            return false;
        }
        Map<Long, Map<Integer, Integer>> byVni = tunnelPorts.get(router.name);
        Integer port = byVni == null || byVni.get(frame.vni) == null ? null : byVni.get(frame.vni).get(frame.sourceIp);
        if (port == null) {
            network.net.drop(frame, router.name, null, "VXLAN VNI " + frame.vni + " from " + Ipv4.text(frame.sourceIp) + " is no segment of " + router.name);
            return true;
        }
        Frame inner = frame.inner;
        inner.path = frame.path;
        if (network.net.tracing()) {
            network.net.trace(new TraceEvent.Decapsulated(network.net.now(), frame.id, router.name, "vxlan VNI " + frame.vni));
        }
        bridges.get(router.name).get(frame.vni).receive(inner, port);
        return true;
    }

    private void learned(LanSwitch bridge, long mac, String port) {
        VmHost vm = vmByMac.get(mac);
        MigrationRun run = vm == null ? null : network.currentRun.get(vm.vm.id());
        if (run != null && run.resumedNs >= 0 && network.net.now() >= run.resumedNs) {
            run.segmentLearnedNs.put(bridge.name, network.net.now());
        }
    }

    @Override
    public void vmResumed(EmulatedNetwork network, MigrationRun run) {
        run.segmentLearnedNs.clear();
        if (network.lanAttachments.get(run.destination.name) == null
                || !underlay.containsKey(network.lanAttachments.get(run.destination.name).router().name)) {
            run.notes.add(run.migration.id() + ": " + run.destination.name + " is not behind a segment endpoint; " + run.vm.vm.id()
                    + " is cut off from its segment there");
        }
    }

    /** Bridges of the VM's segment: all of them must learn where it is now. */
    private int bridgesOf(VmHost vm) {
        return scheme.segmentOf(vm.vm.id()).isPresent() ? underlay.size() : 0;
    }

    @Override
    public Long switchingTimeNs(EmulatedNetwork network, MigrationRun run) {
        int expected = bridgesOf(run.vm);
        if (run.resumedNs < 0 || expected == 0 || run.segmentLearnedNs.size() < expected) {
            return null;
        }
        long last = run.segmentLearnedNs.values().stream().mapToLong(Long::longValue).max().orElse(run.resumedNs);
        return last - run.resumedNs;
    }

    @Override
    public void addPhases(EmulatedNetwork network, MigrationRun run, List<Phase> phases, List<String> notes) {
        if (run.resumedNs < 0) {
            return;
        }
        Optional<Segmentation.Segment> segment = scheme.segmentOf(run.vm.vm.id());
        if (segment.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Long> learned : run.segmentLearnedNs.entrySet()) {
            phases.add(new Phase("announcement → " + learned.getKey() + " (" + idText(segment.get()) + ") learns " + run.vm.vm.id(),
                    run.resumedNs, learned.getValue()));
        }
        int expected = bridgesOf(run.vm);
        if (run.segmentLearnedNs.size() < expected) {
            notes.add(run.migration.id() + ": " + run.segmentLearnedNs.size() + " of " + expected + " endpoints of segment " + segment.get().name()
                    + " learned " + run.vm.vm.id() + "'s new place");
        }
    }

    /** The tagged side of an endpoint's data-center port: frames of one segment leave with its VLAN id. */
    private static final class TrunkSink implements FrameSink {
        private final RouterNode.Port port;
        private final int vlan;

        TrunkSink(RouterNode.Port port, int vlan) {
            this.port = port;
            this.vlan = vlan;
        }

        @Override
        public void send(Frame frame) {
            frame.vlan = vlan;
            port.out.send(frame);
        }

        @Override
        public String linkName() {
            return port.link;
        }
    }

    /** One VXLAN tunnel of a segment bridge: wraps the Ethernet frame into IPv4/UDP 4789/VXLAN to the remote endpoint. */
    private final class VxlanTunnel implements FrameSink {
        private final RouterNode router;
        private final int local;
        private final int remote;
        private final long vni;
        private final String name;

        VxlanTunnel(RouterNode router, int local, int remote, long vni, String name) {
            this.router = router;
            this.local = local;
            this.remote = remote;
            this.vni = vni;
            this.name = name;
        }

        @Override
        public void send(Frame inner) {
            Frame outer = Frame.carrying(inner);
            outer.etherType = Frame.ETHERTYPE_IPV4;
            outer.sourceIp = local;
            outer.destinationIp = remote;
            outer.protocol = Frame.PROTOCOL_UDP;
            // the source port spreads flows (RFC 7348 5); a hash of the inner MACs keeps it stable per pair
            outer.sourcePort = 49152 + (int) ((inner.sourceMac ^ inner.destinationMac) & 0x3fff);
            outer.destinationPort = org.warplab.wire.Wire.VXLAN_PORT;
            outer.ttl = 64;
            outer.inner = inner;
            outer.vni = vni;
            outer.ipBytes = Frame.VXLAN_OVERHEAD_BYTES + inner.frameBytes();
            outer.path = inner.path;
            if (network.net.tracing()) {
                network.net.trace(new TraceEvent.Encapsulated(network.net.now(), inner.id, router.name, "vxlan VNI " + vni,
                        Ipv4.text(local), Ipv4.text(remote)));
            }
            router.route4(outer);
        }

        @Override
        public String linkName() {
            return name;
        }
    }
}
