package org.warplab.emulation.schemes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.emulation.network.Channel;
import org.warplab.emulation.network.EmulatedNetwork;
import org.warplab.emulation.network.EventHandler;
import org.warplab.emulation.network.Frame;
import org.warplab.emulation.network.IntIntMap;
import org.warplab.emulation.network.IpHost;
import org.warplab.emulation.network.Ipv4;
import org.warplab.emulation.network.LanSwitch;
import org.warplab.emulation.network.MigrationRun;
import org.warplab.emulation.network.RouterNode;
import org.warplab.emulation.network.SchemeBehaviour;
import org.warplab.emulation.network.VmHost;
import org.warplab.model.AnnounceTrigger;
import org.warplab.model.DataCenter;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.NetworkPaging;
import org.warplab.model.Overhead;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.NetworkPagingScheme;

/**
 * Network paging (paper 000): server-edge translators (S ↔ S', S'', ...), client-edge translators
 * with a per-VM location table, and a capture program on each watching data-center LAN that, on
 * the first announcement of a VM that arrived there, sends a configuration message across the
 * WAN to every client-edge translator.
 */
public final class NetworkPagingBehaviour implements SchemeBehaviour {
    static final int CONFIG_PORT = 40999;
    private static final int CONFIG_MESSAGE_BYTES = 64;

    private final NetworkPaging config;
    /** Data center → its server-edge translation (LAN prefix → WAN prefix). */
    private final Map<String, NetworkPaging.Translation> translationOf = new HashMap<>();
    /** Where the control plane believes each VM is (updated by announcements). */
    private final Map<String, String> knownLocation = new HashMap<>();
    private final List<RouterNode> clientEdges = new ArrayList<>();

    public NetworkPagingBehaviour(NetworkPaging config) {
        this.config = config;
    }

    @Override
    public String label() {
        return "network paging";
    }

    @Override
    public boolean hasSwitching() {
        return true;
    }

    private void index(EmulatedNetwork network) throws IllegalStateException {
        if (!translationOf.isEmpty()) {
            return;
        }
        for (NetworkPaging.Translation translation : config.serverEdges()) {
            for (Map.Entry<String, EmulatedNetwork.LanAttachment> entry : network.lanAttachments.entrySet()) {
                DataCenter dc = network.lab.node(entry.getKey(), DataCenter.class).orElseThrow();
                if (entry.getValue().router().name.equals(translation.router()) && dc.lanPrefixes().contains(translation.lanPrefix())) {
                    translationOf.put(dc.id(), translation);
                }
            }
        }
    }

    @Override
    public Optional<Ipv4.Prefix> wanPrefixOf(String dataCenter, Ipv4.Prefix lanPrefix) {
        NetworkPaging.Translation translation = translationOf.get(dataCenter);
        if (translation == null || translation.wanPrefix().family() != IpFamily.IPV4) {
            return Optional.empty();
        }
        return Optional.of(Ipv4.Prefix.of(translation.wanPrefix()));
    }

    /** Before routes are computed, so advertised prefixes follow the translations. */
    @Override
    public void prepare(EmulatedNetwork network) {
        index(network);
    }

    @Override
    public void install(EmulatedNetwork network) {
        index(network);
        List<Ipv4.Prefix[]> reverse = new ArrayList<>();
        for (Map.Entry<String, NetworkPaging.Translation> entry : translationOf.entrySet()) {
            NetworkPaging.Translation translation = entry.getValue();
            if (translation.lanPrefix().family() != IpFamily.IPV4) {
                continue;
            }
            Ipv4.Prefix lan = Ipv4.Prefix.of(translation.lanPrefix());
            Ipv4.Prefix wan = Ipv4.Prefix.of(translation.wanPrefix());
            EmulatedNetwork.LanAttachment attachment = network.lanAttachments.get(entry.getKey());
            attachment.router().serverEdge = new RouterNode.ServerEdge(attachment.port(), lan, wan);
            reverse.add(new Ipv4.Prefix[] {wan, lan});
        }
        for (String id : config.clientEdges()) {
            RouterNode router = network.routers.get(id);
            if (router == null) {
                continue;
            }
            router.location = new IntIntMap();
            router.reverse = reverse;
            router.switchProcessingNs = config.switchProcessingNs();
            router.switchListener = (r, message) -> {
                if (message.migration() != null) {
                    message.migration().switchedNs.putIfAbsent(r.name, r.net.now());
                }
            };
            for (VmHost vm : network.vms.values()) {
                router.location.put(vm.ip, destinationFor(vm.ip, vm.dataCenter));
            }
            clientEdges.add(router);
        }
        for (VmHost vm : network.vms.values()) {
            knownLocation.put(vm.vm.id(), vm.dataCenter);
        }
        Map<Long, VmHost> byMac = new LinkedHashMap<>();
        network.vms.values().forEach(vm -> byMac.put(vm.mac, vm));
        for (DataCenter dc : network.lab.dataCenters()) {
            LanSwitch lan = network.switches.get(dc.id());
            Optional<IpPrefix> prefix = dc.lanPrefix(IpFamily.IPV4);
            if (!dc.capturesAnnouncements() || lan == null || prefix.isEmpty() || dc.gatewayAddress(IpFamily.IPV4).isEmpty()) {
                continue;
            }
            Ipv4.Prefix p = Ipv4.Prefix.of(prefix.get());
            int captureIp = p.network() | (~Ipv4.mask(p.length()) - 1);
            CaptureProgram program = new CaptureProgram(network, dc.id(), captureIp, p.length(),
                    Ipv4.of(dc.gatewayAddress(IpFamily.IPV4).get()), byMac);
            Channel toHost = Channel.virtual(network.net, dc.id() + ":capture", dc.id(), program.name);
            toHost.receiver = program;
            Channel fromHost = Channel.virtual(network.net, dc.id() + ":capture", program.name, dc.id());
            fromHost.receiver = lan;
            fromHost.receiverPort = lan.attach(toHost, program.name, true);
            program.setUplink(fromHost);
            lan.addTap(program);
        }
    }

