package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.warplab.model.Ipv6Address;
import org.warplab.model.Overhead;
import org.warplab.run.TraceEvent;

/**
 * A WAN router: ports on point-to-point WAN links and on LANs (a data center's, a client site's),
 * a route per WAN prefix computed from the topology, and optionally the translator of network
 * paging: at a server edge (S ↔ S' for its data center) or at a client edge (S' → S back, and
 * per-VM rules that send S-addresses to where the location table says the VM is).
 */
public final class RouterNode implements FrameReceiver, EventHandler {
    static final int NO_ROUTE = -1;
    private static final int CODE_APPLY_CONFIG = 1;

    /** One interface. On a WAN link {@code peerIp}/{@code peerMac} name the other end; on a LAN, {@code arp} resolves hosts. */
    public static final class Port {
        public final int index;
        public final String link;
        final String peer;
        public final int ip;
        final int prefixLength;
        public final long mac;
        public final boolean lan;
        public Channel out;
        ArpResolver arp;
        int peerIp;
        long peerMac;
        /** IPv6 of the port: its address (null: none), neighbour discovery on a LAN, the far end on a WAN link. */
        public Ipv6Address ip6;
        public int prefix6Length;
        public NeighborDiscovery nd;
        Ipv6Address peerIp6;
        /** On a segmented data-center LAN: the segment bridges by VLAN id that tagged frames of this port go to. */
        public java.util.Map<Integer, SegmentPort> trunk;

        public Port(int index, String link, String peer, int ip, int prefixLength, long mac, boolean lan) {
            this.index = index;
            this.link = link;
            this.peer = peer;
            this.ip = ip;
            this.prefixLength = prefixLength;
            this.mac = mac;
            this.lan = lan;
        }
    }

    /** Server-edge translation: this router's data-center LAN prefix S appears on the WAN as S'. */
    public record ServerEdge(int lanPort, Ipv4.Prefix lan, Ipv4.Prefix wan) { }

    /** A configuration message from a capture program: send {@code vmIp} to {@code destination} from now on. */
    public record ConfigMessage(String vm, int vmIp, int destination, String dataCenter, MigrationRun migration) { }

    /** Where a tagged frame from a segment trunk goes: port {@code port} of segment bridge {@code bridge}. */
    public record SegmentPort(LanSwitch bridge, int port) { }

    /** An IPv6 route: the prefix and the encoded port (see {@link #encode}). */
    record Route6(Ipv6.Prefix prefix, int entry) { }

    /**
     * A function of the router beyond forwarding (a home agent): it may take packets addressed to
     * the router itself, and packets passing through, before the routing table sees them.
     */
    public interface Ipv6Function {
        boolean local(RouterNode router, Frame frame, Port in);

        boolean intercept(RouterNode router, Frame frame, Port in);
    }

    /** A function that takes IPv4 packets addressed to the router (a VXLAN tunnel endpoint). */
    public interface Ipv4Function {
        boolean local(RouterNode router, Frame frame, Port in);
    }

    /** Tells the scheme a rule was switched. */
    public interface SwitchListener {
        void switched(RouterNode router, ConfigMessage message);
    }

    public final NetworkContext net;
    public final String name;
    public final int index;
    public final List<Port> ports = new ArrayList<>();
    private final PrefixTable prefixes;
    int[] route;
    public ServerEdge serverEdge;
    /** Client edge: VM address → the address probes are sent to (itself when untranslated); null if not a client edge. */
    public IntIntMap location;
    /** Client edge: the WAN prefixes S', S'', ... to map back to their LAN prefix on the way to the clients. */
    public List<Ipv4.Prefix[]> reverse = List.of();
    public SwitchListener switchListener;
    int controlPort = -1;
    final List<Route6> routes6 = new ArrayList<>();
    public Ipv6Function ipv6Function;
    public Ipv4Function ipv4Function;
    /** Client-edge segmentation: port index → the segment interface its clients' traffic to the segment goes into. */
    public java.util.Map<Integer, SegmentInterface> segmentOfClientPort;

