package org.warplab.emulation.network;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.warplab.run.TraceEvent;

/**
 * What ARP and IPv6 neighbour discovery share on one interface: a cache of neighbours' MACs, the
 * frames waiting while an address is being resolved (a few per address), and the count of
 * questions asked. The protocols ask and answer; this decides when to.
 *
 * <p>An entry either lives for a fixed lifetime and is then resolved again from scratch, or — with
 * {@link Nud} — follows Linux's neighbour unreachability detection: a confirmed entry is reachable
 * for a while, then stale; a stale entry is still used, and its first use starts a delay after
 * which the neighbour is probed at the cached MAC; when no probe is answered the entry fails and
 * the next packet resolves it again by broadcast. Until then frames keep going to the cached MAC,
 * which is what a moved VM does with its old gateway's MAC.
 *
 * @param <A> the protocol's address (an IPv4 address as an int, an {@code Ipv6Address})
 */
final class NeighbourCache<A> implements EventHandler {

    /** How a protocol names its exchange in drop reasons: "ARP" / "a reply" / "ARP reply" / "requests". */
    record Words(String protocol, String waitingFor, String answer, String questions) { }

    /**
     * Linux's neighbour-table timers (ip-sysctl.rst, {@code /proc/sys/net/ipv4/neigh/default/*}; the
     * defaults are in {@code arp_tbl}, net/ipv4/arp.c).
     *
     * @param baseReachableNs base_reachable_time_ms (30 s); the reachable time is drawn once per
     *                        interface, uniform in [½, 1½) of it (neigh_rand_reach_time)
     * @param delayFirstProbeNs delay_first_probe_time (5 s): a stale entry's first use → the first probe
     * @param unicastProbes ucast_solicit (3): probes sent to the cached MAC before the entry fails
     * @param retransNs retrans_time_ms (1 s) between probes
     */
    record Nud(long baseReachableNs, long delayFirstProbeNs, int unicastProbes, long retransNs) {
        static final Nud LINUX_DEFAULTS = new Nud(30_000_000_000L, 5_000_000_000L, 3, 1_000_000_000L);
    }

    /** Asks {@code address} at {@code mac} (a unicast probe of neighbour unreachability detection). */
    interface Prober<A> {
        void probe(A address, long mac);
    }

    /** How an entry was learned: an answer to our question confirms reachability, anything else makes it merely stale. */
    enum Learned { ANSWER, HEARD }

    private enum State { REACHABLE, STALE, DELAY, PROBE, FAILED }

    private static final class Entry {
        long mac;
        long expiresNs;
        State state;
        long confirmedNs;
        int probes;
        /** Bumped whenever a timer of this entry becomes moot. */
        int timer;
    }

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
    private final Nud nud;
    private final Prober<A> prober;
    private final long reachableNs;
    /** Told when an entry the cache held changes MAC: (address, new MAC). */
    java.util.function.BiConsumer<A, Long> changedListener;

    NeighbourCache(NetworkContext net, String owner, long lifetimeNs, int attemptsAllowed, int queuePerAddress, Function<A, String> text, Words words) {
        this(net, owner, lifetimeNs, attemptsAllowed, queuePerAddress, text, words, null, null);
    }

    /** A cache with neighbour unreachability detection ({@code nud}), probing through {@code prober}. */
    NeighbourCache(NetworkContext net, String owner, long lifetimeNs, int attemptsAllowed, int queuePerAddress, Function<A, String> text, Words words,
                   Nud nud, Prober<A> prober) {
        this.net = net;
        this.owner = owner;
        this.lifetimeNs = lifetimeNs;
        this.attemptsAllowed = attemptsAllowed;
        this.queuePerAddress = queuePerAddress;
        this.text = text;
        this.words = words;
        this.nud = nud;
        this.prober = prober;
        this.reachableNs = nud == null ? lifetimeNs : reachableTime(net, owner, nud);
    }

    /**
     * Linux draws the reachable time per interface, uniform in [½, 1½) × base. Here from a stream of
     * the run's seed and the owner's name, so it is the same for the same seed and shifts no other draw.
     */
    private static long reachableTime(NetworkContext net, String owner, Nud nud) {
        SeededRandom random = new SeededRandom(net.seed * 0x9E3779B97F4A7C15L ^ owner.hashCode());
        return nud.baseReachableNs() / 2 + (long) (random.nextDouble() * nud.baseReachableNs());
    }

