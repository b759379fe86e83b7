package org.warplab.emulation;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/**
 * ARP on one Ethernet interface: a cache with a lifetime, packets waiting for a reply, retries.
 * Like Linux, a gratuitous ARP refreshes an entry the cache already holds but creates none.
 */
final class ArpResolver implements EventHandler {
    static final long CACHE_LIFETIME_NS = 30_000_000_000L;
    static final long RETRY_NS = 1_000_000_000L;
    static final int ATTEMPTS = 3;
    static final int QUEUE_PER_ADDRESS = 3;

    private record Entry(long mac, long expiresNs) { }

    private final NetworkContext net;
    private final String owner;
    final long mac;
    final int ip;
    Channel out;
    private final Map<Integer, Entry> cache = new HashMap<>();
    private final Map<Integer, ArrayDeque<Frame>> pending = new HashMap<>();
    private final Map<Integer, Integer> attempts = new HashMap<>();

    ArpResolver(NetworkContext net, String owner, long mac, int ip, Channel out) {
        this.net = net;
        this.owner = owner;
        this.mac = mac;
        this.ip = ip;
        this.out = out;
    }

    /** Sends {@code frame} to the host {@code nextHop} on this interface, resolving its MAC first if needed. */
    void send(int nextHop, Frame frame) {
        frame.sourceMac = mac;
        Entry entry = cache.get(nextHop);
        if (entry != null && entry.expiresNs > net.now()) {
            frame.destinationMac = entry.mac;
            out.send(frame);
            return;
        }
        ArrayDeque<Frame> queue = pending.computeIfAbsent(nextHop, k -> new ArrayDeque<>());
        if (queue.size() >= QUEUE_PER_ADDRESS) {
            net.drop(frame, owner, null, "ARP queue for " + Ipv4.text(nextHop) + " full while waiting for a reply");
            return;
        }
        queue.add(frame);
        if (!attempts.containsKey(nextHop)) {
            attempts.put(nextHop, 1);
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
        if (!pending.containsKey(target)) {
            attempts.remove(target);
            return;
        }
        int done = attempts.getOrDefault(target, 0);
        if (done >= ATTEMPTS) {
            for (Frame waiting : pending.remove(target)) {
                net.drop(waiting, owner, null, "no ARP reply from " + Ipv4.text(target) + " after " + ATTEMPTS + " requests");
            }
            attempts.remove(target);
            return;
        }
        attempts.put(target, done + 1);
        request(target);
        net.sim.scheduleIn(RETRY_NS, this, target, null);
    }

    /** Handles an ARP frame that reached this interface. */
    void receive(Frame frame) {
        if (frame.etherType != Frame.ETHERTYPE_ARP) {
            return;
        }
        boolean gratuitous = frame.senderIp == frame.targetIp;
        if (gratuitous) {
            if (cache.containsKey(frame.senderIp) && frame.senderIp != ip) {
                learn(frame.senderIp, frame.senderMac);
            }
            return;
        }
        if (frame.arpOperation == 1 && frame.targetIp == ip) {
            learn(frame.senderIp, frame.senderMac);
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
            learn(frame.senderIp, frame.senderMac);
        }
    }

    private void learn(int address, long hardware) {
        Entry previous = cache.put(address, new Entry(hardware, net.now() + CACHE_LIFETIME_NS));
        if (net.tracing() && (previous == null || previous.mac != hardware)) {
            net.trace(new TraceEvent.ArpUpdated(net.now(), owner, Ipv4.text(address), Ipv4.mac(hardware)));
        }
        ArrayDeque<Frame> waiting = pending.remove(address);
        if (waiting != null) {
            attempts.remove(address);
            for (Frame frame : waiting) {
                frame.destinationMac = hardware;
                out.send(frame);
            }
        }
    }
}
