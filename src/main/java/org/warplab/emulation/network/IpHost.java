package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Ipv6Address;
import org.warplab.run.PacketKind;

/**
 * A host with one Ethernet interface: an IPv4 address (0 when it has none) with ARP, and IPv6
 * addresses with neighbour discovery when it has any. It resolves its next hop (the gateway for
 * anything off-link) and hands packets addressed to it to {@link #onPacket}.
 */
public abstract class IpHost implements FrameReceiver {
    public final NetworkContext net;
    public final String name;
    public final int ip;
    final int prefixLength;
    public final long mac;
    final int gatewayIp;
    public final ArpResolver arp;
    /** IPv6 of the interface, or null when the host has no IPv6. */
    public NeighborDiscovery nd;
    /** The on-link IPv6 prefixes and the default router. */
    public final List<Ipv6.Prefix> onLink6 = new ArrayList<>();
    public Ipv6Address gateway6;
    /** Mobile IPv6 on this host (mobile node or correspondent), or null. */
    public MobilityAgent agent;

    /** What Mobile IPv6 adds to a host's IPv6 stack: it may rewrite what leaves, take what arrives, and follow router advertisements. */
    public interface MobilityAgent {
        /** The packet to send instead of {@code frame} (tunneled, with a home address option...), or null when the agent holds it back. */
        Frame outgoing(Frame frame);

        /** The packet for the host's programs (untunneled...), or null when the agent consumed it. */
        Frame incoming(Frame frame);

        /** Whether the packet is for this host although none of its interface addresses is the destination (its home address). */
        boolean accepts(Frame frame);

        void routerAdvertisement(Frame frame);
    }

    public IpHost(NetworkContext net, String name, int ip, int prefixLength, long mac, int gatewayIp) {
        this.net = net;
        this.name = name;
        this.ip = ip;
        this.prefixLength = prefixLength;
        this.mac = mac;
        this.gatewayIp = gatewayIp;
        this.arp = new ArpResolver(net, name, mac, ip, null);
    }

    /** Gives the host IPv6: {@code address} on {@code prefix}, {@code gateway} as default router. */
    void enableIpv6(Ipv6Address address, Ipv6.Prefix prefix, Ipv6Address gateway) {
        nd = new NeighborDiscovery(net, name, mac, false, arp.out);
        nd.addresses.add(address);
        onLink6.add(prefix);
        gateway6 = gateway;
    }

    public void setUplink(Channel uplink) {
        arp.out = uplink;
        if (nd != null) {
            nd.out = uplink;
        }
    }

    protected void sendIp(Frame frame) {
        if (frame.isIpv6()) {
            sendIp6(frame);
            return;
        }
        int nextHop = Ipv4.contains(ip & Ipv4.mask(prefixLength), prefixLength, frame.destinationIp) ? frame.destinationIp : gatewayIp;
        arp.send(nextHop, frame);
    }

    public void sendIp6(Frame frame) {
        if (agent != null && nd != null) {
            frame = agent.outgoing(frame);
            if (frame == null) {
                return;
            }
        }
        route6(frame);
    }

    /** Sends an IPv6 packet as it is: on-link to the destination, else to the default router. */
    public void route6(Frame frame) {
        if (nd == null) {
            net.drop(frame, name, null, name + " has no IPv6 address");
            return;
        }
        Ipv6Address nextHop = frame.destination6;
        boolean onLink = false;
        for (Ipv6.Prefix prefix : onLink6) {
            onLink |= prefix.contains(nextHop);
        }
        if (!onLink) {
            if (gateway6 == null) {
                net.drop(frame, name, null, name + " has no IPv6 default router");
                return;
            }
            nextHop = gateway6;
        }
        nd.send(nextHop, frame);
    }