    /** The reachable time this interface drew (the fixed lifetime without neighbour unreachability detection). */
    long reachableNs() {
        return reachableNs;
    }

    /**
     * Sends {@code frame} to {@code nextHop}'s MAC if it is known (and, without unreachability
     * detection, fresh); else keeps it waiting (or drops it when enough already wait). True when it
     * is the first to wait: the caller asks and arms its retry timer.
     */
    boolean send(A nextHop, Frame frame, FrameSink out) {
        Entry entry = cache.get(nextHop);
        if (entry != null && nud != null && entry.state != State.FAILED) {
            frame.destinationMac = entry.mac;
            out.send(frame);
            used(nextHop, entry);
            return false;
        }
        if (entry != null && nud == null && entry.expiresNs > net.now()) {
            frame.destinationMac = entry.mac;
            out.send(frame);
            return false;
        }
        ArrayDeque<Frame> queue = pending.computeIfAbsent(nextHop, k -> new ArrayDeque<>());
        if (queue.size() >= queuePerAddress) {
            net.drop(frame, owner, null, () -> words.protocol() + " queue for " + text.apply(nextHop) + " full while waiting for " + words.waitingFor());
            return false;
        }
        queue.add(frame);
        if (!attempts.containsKey(nextHop)) {
            attempts.put(nextHop, 1);
            return true;
        }
        return false;
    }

    /** A packet went out through {@code entry}: a reachable entry past its time turns stale, and a stale one's first use starts the delay. */
    private void used(A address, Entry entry) {
        if (entry.state == State.REACHABLE && net.now() >= entry.confirmedNs + reachableNs) {
            entry.state = State.STALE;
        }
        if (entry.state == State.STALE) {
            entry.state = State.DELAY;
            entry.timer++;
            net.sim.scheduleIn(nud.delayFirstProbeNs(), this, entry.timer, address);
        }
    }

    /** Unreachability detection's timer for the entry of {@code payload}: the delay ended, or a probe went unanswered. */
    @Override
    @SuppressWarnings("unchecked")
    public void handle(int timer, Object payload) {
        A address = (A) payload;
        Entry entry = cache.get(address);
        if (entry == null || entry.timer != timer || (entry.state != State.DELAY && entry.state != State.PROBE)) {
            return; // confirmed, replaced or forgotten meanwhile
        }
        if (entry.state == State.PROBE && entry.probes >= nud.unicastProbes()) {
            entry.state = State.FAILED; // the next packet resolves it again by broadcast
            return;
        }
        entry.state = State.PROBE;
        entry.probes++;
        prober.probe(address, entry.mac);
        net.sim.scheduleIn(nud.retransNs(), this, entry.timer, address);
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

    /** {@code address} is at {@code hardware}, heard as an answer to our question. */
    void learn(A address, long hardware, FrameSink out) {
        learn(address, hardware, out, Learned.ANSWER);
    }

    /**
     * {@code address} is at {@code hardware}: cached, traced when new or changed, and whatever waited
     * for it sent. With unreachability detection an answer confirms the entry (reachable); anything
     * else heard (the neighbour's own request, a gratuitous announcement) overrides its MAC but only
     * makes it stale, and leaves an entry whose MAC it confirms as it is — Linux's neigh_event_ns.
     */
    void learn(A address, long hardware, FrameSink out, Learned how) {
        Entry entry = cache.get(address);
        boolean changed = entry == null || entry.mac != hardware;
        boolean isNew = entry == null;
        if (entry == null) {
            entry = new Entry();
            cache.put(address, entry);
        }
        entry.mac = hardware;
        entry.expiresNs = net.now() + lifetimeNs;
        if (how == Learned.ANSWER) {
            entry.state = State.REACHABLE;
            entry.confirmedNs = net.now();
            entry.probes = 0;
            entry.timer++;
        } else if (changed) {
            entry.state = State.STALE;
            entry.probes = 0;
            entry.timer++;
        }
        if (changed && !isNew && changedListener != null) {
            changedListener.accept(address, hardware);
        }
        if (net.tracing() && changed) {
            net.trace(new TraceEvent.ArpUpdated(net.now(), owner, text.apply(address), Ipv4.mac(hardware)));
        }
        ArrayDeque<Frame> waiting = pending.remove(address);
        if (waiting != null) {
            attempts.remove(address);
            for (Frame frame : waiting) {
                frame.destinationMac = hardware;
                out.send(frame);
            }
            if (nud != null) {
                used(address, entry);
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
