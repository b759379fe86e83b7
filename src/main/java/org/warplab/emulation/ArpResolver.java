package org.warplab.emulation;

import org.warplab.run.PacketKind;

/**
 * ARP on one Ethernet interface: a cache with a lifetime, packets waiting for a reply, retries.
 * Like Linux, a gratuitous ARP refreshes an entry the cache already holds but creates none.
 */
final class ArpResolver implements EventHandler {
    static final long CACHE_LIFETIME_NS = 30_000_000_000L;
    static final long RETRY_NS = 1_000_000_000L;
    static final int ATTEMPTS = 3;
    static final int QUEUE_PER_ADDRESS = 3;

    private final NetworkContext net;
    private final String owner;
    final long mac;
    final int ip;
    Channel out;
    private final NeighbourCache<Integer> neighbours;

    ArpResolver(NetworkContext net, String owner, long mac, int ip, Channel out) {
        this.net = net;
        this.owner = owner;
        this.mac = mac;
        this.ip = ip;
        this.out = out;
        this.neighbours = new NeighbourCache<>(net, owner, CACHE_LIFETIME_NS, ATTEMPTS, QUEUE_PER_ADDRESS, Ipv4::text,
                new NeighbourCache.Words("ARP", "a reply", "ARP reply", "requests"));
    }

    /** Sends {@code frame} to the host {@code nextHop} on this interface, resolving its MAC first if needed. */
    void send(int nextHop, Frame frame) {
        frame.sourceMac = mac;
        if (neighbours.send(nextHop, frame, out)) {
            request(nextHop);
            net.sim.scheduleIn(RETRY_NS, this, nextHop, null);
        }
    }

    private void request(int target) {
        Frame request = new Frame();
        request.id = net.nextPacketId();
        request.kind = PacketKind.ARP_REQUEST;
        request.etherType = Frame.ETHERTYPE_ARP;
        request.sourceMac = mac;
        request.destinationMac = NetworkContext.BROADCAST_MAC;
        request.arpOperation = 1;
        request.senderMac = mac;
        request.senderIp = ip;
        request.targetIp = target;
        if (net.tracing()) {
            request.path = new java.util.ArrayList<>(java.util.List.of(owner));
        }
        out.send(request);
    }

    /** Retry timer: {@code code} is the address asked for. */
    @Override
    public void handle(int target, Object payload) {
        if (neighbours.retry(target)) {
            request(target);
            net.sim.scheduleIn(RETRY_NS, this, target, null);
        }
    }

    /** Handles an ARP frame that reached this interface. */
    void receive(Frame frame) {
        if (frame.etherType != Frame.ETHERTYPE_ARP) {
            return;
        }
        boolean gratuitous = frame.senderIp == frame.targetIp;
        if (gratuitous) {
            if (neighbours.knows(frame.senderIp) && frame.senderIp != ip) {
                neighbours.learn(frame.senderIp, frame.senderMac, out);
            }
            return;
        }
        if (frame.arpOperation == 1 && frame.targetIp == ip) {
            neighbours.learn(frame.senderIp, frame.senderMac, out);
            Frame reply = new Frame();
            reply.id = net.nextPacketId();
            reply.kind = PacketKind.ARP_REPLY;
            reply.etherType = Frame.ETHERTYPE_ARP;
            reply.sourceMac = mac;
            reply.destinationMac = frame.senderMac;
            reply.arpOperation = 2;
            reply.senderMac = mac;
            reply.senderIp = ip;
            reply.targetMac = frame.senderMac;
            reply.targetIp = frame.senderIp;
            if (net.tracing()) {
                reply.path = new java.util.ArrayList<>(java.util.List.of(owner));
            }
            out.send(reply);
        } else if (frame.arpOperation == 2 && frame.targetIp == ip) {
            neighbours.learn(frame.senderIp, frame.senderMac, out);
        }
    }
}
