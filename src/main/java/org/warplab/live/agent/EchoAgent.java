package org.warplab.live.agent;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.warplab.model.AnnounceKind;
import org.warplab.model.IpAddress;
import org.warplab.model.Ipv4Address;
import org.warplab.model.MacAddress;

/**
 * The VM's service: echoes every probe back to its sender, and reports each probe (its sequence
 * and send stamp, when it arrived, when its echo left, or that it was discarded while paused) so
 * the run knows both one-way times. "pause" freezes it (probes arriving
 * meanwhile are lost, as with a stopped VM), "resume" thaws it, and "announce KIND DEV MAC IP
 * OFFSETS_MS" sends the hypervisor's announcement frames on DEV at the given offsets after now.
 */
final class EchoAgent implements Agent {

    private final AgentOutput out;
    private final int port;
    private volatile boolean running;
    private volatile boolean paused;
    private PacketPort prepared;
    private DatagramSocket socket;

    EchoAgent(AgentArgs args, AgentOutput out) {
        this.out = out;
        this.port = Integer.parseInt(args.one("port"));
    }

    @Override
    public void start() throws Exception {
        socket = UdpReceiver.listening(port);
        running = true;
        UdpReceiver.start("echo", socket, 65_536, () -> running, out, "echo", this::echo);
        out.emit("ready", "port", port);
    }

    private void echo(DatagramPacket packet, long received) throws java.io.IOException {
        byte[] buffer = packet.getData();
        boolean probe = packet.getLength() >= 16;
        long sequence = probe ? ByteBuffer.wrap(buffer, 0, 8).getLong() : 0;
        long sent = probe ? ByteBuffer.wrap(buffer, 8, 8).getLong() : 0;
        String from = packet.getAddress().getHostAddress();
        if (!paused) {
            long left = System.nanoTime();
            socket.send(new DatagramPacket(buffer, packet.getLength(), packet.getSocketAddress()));
            if (probe) {
                out.emitAt(received, "echoed", "seq", sequence, "sent", sent, "from", from, "left", left);
            }
        } else if (probe) {
            out.emitAt(received, "discarded", "seq", sequence, "sent", sent, "from", from, "reason", "paused");
        }
    }

    @Override
    public void command(String line) throws Exception {
        String[] words = line.split("\\s+");
        switch (words[0]) {
            case "pause" -> {
                paused = true;
                out.emit("paused");
            }
            case "resume" -> {
                paused = false;
                out.emit("resumed");
            }
            case "prepare-announce" -> prepare(words);
            case "announce" -> announce(words);
            default -> throw new IllegalArgumentException(
                    "echo agent commands: pause, resume, prepare-announce DEV, announce KIND DEV MAC IP OFFSETS_MS, stop");
        }
    }

    /**
     * Opens the capture handle for the next announcement ahead of time, on the interface the VM will
     * use at its destination: opening libpcap costs ~100 ms, which must not fall after the resume.
     * The handle is bound to the interface's index, so it survives the interface being renamed.
     */
    private void prepare(String[] words) throws PacketPort.PortException {
        if (words.length != 2) {
            throw new IllegalArgumentException("prepare-announce DEV");
        }
        if (prepared != null) {
            prepared.close();
        }
        prepared = PacketPort.open(words[1], "", false);
        out.emit("announce-prepared", "device", words[1]);
    }

    private void announce(String[] words) throws PacketPort.PortException {
        if (words.length != 6) {
            throw new IllegalArgumentException("announce KIND DEV MAC IP OFFSETS_MS, e.g. announce rarp eth0 52:54:00:10:00:02 172.16.10.2 0,50,200,450,800");
        }
        AnnounceKind kind = words[1].equals("garp") ? AnnounceKind.GARP : AnnounceKind.RARP;
        MacAddress mac = MacAddress.parse(words[3]);
        IpAddress ip = IpAddress.parse(words[4]);
        byte[] frame = kind == AnnounceKind.RARP ? Frames.rarp(mac)
                : Frames.garp(mac, ip instanceof Ipv4Address v4 ? v4 : new Ipv4Address(0));
        List<Long> offsets = new ArrayList<>();
        for (String ms : words[5].split(",")) {
            offsets.add(Long.parseLong(ms) * 1_000_000L);
        }
        PacketPort port = prepared != null ? prepared : PacketPort.open(words[2], "", false);
        prepared = null;
        Thread sender = new Thread(() -> {
            long start = System.nanoTime();
            try (port) {
                for (long offset : offsets) {
                    LockSupport.parkNanos(start + offset - System.nanoTime());
                    long now = System.nanoTime();
                    port.send(frame);
                    out.emitAt(now, "announced", "kind", kind.key(), "mac", mac.toString());
                }
            } catch (PacketPort.PortException e) {
                out.emit("error", "reason", e.getMessage());
            }
        }, "announce");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void stop() {
        running = false;
        if (socket != null) {
            socket.close();
        }
    }
}
