package org.warplab.emulation.network;

import org.warplab.run.PacketKind;

/**
 * ARP on one Ethernet interface as Linux does it: a cache with neighbour unreachability detection
 * ({@link NeighbourCache.Nud}, Linux's default timers), packets waiting for a reply, retries. Like
 * Linux (arp_process with arp_accept 0), an ARP frame from an address the cache holds updates
 * that entry (a gratuitous one included) but creates none; a request to this interface creates or
 * overrides the asker's entry. Unicast frames for another MAC are filtered, as by a NIC.
 */
public final class ArpResolver implements EventHandler {
    /** The lifetime before unreachability detection existed here; kept for a resolution's bookkeeping only. */
    static final long CACHE_LIFETIME_NS = 30_000_000_000L;
    static final long RETRY_NS = 1_000_000_000L;
    static final int ATTEMPTS = 3;
    static final int QUEUE_PER_ADDRESS = 3;

    private final NetworkContext net;
    private final String owner;
    final long mac;
    final int ip;
    public Channel out;
    private final NeighbourCache<Integer> neighbours;

    ArpResolver(NetworkContext net, String owner, long mac, int ip, Channel out) {
        this.net = net;
        this.owner = owner;
        this.mac = mac;
        this.ip = ip;
        this.out = out;
        this.neighbours = new NeighbourCache<>(net, owner, CACHE_LIFETIME_NS, ATTEMPTS, QUEUE_PER_ADDRESS, Ipv4::text,
                new NeighbourCache.Words("ARP", "a reply", "ARP reply", "requests"), NeighbourCache.Nud.LINUX_DEFAULTS, this::probe);
    }

    /** Tells {@code listener} (address, new MAC) whenever a neighbour this interface knew changes MAC. */
    void onNeighbourChanged(java.util.function.BiConsumer<Integer, Long> listener) {
        neighbours.changedListener = listener;
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
        request(target, NetworkContext.BROADCAST_MAC);
    }

    /** Unreachability detection's probe: a request sent to the MAC the cache holds for {@code target}. */
    private void probe(int target, long cachedMac) {
        request(target, cachedMac);
    }

    private void request(int target, long destinationMac) {
        Frame request = new Frame();
        request.id = net.nextPacketId();
        request.kind = PacketKind.ARP_REQUEST;
        request.etherType = Frame.ETHERTYPE_ARP;
        request.sourceMac = mac;
        request.destinationMac = destinationMac;
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
        if (frame.etherType != Frame.ETHERTYPE_ARP || (frame.destinationMac != mac && frame.destinationMac != NetworkContext.BROADCAST_MAC)) {
            return;
        }
        boolean gratuitous = frame.senderIp == frame.targetIp;
        boolean toUs = frame.targetIp == ip && !gratuitous;
        if (!toUs) {
            if (neighbours.knows(frame.senderIp) && frame.senderIp != ip) {
                neighbours.learn(frame.senderIp, frame.senderMac, out, NeighbourCache.Learned.HEARD);
            }
            return;
        }
        if (frame.arpOperation == 1) {
            neighbours.learn(frame.senderIp, frame.senderMac, out, NeighbourCache.Learned.HEARD);
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
        } else if (frame.arpOperation == 2) {
            neighbours.learn(frame.senderIp, frame.senderMac, out, NeighbourCache.Learned.ANSWER);
        }
    }
}
