package org.warplab.live.agent;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * The client's side of the G.711-like probe: one sequence-numbered UDP datagram every interval to
 * the VM's address, and the echoes coming back. Reports every send and every echo with its time,
 * so the app measures gaps, losses and round trips from what really crossed the network.
 */
final class ProbeAgent implements Agent {

    static final int IPV4_UDP_HEADERS = 28;
    static final int IPV6_UDP_HEADERS = 48;

    private final AgentOutput out;
    private final String flow;
    private final InetSocketAddress target;
    private final int payloadBytes;
    private final long intervalNs;
    private volatile boolean running;
    private DatagramSocket socket;
    private Thread sender;

    ProbeAgent(AgentArgs args, AgentOutput out) throws Exception {
        this.out = out;
        this.flow = args.one("flow");
        InetAddress address = InetAddress.getByName(args.one("target"));
        this.target = new InetSocketAddress(address, Integer.parseInt(args.one("port")));
        int headers = address.getAddress().length == 4 ? IPV4_UDP_HEADERS : IPV6_UDP_HEADERS;
        this.payloadBytes = Math.max(16, (int) args.number("bytes", 210) - headers);
        this.intervalNs = args.number("interval-ns", 20_000_000L);
    }

    @Override
    public void start() throws SocketException {
        socket = UdpReceiver.anyPort();
        running = true;
        UdpReceiver.start("probe-receive", socket, 65_536, () -> running, out, "receive", this::echoed);
        out.emit("ready", "flow", flow, "target", target.getAddress().getHostAddress(), "payload", payloadBytes);
    }

    @Override
    public void command(String line) {
        if (line.equals("go") && sender == null) {
            sender = new Thread(this::send, "probe-send");
            sender.setDaemon(true);
            sender.start();
        } else if (!line.equals("go")) {
            throw new IllegalArgumentException("probe agent commands: go, stop");
        }
    }

    private void send() {
        byte[] payload = new byte[payloadBytes];
        long next = System.nanoTime();
        long sequence = 0;
        while (running) {
            LockSupport.parkNanos(next - System.nanoTime());
            if (!running) {
                break;
            }
            long now = System.nanoTime();
            ByteBuffer.wrap(payload).putLong(sequence).putLong(now);
            try {
                socket.send(new DatagramPacket(payload, payload.length, target));
                out.emitAt(now, "sent", "seq", sequence);
            } catch (java.io.IOException e) {
                // no route while the network reconverges is part of what we measure
                out.emitAt(now, "send-failed", "seq", sequence, "reason", String.valueOf(e.getMessage()));
            }
            sequence++;
            next += intervalNs;
        }
    }

    private void echoed(DatagramPacket packet, long now) {
        if (packet.getLength() >= 16) {
            ByteBuffer data = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
            long sequence = data.getLong();
            long sentAt = data.getLong();
            out.emitAt(now, "echo", "seq", sequence, "rtt", now - sentAt, "from", packet.getAddress().getHostAddress());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (socket != null) {
            socket.close();
        }
    }
}
