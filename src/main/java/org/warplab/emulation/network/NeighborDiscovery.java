package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Ipv6Address;
import org.warplab.run.PacketKind;

/**
 * IPv6 neighbour discovery (RFC 4861) on one Ethernet interface, as much as the labs need:
 * solicitations to the solicited-node group and advertisements back, a neighbour cache, packets
 * waiting for resolution with retries every RetransTimer, and duplicate address detection
 * (RFC 4862): a probe from the unspecified address that an owner of the address defends.
 */
public final class NeighborDiscovery implements EventHandler {
    static final long REACHABLE_NS = 30_000_000_000L;
    static final int ATTEMPTS = 3;
    static final int QUEUE_PER_ADDRESS = 3;

    /** Told when a duplicate address detection probe for {@code address} was answered: someone holds it. */
    interface DuplicateListener {
        void duplicate(Ipv6Address address);
    }

    private final NetworkContext net;
    private final String owner;
    final long mac;
    /** The addresses this interface holds and answers for (not the tentative ones). */
    public final List<Ipv6Address> addresses = new ArrayList<>();
    final boolean router;
    FrameSink out;
    DuplicateListener duplicateListener;
    private final NeighbourCache<Ipv6Address> neighbours;
    private final List<Ipv6Address> probing = new ArrayList<>();

    NeighborDiscovery(NetworkContext net, String owner, long mac, boolean router, FrameSink out) {
        this.net = net;
        this.owner = owner;
        this.mac = mac;
        this.router = router;
        this.out = out;
        addresses.add(Ipv6.linkLocal(mac));
        this.neighbours = new NeighbourCache<>(net, owner, REACHABLE_NS, ATTEMPTS, QUEUE_PER_ADDRESS, Ipv6Address::toString,
                new NeighbourCache.Words("neighbour discovery", "an advertisement", "neighbour advertisement", "solicitations"));
    }

    boolean holds(Ipv6Address address) {
        return addresses.contains(address);
    }

    /** Sends {@code frame} to the neighbour {@code nextHop}, resolving its MAC first if needed. */
    void send(Ipv6Address nextHop, Frame frame) {
        frame.sourceMac = mac;
        if (neighbours.send(nextHop, frame, out)) {
            solicit(nextHop, sourceFor(nextHop));
            net.sim.scheduleIn(Ipv6.RETRANS_TIMER_NS, this, 0, nextHop);
        }
    }

    /** Forgets a neighbour (its entry and anything waiting for it), as after a move to another link. */
    public void flush() {
        neighbours.clear();
    }

    private Ipv6Address sourceFor(Ipv6Address target) {
        // a global address of the same /64 if the interface has one, else its link-local address
        for (Ipv6Address address : addresses) {
            if (address.high() == target.high()) {
                return address;
            }
        }
        return addresses.get(0);
    }

    /** Sends a DAD probe for a tentative {@code address}: an unanswered probe means the address is free. */
    public void probe(Ipv6Address address) {
        probing.add(address);
        solicit(address, Ipv6.UNSPECIFIED);
    }

    /** The probe's wait is over: the address is no longer tentative. */
    public void probeDone(Ipv6Address address) {
        probing.remove(address);
    }

    private void solicit(Ipv6Address target, Ipv6Address source) {
        Ipv6Address group = Ipv6.solicitedNode(target);
        boolean dad = source.equals(Ipv6.UNSPECIFIED);
        Frame ns = newFrame(PacketKind.NEIGHBOR_SOLICITATION, source, group, Frame.ICMPV6_NEIGHBOR_SOLICITATION, !dad);
        ns.target6 = target;
        ns.destinationMac = Ipv6.multicastMac(group);
        out.send(ns);
    }

    private Frame newFrame(PacketKind kind, Ipv6Address source, Ipv6Address destination, int type, boolean linkLayerOption) {
        Frame frame = new Frame();
        frame.id = net.nextPacketId();
        frame.kind = kind;
        frame.etherType = Frame.ETHERTYPE_IPV6;
        frame.sourceMac = mac;
        frame.source6 = source;
        frame.destination6 = destination;
        frame.protocol = Frame.PROTOCOL_ICMPV6;
        frame.icmpType = type;
        frame.ttl = 255;
        frame.linkLayerOption = linkLayerOption ? mac : 0;
        frame.ipBytes = Frame.IPV6_HEADER_BYTES + FrameEncoder.icmpv6Bytes(type, linkLayerOption);
        if (net.tracing()) {
            frame.path = new ArrayList<>(List.of(owner));
        }
        return frame;
    }

    /** Retry timer: {@code payload} is the address asked for. */
    @Override
    public void handle(int code, Object payload) {
        Ipv6Address target = (Ipv6Address) payload;
        if (neighbours.retry(target)) {
            solicit(target, sourceFor(target));
            net.sim.scheduleIn(Ipv6.RETRANS_TIMER_NS, this, 0, target);
        }
    }

    /** Handles a neighbour solicitation or advertisement that reached this interface; true if it was one. */
    boolean receive(Frame frame) {
        if (frame.protocol != Frame.PROTOCOL_ICMPV6) {
            return false;
        }
        if (frame.icmpType == Frame.ICMPV6_NEIGHBOR_SOLICITATION) {
            if (!holds(frame.target6)) {
                return true;
            }
            boolean dad = frame.source6.equals(Ipv6.UNSPECIFIED);
            if (!dad) {
                neighbours.learn(frame.source6, frame.linkLayerOption != 0 ? frame.linkLayerOption : frame.sourceMac, out);
            }
            // a DAD probe is defended to all nodes; an ordinary solicitation is answered to its sender
            Ipv6Address destination = dad ? Ipv6.ALL_NODES : frame.source6;
            Frame na = newFrame(PacketKind.NEIGHBOR_ADVERTISEMENT, frame.target6, destination, Frame.ICMPV6_NEIGHBOR_ADVERTISEMENT, true);
            na.target6 = frame.target6;
            na.routerFlag = router;
            na.destinationMac = dad ? Ipv6.multicastMac(Ipv6.ALL_NODES) : frame.sourceMac;
            out.send(na);
            return true;
        }
        if (frame.icmpType == Frame.ICMPV6_NEIGHBOR_ADVERTISEMENT) {
            if (probing.contains(frame.target6)) {
                probing.remove(frame.target6);
                if (duplicateListener != null) {
                    duplicateListener.duplicate(frame.target6);
                }
                return true;
            }
            if (neighbours.knows(frame.target6) || neighbours.awaits(frame.target6)) {
                neighbours.learn(frame.target6, frame.linkLayerOption != 0 ? frame.linkLayerOption : frame.sourceMac, out);
            }
            return true;
        }
        return false;
    }
}
