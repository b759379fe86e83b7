package org.warplab.emulation.network;

import org.warplab.run.TraceEvent;

/**
 * One direction of a link: a FIFO transmitter (a frame waits until the ones before it are
 * serialized), then propagation delay with jitter, loss and an MTU. One event per frame: its
 * arrival at the far end. Jitter is netem's default: each frame's delay is uniform in
 * [delay − jitter, delay + jitter] (the validator keeps jitter ≤ delay). Unlike netem without a
 * rate, a frame never overtakes one sent before it on the same link (it waits for it), as in live
 * mode's delay relay.
 */
public final class Channel implements EventHandler, FrameSink {
    /** Tail drop beyond this many bytes waiting, like a 1000-frame transmit queue. */
    static final long QUEUE_LIMIT_BYTES = 1000L * 1538;

    final NetworkContext net;
    public final String link;
    final String fromNode;
    final String toNode;
    final long delayNs;
    final long jitterNs;
    final long bandwidthBps;
    final double lossProbability;
    final int mtu;
    public FrameReceiver receiver;
    public int receiverPort;
    NetworkContext.CapturePoint capture;

    private long busyUntilNs;
    private long lastArrivalNs;

    Channel(NetworkContext net, String link, String fromNode, String toNode, long delayNs, long jitterNs,
            long bandwidthBps, double lossPercent, int mtu) {
        this.net = net;
        this.link = link;
        this.fromNode = fromNode;
        this.toNode = toNode;
        this.delayNs = delayNs;
        this.jitterNs = jitterNs;
        this.bandwidthBps = bandwidthBps;
        this.lossProbability = lossPercent / 100.0;
        this.mtu = mtu;
    }

    /** A zero-delay, unlimited channel: a VM's virtual port on its hypervisor's bridge. */
    public static Channel virtual(NetworkContext net, String link, String fromNode, String toNode) {
        return new Channel(net, link, fromNode, toNode, 0, 0, 0, 0, 65535);
    }

    long serializationNs(long bytes) {
        if (bandwidthBps <= 0) {
            return 0;
        }
        return (bytes * 8L * 1_000_000_000L + bandwidthBps - 1) / bandwidthBps;
    }

    /** When the transmitter will be free: a sender pacing a bulk stream watches this. */
    long busyUntilNs() {
        return busyUntilNs;
    }

    @Override
    public String linkName() {
        return link;
    }

    @Override
    public void send(Frame frame) {
        long now = net.now();
        if (frame.bulkBytes == 0 && frame.isIp() && frame.ipBytes > mtu) {
            net.drop(frame, fromNode, link, "packet of " + frame.ipBytes + " bytes exceeds the MTU " + mtu + " of " + link);
            return;
        }
        long wire = frame.wireBytes();
        if (bandwidthBps > 0 && busyUntilNs > now && frame.bulkBytes == 0) {
            long backlogBytes = (busyUntilNs - now) * bandwidthBps / 8_000_000_000L;
            if (backlogBytes + wire > QUEUE_LIMIT_BYTES) {
                net.drop(frame, fromNode, link, "transmit queue of " + link + " full");
                return;
            }
        }
        long depart = Math.max(now, busyUntilNs);
        long serialization = serializationNs(wire);
        busyUntilNs = depart + serialization;
        long arrive = busyUntilNs + delayNs;
        if (jitterNs > 0) {
            // a delay drawn below zero (jitter above the delay, which the validator refuses) is none, as in netem
            arrive = Math.max(busyUntilNs, arrive + net.sim.random().nextLongInclusive(2 * jitterNs) - jitterNs);
        }
        if (arrive < lastArrivalNs) {
            arrive = lastArrivalNs;
        }
        lastArrivalNs = arrive;
        if (net.tracing()) {
            net.trace(new TraceEvent.PacketSent(now, frame.id, frame.kind, net.flowName(frame), frame.sequence, fromNode, link,
                    toNode, depart, arrive, frame.sourceText(), frame.destinationText(),
                    (int) Math.min(Integer.MAX_VALUE, frame.bulkBytes > 0 ? frame.bulkBytes : frame.frameBytes())));
        }
        if (capture != null) {
            capture.record(depart, frame);
        }
        net.sim.scheduleAt(arrive, this, 0, frame);
    }

    @Override
    public void handle(int code, Object payload) {
        Frame frame = (Frame) payload;
        String lost = net.loss.lost(frame, this, net);
        if (lost != null) {
            net.drop(frame, toNode, link, lost);
            return;
        }
        net.hops++;
        if (net.tracing()) {
            net.trace(new TraceEvent.HopArrived(net.now(), frame.id, link, fromNode, toNode));
        }
        if (frame.path != null) {
            frame.path.add(toNode);
        }
        receiver.receive(frame, receiverPort);
    }
}
