package org.warplab.emulation;

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
final class LanSwitch implements FrameReceiver {
    static final long AGEING_NS = 300_000_000_000L;

    /** Something that watches every frame on the LAN: the capture program of network paging. */
    interface Tap {
        void seen(Frame frame, LanSwitch lan);
    }

    /** Where the migration stream ends: frames of kind MIGRATION are handed to it, not switched. */
    interface BulkSink {
        void arrived(Frame frame);
    }

    private static final class Port {
        final Channel out;
        final String name;
        /** Whether the port takes part in switching (a management link does only for an L2 extension). */
        boolean bridged;

        Port(Channel out, String name, boolean bridged) {
            this.out = out;
            this.name = name;
            this.bridged = bridged;
        }
    }

    private static final class FdbEntry {
        int port;
        long seenNs;

        FdbEntry(int port, long seenNs) {
            this.port = port;
            this.seenNs = seenNs;
        }
    }

    final String name;
    private final NetworkContext net;
    private final List<Port> ports = new ArrayList<>();
    private final Map<Long, FdbEntry> fdb = new HashMap<>();
    private final List<Tap> taps = new ArrayList<>();
    NetworkContext.CapturePoint capture;

    LanSwitch(NetworkContext net, String name) {
        this.net = net;
        this.name = name;
    }

    int attach(Channel toDevice, String deviceName, boolean bridged) {
        ports.add(new Port(toDevice, deviceName, bridged));
        return ports.size() - 1;
    }

    void setBridged(int port, boolean bridged) {
        ports.get(port).bridged = bridged;
    }

    void addTap(Tap tap) {
        taps.add(tap);
    }

    @Override
    public void receive(Frame frame, int inPort) {
        if (frame.kind == PacketKind.MIGRATION) {
            ((BulkSink) frame.control).arrived(frame);
            return;
        }
        Port in = ports.get(inPort);
        if (!in.bridged) {
            net.drop(frame, name, in.out.link, "the management link of " + name + " is not bridged to its LAN");
            return;
        }
        if (capture != null) {
            capture.record(net.now(), frame);
        }
        long now = net.now();
        if ((frame.sourceMac & 0x0100_0000_0000L) == 0) {
            FdbEntry entry = fdb.get(frame.sourceMac);
            if (entry == null) {
                fdb.put(frame.sourceMac, new FdbEntry(inPort, now));
                traceFdb(frame.sourceMac, in.name);
            } else {
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
            FdbEntry entry = fdb.get(frame.destinationMac);
            if (entry != null && now - entry.seenNs > AGEING_NS) {
                fdb.remove(frame.destinationMac);
                traceFdb(frame.destinationMac, null);
                entry = null;
            }
            if (entry != null) {
                if (entry.port != inPort) {
                    ports.get(entry.port).out.send(frame);
                }
                return;
            }
        }
        flood(frame, inPort);
    }

    private void flood(Frame frame, int inPort) {
        int last = -1;
        for (int i = 0; i < ports.size(); i++) {
            if (i != inPort && ports.get(i).bridged) {
                if (last >= 0) {
                    ports.get(last).out.send(frame.copy());
                }
                last = i;
            }
        }
        if (last >= 0) {
            ports.get(last).out.send(frame);
        }
    }

    private void traceFdb(long mac, String port) {
        if (net.tracing()) {
            net.trace(new TraceEvent.FdbUpdated(net.now(), name, Ipv4.mac(mac), port));
        }
    }
}
