package org.warplab.live.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MacAddress;
import org.warplab.scheme.MobileIpv6Scheme;

/**
 * The VM's Mobile IPv6 mobile node (RFC 6275 11): after the VM resumes it reads router
 * advertisements on its interface; a prefix other than the one it is on means it moved. It forms
 * the care-of address by SLAAC, checks it by DAD (a real neighbour solicitation, then the
 * RetransTimer's 1 s of listening for a defender; "optimistic" uses it at once, "off" skips it),
 * applies the generated care-of file, sends a Binding Update to the home agent and retransmits it
 * (1.5 s, doubling up to 32 s) until the Binding Acknowledgement comes; then it applies the
 * generated binding file (home address, reverse tunnel). Back on the home link it deregisters
 * (lifetime 0) and applies what the generator wrote for the binding's end. Commands: "attach DEV" opens the
 * interface the VM will have at its destination before the move (libpcap takes ~100 ms to open;
 * it is listened to from the resume on), "pause" and "resume" follow the VM.
 */
final class MobileNodeAgent implements Agent {

    static final long RETRANS_TIMER_NS = 1_000_000_000L;
    static final long INITIAL_BINDACK_TIMEOUT_NS = 1_500_000_000L;
    static final long MAX_BINDACK_TIMEOUT_NS = 32_000_000_000L;

    /** What the generator wrote for one foreign network: the files to apply at each step. */
    private record Foreign(IpPrefix prefix, Path careOfFile, Path bindingFile) { }

    private final AgentOutput out;
    private final ProtocolLoop loop;
    private final MacAddress mac;
    private final Ipv6Address home;
    private final IpPrefix homePrefix;
    private final Ipv6Address homeAgent;
    private final String dad;
    private final long lifetimeS;
    private final String ip;
    private final String firstDevice;
    private final Map<IpPrefix, Foreign> foreign = new LinkedHashMap<>();
    /** What is left of a binding once the mobile node is home and deregistered; empty when the run never comes home. */
    private final Optional<Path> homeFile;

    private volatile PacketPort current;
    private volatile PacketPort pending;
    private boolean paused;
    private IpPrefix onPrefix;
    private Ipv6Address careOf;
    private MacAddress router;
    private int sequence;
    private long backoffNs;
    private ScheduledFuture<?> timer;
    private boolean bound;
    /** Between the binding (or its end) being in place and the first packet to the home address that follows. */
    private boolean awaitingService;
    private long serviceFrom;

    MobileNodeAgent(AgentArgs args, AgentOutput out) {
        this.out = out;
        this.loop = new ProtocolLoop("mobile-node", out);
        this.mac = MacAddress.parse(args.one("mac"));
        this.home = (Ipv6Address) IpAddress.parse(args.one("home-address"));
        this.homePrefix = IpPrefix.parse(args.one("home-prefix"));
        this.homeAgent = (Ipv6Address) IpAddress.parse(args.one("home-agent"));
        this.dad = args.one("dad", "standard");
        this.lifetimeS = args.number("lifetime-s", 420);
        this.ip = args.one("ip", "ip");
        this.firstDevice = args.one("device");
        this.onPrefix = homePrefix;
        this.homeFile = Optional.ofNullable(args.one("home-file", null)).map(Path::of);
        for (AgentArguments.ForeignNetwork network : args.all("foreign", AgentArguments.ForeignNetwork.class)) {
            IpPrefix prefix = IpPrefix.parse(network.prefix());
            foreign.put(prefix, new Foreign(prefix, Path.of(network.careOfFile()), Path.of(network.bindingFile())));
        }
    }

    @Override
    public void start() throws Exception {
        attach(firstDevice);
        out.emit("ready", "device", firstDevice, "home-address", home.toString());
    }

    /**
     * Opens {@code device}; the first one is listened to at once, a later one (the destination's
     * port, already on the foreign link while the VM still runs at home) only from the next resume.
     */
    private void attach(String device) throws PacketPort.PortException {
        PacketPort port = PacketPort.open(device, "ip6", true);
        if (current == null) {
            current = port;
        } else {
            pending = port;
        }
        loop.read(port, () -> current == port || pending == port, (frame, at) -> {
            if (current == port) {
                onFrame(frame, at);
            }
        });
    }

