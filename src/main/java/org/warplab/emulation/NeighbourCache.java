package org.warplab.emulation;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.warplab.run.TraceEvent;

/**
 * What ARP and IPv6 neighbour discovery share on one interface: a cache of neighbours' MACs with a
 * lifetime, the frames waiting while an address is being resolved (a few per address), and the
 * count of questions asked. The protocols ask and answer; this decides when to.
 *
 * @param <A> the protocol's address (an IPv4 address as an int, an {@code Ipv6Address})
 */
final class NeighbourCache<A> {

    /** How a protocol names its exchange in drop reasons: "ARP" / "a reply" / "ARP reply" / "requests". */
    record Words(String protocol, String waitingFor, String answer, String questions) { }

    private record Entry(long mac, long expiresNs) { }

    private final NetworkContext net;
    private final String owner;
    private final long lifetimeNs;
    private final int attemptsAllowed;
    private final int queuePerAddress;
    private final Function<A, String> text;
    private final Words words;
    private final Map<A, Entry> cache = new HashMap<>();
    private final Map<A, ArrayDeque<Frame>> pending = new HashMap<>();
    private final Map<A, Integer> attempts = new HashMap<>();

    NeighbourCache(NetworkContext net, String owner, long lifetimeNs, int attemptsAllowed, int queuePerAddress, Function<A, String> text, Words words) {
        this.net = net;
        this.owner = owner;
        this.lifetimeNs = lifetimeNs;
        this.attemptsAllowed = attemptsAllowed;
        this.queuePerAddress = queuePerAddress;
        this.text = text;
        this.words = words;
    }

    /**
     * Sends {@code frame} to {@code nextHop}'s MAC if it is known and fresh; else keeps it waiting
     * (or drops it when enough already wait). True when it is the first to wait: the caller asks
     * and arms its retry timer.
     */
    boolean send(A nextHop, Frame frame, FrameSink out) {
        Entry entry = cache.get(nextHop);
        if (entry != null && entry.expiresNs > net.now()) {
            frame.destinationMac = entry.mac;
            out.send(frame);
            return false;
        }
        ArrayDeque<Frame> queue = pending.computeIfAbsent(nextHop, k -> new ArrayDeque<>());
        if (queue.size() >= queuePerAddress) {
            net.drop(frame, owner, null, words.protocol() + " queue for " + text.apply(nextHop) + " full while waiting for " + words.waitingFor());
            return false;
        }
        queue.add(frame);
        if (!attempts.containsKey(nextHop)) {
            attempts.put(nextHop, 1);
            return true;
        }
        return false;
    }

    /**
     * The retry timer for {@code target} went off. True when the caller asks again and re-arms it;
     * false when there is nothing more to do: answered meanwhile, or every attempt was made (the
     * waiting frames are dropped).
     */
    boolean retry(A target) {
        if (!pending.containsKey(target)) {
            attempts.remove(target);
            return false;
        }
        int done = attempts.getOrDefault(target, 0);
        if (done >= attemptsAllowed) {
            for (Frame waiting : pending.remove(target)) {
                net.drop(waiting, owner, null, "no " + words.answer() + " from " + text.apply(target) + " after " + attemptsAllowed + " " + words.questions());
            }
            attempts.remove(target);
            return false;
        }
        attempts.put(target, done + 1);
        return true;
    }

    /** {@code address} is at {@code hardware}: cached, traced when new or changed, and whatever waited for it sent. */
    void learn(A address, long hardware, FrameSink out) {
        Entry previous = cache.put(address, new Entry(hardware, net.now() + lifetimeNs));
        if (net.tracing() && (previous == null || previous.mac != hardware)) {
            net.trace(new TraceEvent.ArpUpdated(net.now(), owner, text.apply(address), Ipv4.mac(hardware)));
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

    boolean knows(A address) {
        return cache.containsKey(address);
    }

    boolean awaits(A address) {
        return pending.containsKey(address);
    }

    /** Forgets every neighbour, as after a move to another link. */
    void clear() {
        cache.clear();
    }
}
