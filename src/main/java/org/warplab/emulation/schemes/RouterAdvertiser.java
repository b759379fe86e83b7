package org.warplab.emulation.schemes;

import java.util.ArrayList;
import java.util.List;
import org.warplab.emulation.network.EventHandler;
import org.warplab.emulation.network.Frame;
import org.warplab.emulation.network.FrameEncoder;
import org.warplab.emulation.network.Ipv6;
import org.warplab.emulation.network.NetworkContext;
import org.warplab.emulation.network.RouterNode;
import org.warplab.model.Overhead;
import org.warplab.run.PacketKind;

/** radvd on one data-center LAN port: an advertisement of the port's prefix at a random interval in [min, max]. */
final class RouterAdvertiser implements EventHandler {
    private final MobileIpv6Behaviour scheme;
    private final RouterNode router;
    private final RouterNode.Port port;
    private final boolean homeAgentHere;

    RouterAdvertiser(MobileIpv6Behaviour scheme, RouterNode router, RouterNode.Port port, boolean homeAgentHere) {
        this.scheme = scheme;
        this.router = router;
        this.port = port;
        this.homeAgentHere = homeAgentHere;
    }

    void start() {
        scheme.network.net.sim.scheduleIn(nextInterval(), this, 0, null);
    }

    private long nextInterval() {
        long min = Math.max(1, scheme.config.raMinIntervalNs());
        long max = Math.max(min, scheme.config.raMaxIntervalNs());
        return scheme.network.net.overheads.draw(Overhead.ROUTER_ADVERTISEMENT, () -> min + scheme.network.net.sim.random().nextLongInclusive(max - min));
    }

    @Override
    public void handle(int code, Object payload) {
        NetworkContext net = scheme.network.net;
        Frame ra = new Frame();
        ra.id = net.nextPacketId();
        ra.kind = PacketKind.ROUTER_ADVERTISEMENT;
        ra.etherType = Frame.ETHERTYPE_IPV6;
        ra.sourceMac = port.mac;
        ra.destinationMac = Ipv6.multicastMac(Ipv6.ALL_NODES);
        ra.source6 = port.nd.addresses.get(0);
        ra.destination6 = Ipv6.ALL_NODES;
        ra.protocol = Frame.PROTOCOL_ICMPV6;
        ra.icmpType = Frame.ICMPV6_ROUTER_ADVERTISEMENT;
        ra.ttl = 255;
        Ipv6.Prefix prefix = new Ipv6.Prefix(port.ip6, port.prefix6Length).masked();
        ra.target6 = prefix.network();
        ra.prefixLength6 = prefix.length();
        ra.linkLayerOption = port.mac;
        ra.advertisementIntervalMs = scheme.config.raMaxIntervalNs() / 1_000_000;
        ra.homeRegistration = homeAgentHere;
        ra.ipBytes = Frame.IPV6_HEADER_BYTES + FrameEncoder.icmpv6Bytes(Frame.ICMPV6_ROUTER_ADVERTISEMENT, true);
        if (net.tracing()) {
            ra.path = new ArrayList<>(List.of(router.name));
        }
        port.out.send(ra);
        net.sim.scheduleIn(nextInterval(), this, 0, null);
    }
}