    RouterNode(NetworkContext net, String name, int index, PrefixTable prefixes) {
        this.net = net;
        this.name = name;
        this.index = index;
        this.prefixes = prefixes;
    }

    Port addPort(String link, String peer, int ip, int prefixLength, long mac, boolean lan) {
        Port port = new Port(ports.size(), link, peer, ip, prefixLength, mac, lan);
        ports.add(port);
        return port;
    }

    void initRoutes(int prefixCount) {
        route = new int[prefixCount];
        Arrays.fill(route, NO_ROUTE);
    }

    public static int encode(int port, boolean connected) {
        return port * 2 + (connected ? 1 : 0);
    }

    /** The address other routers reach this one at (its first addressed port). */
    public int controlAddress() {
        for (Port port : ports) {
            if (!port.lan && port.ip != 0) {
                return port.ip;
            }
        }
        for (Port port : ports) {
            if (port.ip != 0) {
                return port.ip;
            }
        }
        return 0;
    }

    @Override
    public void receive(Frame frame, int portIndex) {
        Port in = ports.get(portIndex);
        if (in.trunk != null) {
            SegmentPort segment = in.trunk.get(frame.vlan);
            if (segment == null) {
                net.drop(frame, name, in.link, frame.vlan == 0 ? "untagged frame on " + name + "'s segment trunk"
                        : "no segment with VLAN " + frame.vlan + " at " + name);
                return;
            }
            segment.bridge().receive(frame, segment.port());
            return;
        }
        if (frame.isIpv6()) {
            receive6(frame, in);
            return;
        }
        if (frame.etherType != Frame.ETHERTYPE_IPV4) {
            if (in.arp != null) {
                in.arp.receive(frame);
            }
            return;
        }
        if (frame.destinationMac != in.mac && frame.destinationMac != NetworkContext.BROADCAST_MAC) {
            if (in.lan) {
                net.drop(frame, name, in.link, "frame for MAC " + Ipv4.mac(frame.destinationMac) + ", not " + name
                        + "'s port (" + Ipv4.mac(in.mac) + "): a stale gateway MAC?");
            }
            return;
        }
        int forcedPort = -1;
        if (serverEdge != null) {
            if (portIndex == serverEdge.lanPort()) {
                if (serverEdge.lan().contains(frame.sourceIp)) {
                    rewriteSource(frame, Ipv4.translate(frame.sourceIp, serverEdge.wan().network(), serverEdge.wan().length()));
                }
            } else if (serverEdge.wan().contains(frame.destinationIp)) {
                rewriteDestination(frame, Ipv4.translate(frame.destinationIp, serverEdge.lan().network(), serverEdge.lan().length()));
                forcedPort = serverEdge.lanPort();
            }
        }
        if (location != null) {
            if (in.lan) {
                int target = location.get(frame.destinationIp);
                if (target != IntIntMap.MISSING && target != frame.destinationIp) {
                    rewriteDestination(frame, target);
                }
            } else {
                for (int i = 0; i < reverse.size(); i++) {
                    Ipv4.Prefix[] pair = reverse.get(i);
                    if (pair[0].contains(frame.sourceIp)) {
                        rewriteSource(frame, Ipv4.translate(frame.sourceIp, pair[1].network(), pair[1].length()));
                        break;
                    }
                }
            }
        }
        if (segmentOfClientPort != null) {
            SegmentInterface segment = segmentOfClientPort.get(portIndex);
            if (segment != null && segment.serves(frame.destinationIp)) {
                if (--frame.ttl <= 0) {
                    net.drop(frame, name, null, "TTL expired");
                    return;
                }
                segment.send(frame);
                return;
            }
        }
        if (isLocal(frame.destinationIp)) {
            if (ipv4Function != null && ipv4Function.local(this, frame, in)) {
                return;
            }
            if (frame.control instanceof ConfigMessage message && location != null) {
                net.sim.scheduleIn(net.overheads.draw(Overhead.CONFIG_APPLY, switchProcessingNs), this, CODE_APPLY_CONFIG, message);
                if (message.migration() != null) {
                    message.migration().configArrived(name, net.now());
                }
            } else {
                net.drop(frame, name, null, "addressed to " + name + " itself, which runs no program for it");
            }
            return;
        }
        if (--frame.ttl <= 0) {
            net.drop(frame, name, null, "TTL expired");
            return;
        }
        if (forcedPort >= 0) {
            deliverConnected(frame, ports.get(forcedPort));
            return;
        }
        route4(frame);
    }