    /** Where live mode sends the edge's configuration messages too (the same links crossed). */
    private static int configurationAddress(Lab lab, RouterNode edge) {
        return NetworkPagingScheme.configurationAddress(lab, edge.name).map(Ipv4::of).orElseGet(edge::controlAddress);
    }

    /** Where a client edge sends {@code vmIp} while the VM is in {@code dataCenter}: its WAN address there, or itself. */
    private int destinationFor(int vmIp, String dataCenter) {
        NetworkPaging.Translation translation = translationOf.get(dataCenter);
        if (translation == null || translation.lanPrefix().family() != IpFamily.IPV4) {
            return vmIp;
        }
        Ipv4.Prefix lan = Ipv4.Prefix.of(translation.lanPrefix());
        Ipv4.Prefix wan = Ipv4.Prefix.of(translation.wanPrefix());
        return lan.contains(vmIp) ? Ipv4.translate(vmIp, wan.network(), wan.length()) : vmIp;
    }

    private boolean triggers(PacketKind kind) {
        AnnounceTrigger trigger = config.trigger();
        return (kind == PacketKind.RARP && trigger != AnnounceTrigger.GARP) || (kind == PacketKind.GARP && trigger != AnnounceTrigger.RARP);
    }

    /** The capture program's machine on a data-center LAN: watches announcements, sends configuration messages. */
    private final class CaptureProgram extends IpHost implements LanSwitch.Tap, EventHandler {
        private final EmulatedNetwork network;
        private final String dataCenter;
        private final Map<Long, VmHost> byMac;

        CaptureProgram(EmulatedNetwork network, String dataCenter, int ip, int prefixLength, int gateway, Map<Long, VmHost> byMac) {
            super(network.net, dataCenter + "-capture", ip, prefixLength, network.net.freshMac(), gateway);
            this.network = network;
            this.dataCenter = dataCenter;
            this.byMac = byMac;
        }

        @Override
        protected void onPacket(Frame frame) {
            net.drop(frame, name, null, "the capture program takes no packets");
        }

        @Override
        public void seen(Frame frame, LanSwitch lan) {
            if (!triggers(frame.kind)) {
                return;
            }
            VmHost vm = byMac.get(frame.sourceMac);
            if (vm == null || dataCenter.equals(knownLocation.get(vm.vm.id()))) {
                return;
            }
            knownLocation.put(vm.vm.id(), dataCenter);
            MigrationRun run = network.currentRun.get(vm.vm.id());
            if (run != null && run.announcementSeenNs < 0) {
                run.announcementSeenNs = net.now();
            }
            net.trace(new TraceEvent.AnnouncementSeen(net.now(), dataCenter, vm.vm.id(), frame.kind));
            net.sim.scheduleIn(net.overheads.draw(Overhead.CAPTURE, config.captureProcessingNs()), this, 0, vm);
        }

        /** After the processing delay: one configuration message to every client-edge translator. */
        @Override
        public void handle(int code, Object payload) {
            VmHost vm = (VmHost) payload;
            MigrationRun run = network.currentRun.get(vm.vm.id());
            if (run != null && run.configSentNs < 0) {
                run.configSentNs = net.now();
            }
            for (RouterNode edge : clientEdges) {
                Frame message = newIpFrame(PacketKind.CONFIG, configurationAddress(network.lab, edge), Frame.PROTOCOL_UDP, CONFIG_MESSAGE_BYTES);
                message.sourcePort = CONFIG_PORT;
                message.destinationPort = CONFIG_PORT;
                message.control = new RouterNode.ConfigMessage(vm.vm.id(), vm.ip, destinationFor(vm.ip, dataCenter), dataCenter, run);
                sendIp(message);
            }
        }
    }
}