    @Override
    public void command(String line) throws Exception {
        String[] words = line.split("\\s+");
        switch (words[0]) {
            case "attach" -> {
                if (words.length != 2) {
                    throw new IllegalArgumentException("attach DEV");
                }
                attach(words[1]);
                out.emit("attached", "device", words[1]);
            }
            case "pause" -> loop.execute(() -> {
                paused = true;
                out.emit("paused");
            });
            case "resume" -> loop.execute(() -> {
                if (pending != null) {
                    current = pending;
                    pending = null;
                }
                paused = false;
                out.emit("resumed");
            });
            default -> throw new IllegalArgumentException("mobile-node agent commands: attach DEV, pause, resume, stop");
        }
    }

    private void onFrame(byte[] frame, long at) {
        if (paused) {
            return; // a stopped VM hears nothing
        }
        Optional<Mip6Frames.RouterAdvertisement> ra = Mip6Frames.routerAdvertisement(frame);
        if (ra.isPresent()) {
            routerAdvertisement(ra.get(), at);
            return;
        }
        Optional<Mip6Frames.BindingAck> ack = Mip6Frames.bindingAck(frame);
        if (ack.isPresent()) {
            bindingAck(ack.get(), at);
            return;
        }
        if (careOf != null && timer != null && !bound && "standard".equals(dad)) {
            Optional<Ipv6Address> defended = Mip6Frames.neighborAdvertisementTarget(frame).or(() -> Mip6Frames.dadTarget(frame));
            if (defended.isPresent() && defended.get().equals(careOf) && sequence == 0) {
                timer.cancel(false);
                out.emitAt(at, "error", "reason", "DAD of the care-of address " + careOf + " failed: another host uses it");
                return;
            }
        }
        // one the kernel could deliver: away, captured after the home address and the tunnel were in place; at home,
        // the first straight to the home address (until the home agent lets the binding go, it tunnels them away)
        if (awaitingService && at >= serviceFrom && (careOf.equals(home) ? isToHomeAddress(frame) : isTunneledToCareOf(frame))) {
            awaitingService = false;
            out.emitAt(at, "first-packet-home-address", "care-of", careOf.toString());
        }
    }

    private void routerAdvertisement(Mip6Frames.RouterAdvertisement ra, long at) {
        if (ra.autonomousPrefixes().isEmpty() || ra.autonomousPrefixes().contains(onPrefix)) {
            return;
        }
        IpPrefix prefix = ra.autonomousPrefixes().get(0);
        if (prefix.equals(homePrefix)) {
            comeHome(ra, at);
            return;
        }
        Foreign where = foreign.get(prefix);
        if (where == null) {
            out.emitAt(at, "error", "reason", "router advertisement of " + prefix + ", a network this run has no generated files for");
            onPrefix = prefix;
            return;
        }
        onPrefix = prefix;
        router = ra.router();
        careOf = (Ipv6Address) MobileIpv6Scheme.slaacAddress(prefix, mac);
        bound = false;
        sequence = 0;
        if (timer != null) {
            timer.cancel(false);
        }
        out.emitAt(at, "router-advertisement", "prefix", prefix.toString(), "router", ra.router().toString(), "care-of", careOf.toString());
        checkGenerated(where);
        if (!"off".equals(dad)) {
            sendOnCurrent(Mip6Frames.dadSolicitation(mac, careOf), "dad-probe", "target", careOf.toString());
        }
        if ("standard".equals(dad)) {
            timer = loop.schedule(RETRANS_TIMER_NS, () -> careOfReady(where));
        } else {
            careOfReady(where);
        }
    }

    /**
     * Back on the home link (RFC 6275 11.5.4): the home address is the interface's again (the
     * state's ip.batch put it there), so no DAD; a Binding Update with lifetime 0 tells the home
     * agent to let the binding go.
     */
    private void comeHome(Mip6Frames.RouterAdvertisement ra, long at) {
        onPrefix = homePrefix;
        router = ra.router();
        careOf = home;
        bound = false;
        sequence = 0;
        if (timer != null) {
            timer.cancel(false);
        }
        out.emitAt(at, "router-advertisement", "prefix", homePrefix.toString(), "router", ra.router().toString(), "care-of", home.toString());
        awaitingService = true;
        serviceFrom = at;
        backoffNs = INITIAL_BINDACK_TIMEOUT_NS;
        sendBindingUpdate(null);
    }