    @Override
    public void receive(Frame frame, int port) {
        boolean multicast = (frame.destinationMac & 0x0100_0000_0000L) != 0;
        if (frame.destinationMac != mac && !multicast) {
            return; // a flooded copy meant for someone else: the NIC filters it
        }
        if (frame.etherType == Frame.ETHERTYPE_ARP) {
            arp.receive(frame);
        } else if (frame.isIpv4()) {
            if (multicast) {
                return;
            }
            if (frame.destinationIp == ip && ip != 0) {
                onPacket(frame);
            } else {
                net.drop(frame, name, null, "addressed to " + Ipv4.text(frame.destinationIp) + ", not to " + name + " (" + Ipv4.text(ip) + ")");
            }
        } else if (frame.isIpv6() && nd != null) {
            if (nd.receive(frame)) {
                return;
            }
            if (frame.protocol == Frame.PROTOCOL_ICMPV6 && frame.icmpType == Frame.ICMPV6_ROUTER_ADVERTISEMENT) {
                onRouterAdvertisement(frame);
                return;
            }
            if (multicast) {
                return;
            }
            if (accepts6(frame)) {
                onPacket6(frame);
            } else {
                net.drop(frame, name, null, "addressed to " + frame.destination6 + ", which " + name + " does not hold");
            }
        }
    }

    /** Whether an IPv6 packet is for this host. */
    boolean accepts6(Frame frame) {
        return nd.holds(frame.destination6) || (agent != null && agent.accepts(frame));
    }

    /** An IPv6 packet addressed to the host: through the mobility agent, then the same programs as for IPv4. */
    void onPacket6(Frame frame) {
        if (agent != null) {
            frame = agent.incoming(frame);
            if (frame == null) {
                return;
            }
        }
        onPacket(frame);
    }

    /** A router advertisement heard on the link; plain hosts keep their configured router. */
    void onRouterAdvertisement(Frame frame) {
        if (agent != null) {
            agent.routerAdvertisement(frame);
        }
    }

    protected abstract void onPacket(Frame frame);

    protected Frame newIpFrame(PacketKind kind, int destination, int protocol, int ipBytes) {
        Frame frame = newFrame(kind, Frame.ETHERTYPE_IPV4, protocol, ipBytes);
        frame.sourceIp = ip;
        frame.destinationIp = destination;
        return frame;
    }

    /** An IPv6 packet from {@code source}: {@code ipBytes} counts the 40-byte header and what follows. */
    public Frame newIp6Frame(PacketKind kind, Ipv6Address source, Ipv6Address destination, int protocol, int ipBytes) {
        Frame frame = newFrame(kind, Frame.ETHERTYPE_IPV6, protocol, ipBytes);
        frame.source6 = source;
        frame.destination6 = destination;
        return frame;
    }

    /** A fresh packet of this host, numbered, and with its path started when the run is traced. */
    private Frame newFrame(PacketKind kind, int etherType, int protocol, int ipBytes) {
        Frame frame = new Frame();
        frame.id = net.nextPacketId();
        frame.kind = kind;
        frame.etherType = etherType;
        frame.protocol = protocol;
        frame.ttl = 64;
        frame.ipBytes = ipBytes;
        if (net.recordPaths) {
            frame.path = new ArrayList<>();
            frame.path.add(name);
        }
        return frame;
    }

    /** The reply to a probe or ping: same flow and sequence, addresses swapped, the request's path continued. */
    Frame replyTo(Frame request, PacketKind replyKind) {
        Frame reply;
        if (request.isIpv6()) {
            Ipv6Address from = request.routingHomeAddress != null ? request.routingHomeAddress : request.destination6;
            Ipv6Address to = request.homeAddressOption != null ? request.homeAddressOption : request.source6;
            int bytes = request.ipBytes - FrameEncoder.extensionBytes(request);
            reply = newIp6Frame(replyKind, from, to, request.protocol, bytes);
            reply.icmpType = request.icmpType == Frame.ICMPV6_ECHO_REQUEST ? Frame.ICMPV6_ECHO_REPLY : request.icmpType;
        } else {
            reply = newIpFrame(replyKind, request.sourceIp, request.protocol, request.ipBytes);
        }
        reply.sourcePort = request.destinationPort;
        reply.destinationPort = request.sourcePort;
        reply.flow = request.flow;
        reply.sequence = request.sequence;
        reply.probeSentNs = request.probeSentNs;
        if (request.path != null) {
            reply.path = request.path;
        }
        return reply;
    }
}
