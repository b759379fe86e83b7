package org.warplab.live.agent;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.warplab.model.AnnounceKind;
import org.warplab.model.MacAddress;

/**
 * The paper's "RARP capture and configuration tool": watches a data center's LAN for a VM's
 * announcement and, on the first one of a burst, sends a configuration message across the WAN to
 * every client-edge translator: {@code WARPLAB1 SWITCH <vm address> <location> <sequence>}.
 */
final class WatcherAgent implements Agent {

    static final String MESSAGE_PREFIX = "WARPLAB1 SWITCH";
    static final String HELLO_PREFIX = "WARPLAB1 HELLO";
    static final int WARM_UP_ROUNDS = 20_000;

    private final AgentOutput out;
    private final String device;
    private final String trigger;
    private final String location;
    private final Map<MacAddress, String> vms = new HashMap<>();
    private final List<InetSocketAddress> notify = new ArrayList<>();
    private final long quietNs;
    private final Map<MacAddress, Long> lastSeen = new HashMap<>();
    private volatile boolean running;
    private PacketPort port;
    private DatagramSocket socket;
    private long sequence;

    WatcherAgent(AgentArgs args, AgentOutput out) throws Exception {
        this.out = out;
        this.device = args.one("device");
        this.trigger = args.one("trigger", "any");
        this.location = args.one("location");
        for (AgentArguments.WatchedVm vm : args.all("vm", AgentArguments.WatchedVm.class)) {
            vms.put(MacAddress.parse(vm.mac()), vm.address());
        }
        for (String target : args.all("notify")) {
            int colon = target.lastIndexOf(':');
            notify.add(new InetSocketAddress(InetAddress.getByName(target.substring(0, colon)), Integer.parseInt(target.substring(colon + 1))));
        }
        // longer than a hypervisor's burst (QEMU's five frames span 800 ms), shorter than any real round trip of a VM
        this.quietNs = args.number("quiet-ms", 1000) * 1_000_000L;
    }

    @Override
    public void start() throws Exception {
        String filter = switch (trigger) {
            case "rarp" -> "rarp";
            case "garp" -> "arp";
            default -> "rarp or arp";
        };
        port = PacketPort.open(device, filter, false);
        socket = new DatagramSocket();
        running = true;
        warmUp();
        Thread capture = new Thread(this::capture, "watch");
        capture.setDaemon(true);
        capture.start();
        out.emit("ready", "device", device, "filter", filter);
    }

    /**
     * Runs the paths an announcement takes once before one arrives, so the first real switch does
     * not pay for class loading and cold code: parse a frame, send a hello to every translator.
     */
    private void warmUp() throws java.io.IOException {
        // compiled, not interpreted, by the first real announcement: parsing, the message, the send
        // (to the discard port on this namespace's loopback, which nobody answers)
        byte[] rarp = Frames.rarp(new MacAddress(0x525400000000L));
        InetSocketAddress discard = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            Frames.parse(rarp).ifPresent(a -> vms.get(a.mac()));
            byte[] message = message("192.0.2.1", i);
            if (i % 10 == 0) {
                socket.send(new DatagramPacket(message, message.length, discard));
            }
        }
        byte[] hello = (HELLO_PREFIX + " " + location).getBytes(StandardCharsets.US_ASCII);
        for (InetSocketAddress target : notify) {
            socket.send(new DatagramPacket(hello, hello.length, target));
        }
    }

    private void capture() {
        while (running) {
            try {
                byte[] frame = port.next();
                long now = System.nanoTime();
                if (frame == null) {
                    continue;
                }
                Frames.parse(frame).ifPresent(announcement -> handle(announcement, now));
            } catch (PacketPort.PortException e) {
                if (running) {
                    out.emit("error", "reason", e.getMessage());
                }
                return;
            }
        }
    }

    private void handle(Frames.Announcement announcement, long seenAt) {
        String address = vms.get(announcement.mac());
        boolean wanted = trigger.equals("any") || trigger.equals(announcement.kind().key());
        if (address == null || !wanted) {
            return;
        }
        Long previous = lastSeen.get(announcement.mac());
        if (previous != null && seenAt - previous < quietNs) {
            // the rest of the burst (QEMU sends five) changes nothing
            out.emitAt(seenAt, "announcement-repeated", "mac", announcement.mac().toString(), "sinceMs", (seenAt - previous) / 1_000_000L);
            return;
        }
        // the window counts from a burst's first frame: a VM back here soon after its last burst is a new move
        lastSeen.put(announcement.mac(), seenAt);
        long seq = ++sequence;
        byte[] message = message(address, seq);
        // the messages go first: reporting can wait, the translators should not
        long[] sentAt = new long[notify.size()];
        String[] failures = new String[notify.size()];
        for (int i = 0; i < notify.size(); i++) {
            try {
                socket.send(new DatagramPacket(message, message.length, notify.get(i)));
            } catch (java.io.IOException e) {
                failures[i] = e.getMessage();
            }
            sentAt[i] = System.nanoTime();
        }
        long[] stats = captureStatistics();
        out.emitAt(seenAt, "announcement-seen", "kind", announcement.kind() == AnnounceKind.RARP ? "rarp" : "garp",
                "mac", announcement.mac().toString(), "vm", address, "location", location,
                "captured", stats[0], "dropped", stats[1], "dropped-by-interface", stats[2]);
        for (int i = 0; i < notify.size(); i++) {
            String to = notify.get(i).getAddress().getHostAddress();
            if (failures[i] == null) {
                out.emitAt(sentAt[i], "config-sent", "to", to, "vm", address, "location", location, "seq", seq);
            } else {
                out.emitAt(sentAt[i], "error", "reason", "config message to " + to + ": " + failures[i]);
            }
        }
    }

    /** libpcap's counters, so a run's events show whether an announcement could have been lost in the capture path. */
    private long[] captureStatistics() {
        try {
            return port.statistics();
        } catch (PacketPort.PortException e) {
            return new long[] {-1, -1, -1};
        }
    }

    /**
     * The configuration message. One method for the warm-up and the real thing: a string
     * concatenation site is linked on its first run (milliseconds), which must not be a real switch.
     */
    private byte[] message(String address, long seq) {
        return (MESSAGE_PREFIX + " " + address + " " + location + " " + seq).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void command(String line) {
        throw new IllegalArgumentException("the watcher takes no commands but stop");
    }

    @Override
    public void stop() {
        running = false;
        if (socket != null) {
            socket.close();
        }
        if (port != null) {
            port.close();
        }
    }
}