    /** The generated files name the care-of address SLAAC forms; if they do not, the run would route to the wrong place. */
    private void checkGenerated(Foreign where) {
        try {
            if (!Files.readString(where.careOfFile()).contains(careOf.toString())) {
                throw new IllegalStateException("the generated " + where.careOfFile() + " does not configure the care-of address " + careOf
                        + " that SLAAC forms from " + where.prefix() + " and " + mac);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + where.careOfFile() + ": " + e.getMessage(), e);
        }
    }

    private void careOfReady(Foreign where) {
        ProtocolLoop.applyBatch(ip, where.careOfFile());
        out.emit("care-of-configured", "care-of", careOf.toString(), "dad", dad);
        backoffNs = INITIAL_BINDACK_TIMEOUT_NS;
        sendBindingUpdate(where);
    }

    private void sendBindingUpdate(Foreign where) {
        sequence = (sequence + 1) & 0xffff;
        long lifetime = careOf.equals(home) ? 0 : lifetimeS;
        sendOnCurrent(Mip6Frames.bindingUpdate(mac, router, careOf, homeAgent, home, sequence, lifetime), "binding-update-sent",
                "sequence", sequence, "care-of", careOf.toString(), "home-address", home.toString(), "lifetime-s", lifetime);
        long wait = backoffNs;
        backoffNs = Math.min(backoffNs * 2, MAX_BINDACK_TIMEOUT_NS);
        timer = loop.schedule(wait, () -> {
            if (!bound) {
                sendBindingUpdate(where);
            }
        });
    }

    private void bindingAck(Mip6Frames.BindingAck ack, long at) {
        if (careOf == null || bound || !ack.careOf().equals(careOf) || !ack.home().equals(home) || ack.sequence() != sequence) {
            return;
        }
        if (!ack.accepted()) {
            out.emitAt(at, "error", "reason", "the home agent refused the binding of " + home + " to " + careOf + " (status " + ack.status() + ")");
            return;
        }
        bound = true;
        timer.cancel(false);
        out.emitAt(at, "binding-acknowledged", "sequence", ack.sequence(), "lifetime-s", ack.lifetimeS(), "care-of", careOf.toString());
        boolean atHome = careOf.equals(home);
        if (atHome) {
            homeFile.ifPresent(file -> ProtocolLoop.applyBatch(ip, file));
        } else {
            ProtocolLoop.applyBatch(ip, foreign.get(onPrefix).bindingFile());
        }
        long installedAt = System.nanoTime();
        if (!atHome) {
            awaitingService = true;
            serviceFrom = installedAt;
        }
        out.emitAt(installedAt, atHome ? "deregistered" : "binding-installed", "care-of", careOf.toString(), "home-address", home.toString());
    }

    /** A packet the home agent tunneled: to the care-of address, carrying an IPv6 packet (IPv6-in-IPv6 or behind a segment routing header). */
    private boolean isTunneledToCareOf(byte[] frame) {
        return Mip6Frames.ipv6Header(frame).filter(h -> h.destination().equals(careOf)
                && (h.nextHeader() == Mip6Frames.NEXT_HEADER_IPV6 || h.nextHeader() == Mip6Frames.NEXT_HEADER_ROUTING)).isPresent()
                && Mip6Frames.bindingAck(frame).isEmpty();
    }

    /** A packet to the home address on the home link, not tunneled: UDP straight to it. */
    private boolean isToHomeAddress(byte[] frame) {
        return Mip6Frames.ipv6Header(frame).filter(h -> h.destination().equals(home) && h.nextHeader() == Mip6Frames.NEXT_HEADER_UDP).isPresent();
    }

    private void sendOnCurrent(byte[] frame, String event, Object... fields) {
        try {
            long now = System.nanoTime();
            current.send(frame);
            out.emitAt(now, event, fields);
        } catch (PacketPort.PortException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        loop.close();
        current = null;
    }
}
