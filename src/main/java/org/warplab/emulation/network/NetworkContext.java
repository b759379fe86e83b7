package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.warplab.run.Capture;
import org.warplab.run.CapturedFrame;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/** What every element of one emulated network shares: the clock, the trace, the captures, the id counters. */
public final class NetworkContext {
    static final long BROADCAST_MAC = 0xffff_ffff_ffffL;

    public final Simulator sim;
    public final Tracer tracer;
    final boolean capturing;
    /** Whether probes note the nodes they cross (set before the network is built). */
    public boolean recordPaths;
    /** Frames that crossed a link, for the packet-hops per second a benchmark compares with other simulators. */
    public long hops;
    /** The lab's testbed profile: its overheads, drawn from a stream of their own. */
    public TestbedOverheads overheads = TestbedOverheads.ideal();
    /** The run's seed, for draws made once per element (an interface's reachable time). */
    public long seed;
    private final Map<String, CapturePoint> captures = new LinkedHashMap<>();
    private long nextPacketId = 1;
    private long nextMac = 0x02_57_4c_00_00_01L;

    /** Which frames the links lose. */
    final LinkLoss loss;

    public NetworkContext(Simulator sim, boolean tracing, boolean capturing) {
        this(sim, tracing, capturing, LinkLoss.CONFIGURED);
    }

    public NetworkContext(Simulator sim, boolean tracing, boolean capturing, LinkLoss loss) {
        this.sim = sim;
        this.loss = loss;
        this.tracer = new Tracer(tracing);
        this.capturing = capturing;
    }

    public long now() {
        return sim.now();
    }

    public long nextPacketId() {
        return nextPacketId++;
    }

    /** A fresh locally administered MAC address. */
    public long freshMac() {
        return nextMac++;
    }

    public boolean tracing() {
        return tracer.enabled;
    }

    public void trace(TraceEvent event) {
        tracer.add(event);
    }

    public void drop(Frame frame, String node, String link, String reason) {
        if (tracer.enabled) {
            tracer.add(new TraceEvent.Dropped(sim.now(), frame.id, frame.kind, flowName(frame), frame.sequence, node, link, reason));
        }
        if (dropListener != null) {
            dropListener.dropped(frame, reason);
        }
    }

    /**
     * As {@link #drop(Frame, String, String, String)}, the reason written only when a trace or a
     * listener reads it: a queue that stays full while a VM moves drops thousands of probes a run,
     * and a sweep's runs keep no trace.
     */
    public void drop(Frame frame, String node, String link, java.util.function.Supplier<String> reason) {
        if (tracer.enabled || dropListener != null) {
            drop(frame, node, link, reason.get());
        }
    }

    interface DropListener {
        void dropped(Frame frame, String reason);
    }

    DropListener dropListener;
    List<String> flowNames = List.of();

    String flowName(Frame frame) {
        return frame.flow >= 0 && frame.flow < flowNames.size() ? flowNames.get(frame.flow) : null;
    }

    /** The capture point named {@code name}, or null when the run does not capture. */
    CapturePoint capturePoint(String name, String description) {
        if (!capturing) {
            return null;
        }
        return captures.computeIfAbsent(name, n -> new CapturePoint(n, description));
    }

    public List<Capture> captures() {
        List<Capture> result = new ArrayList<>();
        for (CapturePoint point : captures.values()) {
            List<CapturedFrame> frames = new ArrayList<>(point.frames);
            frames.sort(java.util.Comparator.comparingLong(CapturedFrame::timeNs));
            result.add(new Capture(point.name, point.description, frames));
        }
        return result;
    }

    /** Frames seen at one place (a link, a data-center LAN). */
    static final class CapturePoint {
        final String name;
        final String description;
        final List<CapturedFrame> frames = new ArrayList<>();

        CapturePoint(String name, String description) {
            this.name = name;
            this.description = description;
        }

        void record(long timeNs, Frame frame) {
            if (frame.kind != PacketKind.MIGRATION) {
                frames.add(new CapturedFrame(timeNs, FrameEncoder.encode(frame)));
            }
        }
    }
}