    /** Sends an IPv4 packet by the routing table (one the router forwards or makes itself). */
    public void route4(Frame frame) {
        int prefix = prefixes.lookup(frame.destinationIp);
        int entry = prefix < 0 ? NO_ROUTE : route[prefix];
        if (entry == NO_ROUTE) {
            net.drop(frame, name, null, "no route to " + Ipv4.text(frame.destinationIp));
            return;
        }
        Port out = ports.get(entry >>> 1);
        if ((entry & 1) == 1) {
            deliverConnected(frame, out);
        } else {
            frame.sourceMac = out.mac;
            frame.destinationMac = out.peerMac;
            out.out.send(frame);
        }
    }

    public long switchProcessingNs;

    private void receive6(Frame frame, Port in) {
        boolean multicast = (frame.destinationMac & 0x0100_0000_0000L) != 0;
        if (!multicast && frame.destinationMac != in.mac) {
            if (in.lan) {
                net.drop(frame, name, in.link, "frame for MAC " + Ipv4.mac(frame.destinationMac) + ", not " + name
                        + "'s port (" + Ipv4.mac(in.mac) + "): a stale router MAC?");
            }
            return;
        }
        if (in.nd != null && in.nd.receive(frame)) {
            return;
        }
        if (multicast) {
            return;
        }
        if (isLocal6(frame.destination6)) {
            if (ipv6Function != null && ipv6Function.local(this, frame, in)) {
                return;
            }
            net.drop(frame, name, null, "addressed to " + name + " itself, which runs no program for it");
            return;
        }
        if (ipv6Function != null && ipv6Function.intercept(this, frame, in)) {
            return;
        }
        if (--frame.ttl <= 0) {
            net.drop(frame, name, null, "hop limit exceeded");
            return;
        }
        route6(frame);
    }

    public boolean isLocal6(Ipv6Address address) {
        for (int i = 0; i < ports.size(); i++) {
            Port port = ports.get(i);
            if (address.equals(port.ip6) || (port.nd != null && port.nd.holds(address))) {
                return true;
            }
        }
        return false;
    }

    /** Sends an IPv6 packet by the routing table (longest prefix first). */
    public void route6(Frame frame) {
        int entry = NO_ROUTE;
        int best = -1;
        for (int i = 0; i < routes6.size(); i++) {
            Route6 route = routes6.get(i);
            if (route.prefix().length() > best && route.prefix().contains(frame.destination6)) {
                best = route.prefix().length();
                entry = route.entry();
            }
        }
        if (entry == NO_ROUTE) {
            net.drop(frame, name, null, "no route to " + frame.destination6);
            return;
        }
        Port out = ports.get(entry >>> 1);
        if ((entry & 1) == 1 && out.nd != null) {
            out.nd.send(frame.destination6, frame);
        } else if ((entry & 1) == 1 && !frame.destination6.equals(out.peerIp6)) {
            net.drop(frame, name, out.link, "no host " + frame.destination6 + " on " + out.link);
        } else {
            frame.sourceMac = out.mac;
            frame.destinationMac = out.peerMac;
            out.out.send(frame);
        }
    }

    /** The router's IPv6 address on the port it would send {@code destination} by: the source of what it originates. */
    Ipv6Address sourceAddress6(Ipv6Address destination) {
        int best = -1;
        Ipv6Address source = null;
        for (Route6 route : routes6) {
            Port port = ports.get(route.entry() >>> 1);
            if (route.prefix().length() > best && route.prefix().contains(destination) && port.ip6 != null) {
                best = route.prefix().length();
                source = port.ip6;
            }
        }
        return source;
    }

