package org.warplab.emulation;

/**
 * A host with one Ethernet interface and one IPv4 address: a client, a VM, the capture program's
 * machine. It answers ARP, resolves its next hop (the gateway for anything off its subnet), and
 * hands IPv4 packets addressed to it to {@link #onPacket}.
 */
abstract class IpHost implements FrameReceiver {
    final NetworkContext net;
    final String name;
    final int ip;
    final int prefixLength;
    final long mac;
    final int gatewayIp;
    final ArpResolver arp;

    IpHost(NetworkContext net, String name, int ip, int prefixLength, long mac, int gatewayIp) {
        this.net = net;
        this.name = name;
        this.ip = ip;
        this.prefixLength = prefixLength;
        this.mac = mac;
        this.gatewayIp = gatewayIp;
        this.arp = new ArpResolver(net, name, mac, ip, null);
    }

    void setUplink(Channel uplink) {
        arp.out = uplink;
    }

    void sendIp(Frame frame) {
        int nextHop = Ipv4.contains(ip & Ipv4.mask(prefixLength), prefixLength, frame.destinationIp) ? frame.destinationIp : gatewayIp;
        arp.send(nextHop, frame);
    }

    @Override
    public void receive(Frame frame, int port) {
        if (frame.destinationMac != mac && frame.destinationMac != NetworkContext.BROADCAST_MAC) {
            return; // a flooded copy meant for someone else: the NIC filters it
        }
        if (frame.etherType == Frame.ETHERTYPE_ARP) {
            arp.receive(frame);
        } else if (frame.isIpv4()) {
            if (frame.destinationIp == ip) {
                onPacket(frame);
            } else {
                net.drop(frame, name, null, "addressed to " + Ipv4.text(frame.destinationIp) + ", not to " + name + " (" + Ipv4.text(ip) + ")");
            }
        }
    }

    abstract void onPacket(Frame frame);

    Frame newIpFrame(org.warplab.run.PacketKind kind, int destination, int protocol, int ipBytes) {
        Frame frame = new Frame();
        frame.id = net.nextPacketId();
        frame.kind = kind;
        frame.etherType = Frame.ETHERTYPE_IPV4;
        frame.sourceIp = ip;
        frame.destinationIp = destination;
        frame.protocol = protocol;
        frame.ttl = 64;
        frame.ipBytes = ipBytes;
        if (net.tracing()) {
            frame.path = new java.util.ArrayList<>();
            frame.path.add(name);
        }
        return frame;
    }
}
