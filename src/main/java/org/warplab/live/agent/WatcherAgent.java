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
import java.util.Optional;
import org.warplab.model.AnnounceKind;
import org.warplab.model.Ipv4Address;
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
        String realtime = RealtimePriority.start(capture);
        out.emit("ready", "device", device, "filter", filter, "realtime", realtime);
    }

    /**
     * Rehearses an announcement's whole path before one arrives, so the first real switch does not
     * pay for class loading, cold code or linking: a lambda, string concatenation or record
     * equals site is linked on its first run (a new lambda site took 7.4 ms in the agents' JVM
     * settings, measured), which once made every watcher's first move 8-10 ms slower than the rest. The rehearsal VM has a TEST-NET
     * address, its messages go to the discard port on this namespace's loopback, nothing is
     * reported; then a hello to every translator warms the real route.
     */
    private void warmUp() throws java.io.IOException {
        // a MAC no watched VM has: their entries must come through the rehearsal untouched
        MacAddress rehearsal = new MacAddress(0x020000000000L);
        while (vms.containsKey(rehearsal)) {
            rehearsal = new MacAddress(rehearsal.bits() + 1);
        }
        vms.put(rehearsal, "192.0.2.1");
        byte[] frame = trigger.equals("garp") ? Frames.garp(rehearsal, Ipv4Address.parse("192.0.2.1")) : Frames.rarp(rehearsal);
        List<InetSocketAddress> discard = List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9));
        try {
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                Optional<Frames.Announcement> announcement = Frames.parse(frame);
                String address = announcement.isPresent() ? newMove(announcement.get(), System.nanoTime(), false) : null;
                lastSeen.remove(rehearsal);
                if (address != null && i % 10 == 0) {
                    send(message(address, i), discard, new long[1]);
                }
            }
        } finally {
            vms.remove(rehearsal);
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
                Optional<Frames.Announcement> announcement = Frames.parse(frame);
                if (announcement.isPresent()) {
                    handle(announcement.get(), now);
                }
            } catch (PacketPort.PortException e) {
                if (running) {
                    out.emit("error", "reason", e.getMessage());
                }
                return;
            }
        }
    }

    private void handle(Frames.Announcement announcement, long seenAt) {
        String address = newMove(announcement, seenAt, true);
        if (address == null) {
            return;
        }
        long seq = ++sequence;
        // the messages go first: reporting can wait, the translators should not
        long[] sentAt = new long[notify.size()];
        String[] failures = send(message(address, seq), notify, sentAt);
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

    /**
     * The address of the watched VM whose move {@code announcement} starts, or null: not a watched
     * VM, not the trigger's kind, or the rest of a burst (reported when {@code report}).
     */
    private String newMove(Frames.Announcement announcement, long seenAt, boolean report) {
        String address = vms.get(announcement.mac());
        boolean wanted = trigger.equals("any") || trigger.equals(announcement.kind().key());
        if (address == null || !wanted) {
            return null;
        }
        Long previous = lastSeen.get(announcement.mac());
        if (previous != null && seenAt - previous < quietNs) {
            // the rest of the burst (QEMU sends five) changes nothing
            if (report) {
                out.emitAt(seenAt, "announcement-repeated", "mac", announcement.mac().toString(), "sinceMs", (seenAt - previous) / 1_000_000L);
            }
            return null;
        }
        // the window counts from a burst's first frame: a VM back here soon after its last burst is a new move
        lastSeen.put(announcement.mac(), seenAt);
        return address;
    }

    /** Sends {@code message} to each target, noting when each send returned; the failures, null where it went out. */
    private String[] send(byte[] message, List<InetSocketAddress> targets, long[] sentAt) {
        String[] failures = new String[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            try {
                socket.send(new DatagramPacket(message, message.length, targets.get(i)));
            } catch (java.io.IOException e) {
                failures[i] = e.getMessage();
            }
            sentAt[i] = System.nanoTime();
        }
        return failures;
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
