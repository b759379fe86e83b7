package org.warplab.live.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A user-space stand-in for netem on kernels without it: each relayed link is two veth ends in
 * the relay's namespace; every frame that arrives on one end leaves on the other after the link's
 * delay (plus jitter, never reordering), or is dropped with the link's loss probability.
 * With {@code --probe-port P}, it reports each probe and echo it carries ("carried": when it
 * captured and when it released the frame, on which link from which end, the probe's sequence,
 * send stamp and addresses as on the wire; "relay-lost" for one its loss dropped), so a live
 * run's trace has measured times for every hop over a delayed link.
 */
final class RelayAgent implements Agent {

    /** Sleep until this close to a frame's due time, then spin: parkNanos alone overshoots by ~60 µs. */
    private static final long SPIN_NS = 200_000;

    /** @param fromA whether frames in this direction enter the link at its {@code a} end */
    private record Direction(String link, String from, String to, boolean fromA, long delayNs, long jitterNs, double loss) { }

    /** @param probe the probe or echo in the frame, null for any other frame */
    private record Due(long atNs, byte[] frame, long capturedNs, ProbeFrames.Probe probe) { }

    private final AgentOutput out;
    private final List<Direction> directions = new ArrayList<>();
    private final SplittableRandom random;
    private final List<PacketPort> ports = new ArrayList<>();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** The probe port whose frames are reported, 0 for none. */
    private final int probePort;
    private volatile boolean running;

    RelayAgent(AgentArgs args, AgentOutput out) {
        this.out = out;
        this.random = new SplittableRandom(args.number("seed", 1));
        this.probePort = (int) args.number("probe-port", 0);
        for (String spec : args.all("link")) {
            String[] p = spec.split(":");
            if (p.length != 6) {
                throw new IllegalArgumentException("--link ID:DEV_A:DEV_B:DELAY_NS:JITTER_NS:LOSS_PERCENT, got " + spec);
            }
            long delay = Long.parseLong(p[3]);
            long jitter = Long.parseLong(p[4]);
            double loss = Double.parseDouble(p[5]) / 100.0;
            directions.add(new Direction(p[0], p[1], p[2], true, delay, jitter, loss));
            directions.add(new Direction(p[0], p[2], p[1], false, delay, jitter, loss));
        }
    }

    @Override
    public void start() throws Exception {
        running = true;
        List<Thread> threads = new ArrayList<>();
        for (Direction direction : directions) {
            PacketPort in = PacketPort.open(direction.from(), "", true);
            PacketPort outPort = PacketPort.open(direction.to(), "", false);
            ports.add(in);
            ports.add(outPort);
            ArrayDeque<Due> queue = new ArrayDeque<>();
            Thread capture = new Thread(() -> capture(direction, in, queue), "relay-in-" + direction.from());
            Thread send = new Thread(() -> send(direction, outPort, queue), "relay-out-" + direction.to());
            capture.setDaemon(true);
            send.setDaemon(true);
            threads.add(capture);
            threads.add(send);
        }
        String realtime = RealtimePriority.start(threads.toArray(Thread[]::new));
        out.emit("ready", "directions", directions.size(), "realtime", realtime);
    }

    private void capture(Direction direction, PacketPort in, ArrayDeque<Due> queue) {
        long lastDue = 0;
        while (running) {
            try {
                byte[] frame = in.next();
                long now = System.nanoTime();
                if (frame == null) {
                    continue;
                }
                double draw;
                long jitter;
                synchronized (random) {
                    draw = random.nextDouble();
                    jitter = direction.jitterNs() == 0 ? 0 : random.nextLong(-direction.jitterNs(), direction.jitterNs() + 1);
                }
                ProbeFrames.Probe probe = probePort == 0 ? null : ProbeFrames.parse(frame, probePort).orElse(null);
                // the delay counts from when the agent got the frame: libpcap's stamp can be older than the frame's
                // arrival here (a forwarded frame may keep an earlier stamp), which released frames early; the
                // report says when the kernel took it
                long captured = probe == null ? now : in.lastCaptureNs(now);
                if (draw < direction.loss()) {
                    dropped.incrementAndGet();
                    if (probe != null) {
                        report("relay-lost", captured, direction, captured, probe);
                    }
                    continue;
                }
                long due = Math.max(lastDue, now + direction.delayNs() + jitter);
                lastDue = due;
                synchronized (queue) {
                    queue.addLast(new Due(due, frame, captured, probe));
                    queue.notifyAll();
                }
            } catch (PacketPort.PortException e) {
                if (running) {
                    out.emit("error", "reason", e.getMessage());
                }
                return;
            }
        }
    }

    private void report(String event, long atNs, Direction direction, long capturedNs, ProbeFrames.Probe probe) {
        out.emitAt(atNs, event, "link", direction.link(), "side", direction.fromA() ? "a" : "b", "captured", capturedNs,
                "seq", probe.sequence(), "sent", probe.sentNs(), "echo", probe.echo(), "src", probe.source(), "dst", probe.destination());
    }

    private void send(Direction direction, PacketPort port, ArrayDeque<Due> queue) {
        while (running) {
            Due next;
            synchronized (queue) {
                while (queue.isEmpty() && running) {
                    try {
                        queue.wait(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                next = queue.peekFirst();
            }
            if (next == null) {
                continue;
            }
            long wait = next.atNs() - System.nanoTime();
            if (wait > SPIN_NS) {
                LockSupport.parkNanos(wait - SPIN_NS);
            }
            while (System.nanoTime() < next.atNs()) {
                Thread.onSpinWait();
            }
            synchronized (queue) {
                queue.pollFirst();
            }
            long released = System.nanoTime();
            try {
                port.send(next.frame());
                relayed.incrementAndGet();
                if (next.probe() != null) {
                    // after the frame is out: the report's cost delays no frame that is already due
                    report("carried", released, direction, next.capturedNs(), next.probe());
                }
            } catch (PacketPort.PortException e) {
                if (running) {
                    out.emit("error", "reason", e.getMessage());
                }
            }
        }
    }

    @Override
    public void command(String line) {
        if (line.equals("stats")) {
            out.emit("stats", "relayed", relayed.get(), "dropped", dropped.get());
            return;
        }
        throw new IllegalArgumentException("relay commands: stats, stop");
    }

    @Override
    public void stop() {
        running = false;
        out.emit("stats", "relayed", relayed.get(), "dropped", dropped.get());
        ports.forEach(PacketPort::close);
    }
}
