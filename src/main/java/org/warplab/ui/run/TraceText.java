package org.warplab.ui.run;

import org.warplab.model.Units;
import java.util.Locale;
import org.warplab.run.TraceEvent;

/** Trace events in words, for the event log and the packet inspector. */
final class TraceText {
    private TraceText() {
    }

    static String ms(long ns) {
        return Units.msOrNone(ns, 1);
    }

    static String time(long ns) {
        return Units.msNumber(ns, 3);
    }

    static String type(TraceEvent e) {
        return TYPE_NAMES.get(e.getClass());
    }

    /** "RuleSwitched" → "rule switched", once per class: the log asks for every event of a run. */
    private static final ClassValue<String> TYPE_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        }
    };

    static boolean isPacketStep(TraceEvent e) {
        return e instanceof TraceEvent.PacketSent || e instanceof TraceEvent.HopArrived || e instanceof TraceEvent.Delivered
                || e instanceof TraceEvent.Translated || e instanceof TraceEvent.Encapsulated || e instanceof TraceEvent.Decapsulated;
    }

    static String where(TraceEvent e) {
        return where(e, id -> id);
    }

    /** Where {@code e} happened, each node, data center and router by {@code name} (the names the canvas shows). */
    static String where(TraceEvent e, java.util.function.UnaryOperator<String> name) {
        if (e instanceof TraceEvent.PacketSent p) {
            return name.apply(p.fromNode()) + " → " + name.apply(p.toNode()) + " (" + p.link() + ")";
        } else if (e instanceof TraceEvent.HopArrived a) {
            return name.apply(a.node());
        } else if (e instanceof TraceEvent.Translated t) {
            return name.apply(t.node());
        } else if (e instanceof TraceEvent.Dropped d) {
            return name.apply(d.node()) + (d.link() == null ? "" : " (" + d.link() + ")");
        } else if (e instanceof TraceEvent.Delivered d) {
            return name.apply(d.node());
        } else if (e instanceof TraceEvent.VmPaused v) {
            return name.apply(v.dataCenter());
        } else if (e instanceof TraceEvent.VmResumed v) {
            return name.apply(v.dataCenter());
        } else if (e instanceof TraceEvent.VmMoved v) {
            return name.apply(v.fromDataCenter()) + " → " + name.apply(v.toDataCenter());
        } else if (e instanceof TraceEvent.AnnouncementSeen a) {
            return name.apply(a.dataCenter());
        } else if (e instanceof TraceEvent.RuleSwitched r) {
            return name.apply(r.router());
        } else if (e instanceof TraceEvent.FdbUpdated f) {
            return name.apply(f.lan());
        } else if (e instanceof TraceEvent.ArpUpdated a) {
            return name.apply(a.node());
        } else if (e instanceof TraceEvent.RouteChanged r) {
            return name.apply(r.router());
        } else if (e instanceof TraceEvent.MigrationRound m) {
            return m.migration();
        } else if (e instanceof TraceEvent.Encapsulated t) {
            return name.apply(t.node());
        } else if (e instanceof TraceEvent.Decapsulated t) {
            return name.apply(t.node());
        }
        return "";
    }

    static String detail(TraceEvent e) {
        if (e instanceof TraceEvent.PacketSent p) {
            return p.kind().name().toLowerCase(Locale.ROOT) + (p.flow() == null ? "" : " " + p.flow() + "#" + p.sequence()) + " #" + p.packetId()
                    + " " + p.source() + " → " + p.destination() + ", " + p.bytes() + " B, on the link " + ms(p.arriveNs() - p.departNs());
        } else if (e instanceof TraceEvent.HopArrived a) {
            return "packet #" + a.packetId() + " from " + a.fromNode() + " over " + a.link();
        } else if (e instanceof TraceEvent.Translated t) {
            return "packet #" + t.packetId() + " " + t.field() + " " + t.from() + " → " + t.to();
        } else if (e instanceof TraceEvent.Dropped d) {
            return d.kind().name().toLowerCase(Locale.ROOT) + (d.flow() == null ? "" : " " + d.flow() + "#" + d.sequence()) + " #" + d.packetId()
                    + ": " + d.reason();
        } else if (e instanceof TraceEvent.Delivered d) {
            return d.kind().name().toLowerCase(Locale.ROOT) + (d.flow() == null ? "" : " " + d.flow() + "#" + d.sequence()) + " #" + d.packetId()
                    + (d.latencyNs() >= 0 ? ", " + ms(d.latencyNs()) : "");
        } else if (e instanceof TraceEvent.VmPaused v) {
            return v.vm() + " paused";
        } else if (e instanceof TraceEvent.VmResumed v) {
            return v.vm() + " running";
        } else if (e instanceof TraceEvent.VmMoved v) {
            return v.vm() + " moved";
        } else if (e instanceof TraceEvent.AnnouncementSeen a) {
            return a.kind().name() + " of " + a.vm() + " seen by the capture program";
        } else if (e instanceof TraceEvent.RuleSwitched r) {
            return r.rule();
        } else if (e instanceof TraceEvent.FdbUpdated f) {
            return f.mac() + (f.port() == null ? " aged out" : " at " + f.port());
        } else if (e instanceof TraceEvent.ArpUpdated a) {
            return a.address() + " is at " + a.mac();
        } else if (e instanceof TraceEvent.RouteChanged r) {
            return r.prefix() + (r.link() == null ? " unreachable" : " via " + r.nextHop() + " (" + r.link() + ")");
        } else if (e instanceof TraceEvent.MigrationRound m) {
            return (m.stopAndCopy() ? "stop-and-copy" : "pre-copy round " + m.round()) + ": " + m.bytes() + " bytes in " + ms(m.durationNs());
        } else if (e instanceof TraceEvent.Encapsulated t) {
            return "packet #" + t.packetId() + " into " + t.how() + " " + t.outerSource() + " → " + t.outerDestination();
        } else if (e instanceof TraceEvent.Decapsulated t) {
            return "packet #" + t.packetId() + " out of " + t.how();
        }
        return e.toString();
    }
}
