package org.warplab.emulation.network;

import java.util.List;

/**
 * A router's interface into one segment's bridge: the segment's gateway (its IP and MAC) where the
 * gateway lives, or, at a client edge, the way its member clients' traffic enters the segment
 * (no address of its own; it resolves the VMs by ARP inside the segment). IPv4 packets that reach
 * its MAC for other addresses are routed on by the router.
 */
public final class SegmentInterface implements FrameReceiver {
    final NetworkContext net;
    final RouterNode router;
    final String name;
    final List<Ipv4.Prefix> prefixes;
    final int ip;
    final long mac;
    final ArpResolver arp;

    public SegmentInterface(NetworkContext net, RouterNode router, String segment, List<Ipv4.Prefix> prefixes, int ip, long mac, LanSwitch bridge) {
        this.net = net;
        this.router = router;
        this.name = router.name + "/" + segment;
        this.prefixes = List.copyOf(prefixes);
        this.ip = ip;
        this.mac = mac;
        Channel toInterface = Channel.virtual(net, name, bridge.name, name);
        toInterface.receiver = this;
        Channel fromInterface = Channel.virtual(net, name, name, bridge.name);
        fromInterface.receiver = bridge;
        fromInterface.receiverPort = bridge.attach(toInterface, router.name, true);
        bridge.addStatic(mac, 0, fromInterface.receiverPort);
        this.arp = new ArpResolver(net, name, mac, ip, fromInterface);
    }

    /** Whether {@code address} is in the segment's prefixes. */
    boolean serves(int address) {
        for (Ipv4.Prefix prefix : prefixes) {
            if (prefix.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Sends an IPv4 packet into the segment, to the host that holds its destination. */
    void send(Frame frame) {
        arp.send(frame.destinationIp, frame);
    }

    @Override
    public void receive(Frame frame, int port) {
        if (frame.destinationMac != mac && frame.destinationMac != NetworkContext.BROADCAST_MAC) {
            return;
        }
        if (frame.etherType == Frame.ETHERTYPE_ARP) {
            arp.receive(frame);
            return;
        }
        if (!frame.isIpv4() || frame.destinationMac != mac) {
            return;
        }
        if (ip != 0 && frame.destinationIp == ip) {
            net.drop(frame, router.name, null, "addressed to the segment gateway " + name + " itself, which runs no program for it");
            return;
        }
        if (--frame.ttl <= 0) {
            net.drop(frame, router.name, null, "TTL expired");
            return;
        }
        router.route4(frame);
    }
}
