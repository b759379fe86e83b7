package org.warplab.emulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.warplab.run.TraceEvent;

/**
 * A WAN router: ports on point-to-point WAN links and on LANs (a data center's, a client site's),
 * a route per WAN prefix computed from the topology, and optionally the translator of network
 * paging: at a server edge (S ↔ S' for its data center) or at a client edge (S' → S back, and
 * per-VM rules that send S-addresses to where the location table says the VM is).
 */
final class RouterNode implements FrameReceiver, EventHandler {
    static final int NO_ROUTE = -1;
    private static final int CODE_APPLY_CONFIG = 1;

    /** One interface. On a WAN link {@code peerIp}/{@code peerMac} name the other end; on a LAN, {@code arp} resolves hosts. */
    static final class Port {
        final int index;
        final String link;
        final String peer;
        final int ip;
        final int prefixLength;
        final long mac;
        final boolean lan;
        Channel out;
        ArpResolver arp;
        int peerIp;
        long peerMac;

        Port(int index, String link, String peer, int ip, int prefixLength, long mac, boolean lan) {
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
    record ServerEdge(int lanPort, Ipv4.Prefix lan, Ipv4.Prefix wan) { }

    /** A configuration message from a capture program: send {@code vmIp} to {@code destination} from now on. */
    record ConfigMessage(String vm, int vmIp, int destination, String dataCenter, MigrationRun migration) { }

    /** Tells the scheme a rule was switched. */
    interface SwitchListener {
        void switched(RouterNode router, ConfigMessage message);
    }

    final NetworkContext net;
    final String name;
    final int index;
    final List<Port> ports = new ArrayList<>();
    private final PrefixTable prefixes;
    int[] route;
    ServerEdge serverEdge;
    /** Client edge: VM address → the address probes are sent to (itself when untranslated); null if not a client edge. */
    IntIntMap location;
    /** Client edge: the WAN prefixes S', S'', ... to map back to their LAN prefix on the way to the clients. */
    List<Ipv4.Prefix[]> reverse = List.of();
    SwitchListener switchListener;
    int controlPort = -1;

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

    static int encode(int port, boolean connected) {
        return port * 2 + (connected ? 1 : 0);
    }

    /** The address other routers reach this one at (its first addressed port). */
    int controlAddress() {
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
        if (isLocal(frame.destinationIp)) {
            if (frame.control instanceof ConfigMessage message && location != null) {
                net.sim.scheduleIn(switchProcessingNs, this, CODE_APPLY_CONFIG, message);
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

    long switchProcessingNs;

    private boolean isLocal(int address) {
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i).ip == address) {
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

    /** Changes the route for prefix {@code prefixIndex}, as a routing protocol would. */
    void setRoute(int prefixIndex, int entry) {
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
