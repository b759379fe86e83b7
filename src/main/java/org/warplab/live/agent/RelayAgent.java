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
 */
final class RelayAgent implements Agent {

    /** Sleep until this close to a frame's due time, then spin: parkNanos alone overshoots by ~60 µs. */
    private static final long SPIN_NS = 200_000;

    private record Direction(String link, String from, String to, long delayNs, long jitterNs, double loss) { }

    private record Due(long atNs, byte[] frame) { }

    private final AgentOutput out;
    private final List<Direction> directions = new ArrayList<>();
    private final SplittableRandom random;
    private final List<PacketPort> ports = new ArrayList<>();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running;

    RelayAgent(AgentArgs args, AgentOutput out) {
        this.out = out;
        this.random = new SplittableRandom(args.number("seed", 1));
        for (String spec : args.all("link")) {
            String[] p = spec.split(":");
            if (p.length != 6) {
                throw new IllegalArgumentException("--link ID:DEV_A:DEV_B:DELAY_NS:JITTER_NS:LOSS_PERCENT, got " + spec);
            }
            long delay = Long.parseLong(p[3]);
            long jitter = Long.parseLong(p[4]);
            double loss = Double.parseDouble(p[5]) / 100.0;
            directions.add(new Direction(p[0], p[1], p[2], delay, jitter, loss));
            directions.add(new Direction(p[0], p[2], p[1], delay, jitter, loss));
        }
    }

    @Override
    public void start() throws Exception {
        running = true;
        for (Direction direction : directions) {
            PacketPort in = PacketPort.open(direction.from(), "", true);
            PacketPort outPort = PacketPort.open(direction.to(), "", false);
            ports.add(in);
            ports.add(outPort);
            ArrayDeque<Due> queue = new ArrayDeque<>();
            Thread capture = new Thread(() -> capture(direction, in, queue), "relay-in-" + direction.from());
            Thread send = new Thread(() -> send(outPort, queue), "relay-out-" + direction.to());
            capture.setDaemon(true);
            send.setDaemon(true);
            capture.start();
            send.start();
        }
        out.emit("ready", "directions", directions.size());
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
                if (draw < direction.loss()) {
                    dropped.incrementAndGet();
                    continue;
                }
                long due = Math.max(lastDue, now + direction.delayNs() + jitter);
                lastDue = due;
                synchronized (queue) {
                    queue.addLast(new Due(due, frame));
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

    private void send(PacketPort port, ArrayDeque<Due> queue) {
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
            try {
                port.send(next.frame());
                relayed.incrementAndGet();
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
