package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/**
 * A data center's server LAN as one learning bridge: it learns which port a source MAC lives
 * behind, forwards known unicast there, floods the rest, and forgets entries after the ageing
 * time. After a VM leaves, its entry keeps pointing at the empty port until the entry ages or an
 * announcement from the VM's new place (through an L2 extension) moves it.
 */
public final class LanSwitch implements FrameReceiver {
    static final long AGEING_NS = 300_000_000_000L;

    /** Something that watches every frame on the LAN: the capture program of network paging. */
    public interface Tap {
        void seen(Frame frame, LanSwitch lan);
    }

    /** Where the migration stream ends: frames of kind MIGRATION are handed to it, not switched. */
    interface BulkSink {
        void arrived(Frame frame);
    }

    private static final class Port {
        final FrameSink out;
        final String name;
        /** 802.1Q: the VLAN of an access port (its frames are untagged), {@link #TRUNK} for a tagged port, 0 untagged LAN. */
        int vlan;
        /** A port into the overlay (VXLAN): what comes in by one is not sent out by another (split horizon, full mesh). */
        boolean overlay;
        /** Whether the port takes part in switching (a management link does only for an L2 extension). */
        boolean bridged;

        Port(FrameSink out, String name, boolean bridged) {
            this.out = out;
            this.name = name;
            this.bridged = bridged;
        }
    }

    private static final class FdbEntry {
        int port;
        long seenNs;
        boolean fixed;

        FdbEntry(int port, long seenNs) {
            this.port = port;
            this.seenNs = seenNs;
        }
    }

    public final String name;
    private final NetworkContext net;
    private final List<Port> ports = new ArrayList<>();
    private final Map<Long, FdbEntry> fdb = new HashMap<>();
    private final List<Tap> taps = new ArrayList<>();
    NetworkContext.CapturePoint capture;

    public LanSwitch(NetworkContext net, String name) {
        this.net = net;
        this.name = name;
    }

    public static final int TRUNK = -1;

    public int attach(FrameSink toDevice, String deviceName, boolean bridged) {
        ports.add(new Port(toDevice, deviceName, bridged));
        return ports.size() - 1;
    }

    /** Makes {@code port} an access port of {@code vlan} (its frames untagged) or a tagged trunk ({@link #TRUNK}). */
    public void setVlan(int port, int vlan) {
        ports.get(port).vlan = vlan;
    }

    public void setOverlay(int port) {
        ports.get(port).overlay = true;
    }

    /** A MAC that lives on {@code port} for good: the bridge's own interface, never moved by learning. */
    void addStatic(long mac, int vlan, int port) {
        FdbEntry entry = new FdbEntry(port, Long.MAX_VALUE / 2);
        entry.fixed = true;
        fdb.put(key(vlan, mac), entry);
    }

    public void setBridged(int port, boolean bridged) {
        ports.get(port).bridged = bridged;
    }

    public void addTap(Tap tap) {
        taps.add(tap);
    }

    private static long key(int vlan, long mac) {
        return ((long) vlan << 48) | mac;
    }

    /** The port {@code mac} is known behind in {@code vlan}, or -1. */
    int portOf(int vlan, long mac) {
        FdbEntry entry = fdb.get(key(vlan, mac));
        return entry == null ? -1 : entry.port;
    }

    String portName(int port) {
        return ports.get(port).name;
    }

    @Override
    public void receive(Frame frame, int inPort) {
        if (frame.kind == PacketKind.MIGRATION) {
            ((BulkSink) frame.control).arrived(frame);
            return;
        }
        Port in = ports.get(inPort);
        if (!in.bridged) {
            net.drop(frame, name, in.out.linkName(), "the management link of " + name + " is not bridged to its LAN");
            return;
        }
        int vlan = in.vlan == TRUNK ? frame.vlan : in.vlan;
        if (in.vlan == TRUNK && vlan == 0) {
            net.drop(frame, name, in.out.linkName(), "untagged frame on the tagged port to " + in.name);
            return;
        }
        frame.vlan = vlan;
        if (capture != null) {
            capture.record(net.now(), frame);
        }
        long now = net.now();
        if ((frame.sourceMac & 0x0100_0000_0000L) == 0) {
            long k = key(vlan, frame.sourceMac);
            FdbEntry entry = fdb.get(k);
            if (entry == null) {
                fdb.put(k, new FdbEntry(inPort, now));
                traceFdb(frame.sourceMac, in.name);
            } else if (!entry.fixed) {
                if (entry.port != inPort) {
                    entry.port = inPort;
                    traceFdb(frame.sourceMac, in.name);
                }
                entry.seenNs = now;
            }
        }
        for (int i = 0; i < taps.size(); i++) {
            taps.get(i).seen(frame, this);
        }
        if ((frame.destinationMac & 0x0100_0000_0000L) == 0) {
            long k = key(vlan, frame.destinationMac);
            FdbEntry entry = fdb.get(k);
            if (entry != null && !entry.fixed && now - entry.seenNs > AGEING_NS) {
                fdb.remove(k);
                traceFdb(frame.destinationMac, null);
                entry = null;
            }
            if (entry != null) {
                // a bridge discards these without a word; the trace says so, or the frame would seem still under way
                Port to = ports.get(entry.port);
                if (entry.port == inPort) {
                    net.drop(frame, name, in.out.linkName(), () -> name + " knows " + Ipv4.mac(frame.destinationMac) + " behind " + in.name
                            + ", the port the frame came in by, and filters it (stale FDB entry)");
                } else if (in.overlay && to.overlay) {
                    net.drop(frame, name, in.out.linkName(), () -> name + " knows " + Ipv4.mac(frame.destinationMac) + " behind the tunnel to "
                            + to.name + " and sends nothing from one tunnel into another (split horizon): the sender's tunnel entry is stale");
                } else {
                    sendOut(to, frame, vlan);
                }
                return;
            }
        }
        flood(frame, inPort, vlan);
    }

    private boolean carries(Port port, int vlan) {
        return port.bridged && (port.vlan == TRUNK || port.vlan == vlan);
    }

    private void sendOut(Port port, Frame frame, int vlan) {
        if (!carries(port, vlan)) {
            net.drop(frame, name, port.out.linkName(), "port " + port.name + " is not in VLAN " + vlan);
            return;
        }
        frame.vlan = port.vlan == TRUNK ? vlan : 0;
        port.out.send(frame);
    }

    private void flood(Frame frame, int inPort, int vlan) {
        boolean fromOverlay = ports.get(inPort).overlay;
        int last = -1;
        for (int i = 0; i < ports.size(); i++) {
            Port port = ports.get(i);
            if (i != inPort && carries(port, vlan) && !(fromOverlay && port.overlay)) {
                if (last >= 0) {
                    sendOut(ports.get(last), frame.copy(), vlan);
                }
                last = i;
            }
        }
        if (last >= 0) {
            sendOut(ports.get(last), frame, vlan);
        }
    }

    private void traceFdb(long mac, String port) {
        if (net.tracing()) {
            net.trace(new TraceEvent.FdbUpdated(net.now(), name, Ipv4.mac(mac), port));
        }
        if (learnListener != null && port != null) {
            learnListener.learned(this, mac, port);
        }
    }

    /** Told when the switch learns (or re-learns) where a MAC lives: a scheme watching a moved VM's MAC. */
    public interface LearnListener {
        void learned(LanSwitch lan, long mac, String port);
    }

    public LearnListener learnListener;
}