    private boolean isLocal(int address) {
        for (int i = 0; i < ports.size(); i++) {
            if (address != 0 && ports.get(i).ip == address) {
                return true;
            }
        }
        return false;
    }

    private void deliverConnected(Frame frame, Port out) {
        if (out.arp != null) {
            out.arp.send(frame.destinationIp, frame);
        } else if (frame.destinationIp == out.peerIp) {
            frame.sourceMac = out.mac;
            frame.destinationMac = out.peerMac;
            out.out.send(frame);
        } else {
            net.drop(frame, name, out.link, "no host " + Ipv4.text(frame.destinationIp) + " on " + out.link);
        }
    }

    private void rewriteSource(Frame frame, int to) {
        if (net.tracing()) {
            net.trace(new TraceEvent.Translated(net.now(), frame.id, name, "source", Ipv4.text(frame.sourceIp), Ipv4.text(to)));
        }
        frame.sourceIp = to;
    }

    private void rewriteDestination(Frame frame, int to) {
        if (net.tracing()) {
            net.trace(new TraceEvent.Translated(net.now(), frame.id, name, "destination", Ipv4.text(frame.destinationIp), Ipv4.text(to)));
        }
        frame.destinationIp = to;
    }

    /** Applies a configuration message after the processing delay. */
    @Override
    public void handle(int code, Object payload) {
        if (code == CODE_APPLY_CONFIG) {
            ConfigMessage message = (ConfigMessage) payload;
            location.put(message.vmIp(), message.destination());
            if (net.tracing()) {
                String rule = message.destination() == message.vmIp()
                        ? "ip daddr " + Ipv4.text(message.vmIp()) + ": no translation (" + message.vm() + " in " + message.dataCenter() + ")"
                        : "ip daddr " + Ipv4.text(message.vmIp()) + " → " + Ipv4.text(message.destination()) + " (" + message.vm()
                        + " in " + message.dataCenter() + ")";
                net.trace(new TraceEvent.RuleSwitched(net.now(), name, message.vm(), rule));
            }
            if (switchListener != null) {
                switchListener.switched(this, message);
            }
        }
    }

    /** Changes (or adds) the IPv6 route for {@code prefix}, as a routing protocol would. */
    public void setRoute6(Ipv6.Prefix prefix, int entry) {
        routes6.removeIf(r -> r.prefix().equals(prefix));
        routes6.add(new Route6(prefix, entry));
        if (net.tracing()) {
            Port port = ports.get(entry >>> 1);
            net.trace(new TraceEvent.RouteChanged(net.now(), name, prefix.toString(), (entry & 1) == 1 ? "connected" : port.peer, port.link));
        }
    }

    /** The longest IPv6 prefix this router routes that holds {@code address}, or null. */
    public Ipv6.Prefix routedPrefix6(Ipv6Address address) {
        Route6 best = null;
        for (Route6 route : routes6) {
            if (route.prefix().contains(address) && (best == null || route.prefix().length() > best.prefix().length())) {
                best = route;
            }
        }
        return best == null ? null : best.prefix();
    }

    /** Changes the route for prefix {@code prefixIndex}, as a routing protocol would. */
    public void setRoute(int prefixIndex, int entry) {
        route[prefixIndex] = entry;
        if (net.tracing()) {
            Ipv4.Prefix prefix = prefixes.prefix(prefixIndex);
            if (entry == NO_ROUTE) {
                net.trace(new TraceEvent.RouteChanged(net.now(), name, prefix.toString(), null, null));
            } else {
                Port port = ports.get(entry >>> 1);
                String nextHop = (entry & 1) == 1 ? "connected" : port.peer;
                net.trace(new TraceEvent.RouteChanged(net.now(), name, prefix.toString(), nextHop, port.link));
            }
        }
    }
}
