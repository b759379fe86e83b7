package org.warplab.live.agent;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MacAddress;

/**
 * The home agent (RFC 6275 10): reads Binding Updates addressed to it on the router's interfaces.
 * A new home registration first checks the home address by DAD on the home link (a real
 * neighbour solicitation, then 1 s of listening for a defender, 10.3.1), then applies the
 * generated binding file (proxy neighbour entry, tunnel route to the care-of address) and answers
 * with a Binding Acknowledgement on the interface and to the neighbour the update came from. A
 * retransmitted update during DAD is absorbed; one for an existing binding is acknowledged at once;
 * a deregistration (lifetime 0, from home) applies the generated end of the binding.
 */
final class HomeAgentAgent implements Agent {

    /** What the generator wrote for one expected binding. */
    private record Expected(Ipv6Address home, Ipv6Address careOf, Path file) { }

    /** A binding being checked or held. */
    private static final class Entry {
        Ipv6Address careOf;
        boolean installed;
        Mip6Frames.BindingUpdate latest;
        PacketPort arrivedOn;
        MacAddress ownMac;
    }

    private final AgentOutput out;
    private final ProtocolLoop loop;
    private final Ipv6Address address;
    private final IpPrefix homePrefix;
    private final String homeLink;
    private final String ip;
    private final Map<String, MacAddress> devices = new LinkedHashMap<>();
    private final Map<Ipv6Address, Expected> expected = new HashMap<>();
    /** The generated end of each home address's binding, for when its mobile node comes home. */
    private final Map<Ipv6Address, Path> deregistration = new HashMap<>();
    private final Map<Ipv6Address, Entry> bindings = new HashMap<>();
    private final Map<String, PacketPort> ports = new LinkedHashMap<>();
    private volatile boolean running = true;

    HomeAgentAgent(AgentArgs args, AgentOutput out) {
        this.out = out;
        this.loop = new ProtocolLoop("home-agent", out);
        this.address = (Ipv6Address) IpAddress.parse(args.one("address"));
        this.homePrefix = IpPrefix.parse(args.one("home-prefix"));
        this.homeLink = args.one("home-link");
        this.ip = args.one("ip", "ip");
        for (String device : args.all("device")) {
            devices.put(device, ownMac(device));
        }
        for (AgentArguments.HomeBinding binding : args.all("binding", AgentArguments.HomeBinding.class)) {
            Ipv6Address home = (Ipv6Address) IpAddress.parse(binding.homeAddress());
            expected.put(home, new Expected(home, (Ipv6Address) IpAddress.parse(binding.careOf()), Path.of(binding.file())));
        }
        for (AgentArguments.Deregistration end : args.all("deregistration", AgentArguments.Deregistration.class)) {
            deregistration.put((Ipv6Address) IpAddress.parse(end.homeAddress()), Path.of(end.file()));
        }
        if (!devices.containsKey(homeLink)) {
            throw new IllegalArgumentException("--home-link " + homeLink + " is not one of the --device interfaces " + devices.keySet());
        }
    }

    /** The interface's own MAC, as this namespace's sysfs shows it. */
    private static MacAddress ownMac(String device) {
        Path file = Path.of("/sys/class/net", device, "address");
        try {
            return MacAddress.parse(java.nio.file.Files.readString(file).strip());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("no interface " + device + " in this namespace (" + file + ": " + e.getMessage() + ")");
        }
    }

    @Override
    public void start() throws Exception {
        for (String device : devices.keySet()) {
            PacketPort port = PacketPort.open(device, "ip6", true);
            ports.put(device, port);
            loop.read(port, () -> running, (frame, at) -> onFrame(port, frame, at));
        }
        out.emit("ready", "address", address.toString(), "devices", String.join(",", devices.keySet()));
    }

    @Override
    public void command(String line) {
        throw new IllegalArgumentException("the home-agent agent takes no commands but stop");
    }

    private void onFrame(PacketPort port, byte[] frame, long at) {
        Optional<Mip6Frames.BindingUpdate> update = Mip6Frames.bindingUpdate(frame);
        if (update.isPresent() && update.get().homeAgent().equals(address)) {
            bindingUpdate(port, update.get(), at);
            return;
        }
        if (port.device().equals(homeLink)) {
            Optional<Ipv6Address> defended = Mip6Frames.neighborAdvertisementTarget(frame);
            defended.map(bindings::get).filter(e -> !e.installed && e.latest != null).ifPresent(e -> {
                out.emitAt(at, "error", "reason", "DAD of the home address " + defended.get() + " failed: a host on the home link defends it");
                acknowledge(e, 134); // duplicate address detection failed
                bindings.remove(defended.get());
            });
        }
    }

    private void bindingUpdate(PacketPort port, Mip6Frames.BindingUpdate bu, long at) {
        out.emitAt(at, "binding-update-received", "home-address", bu.home().toString(), "care-of", bu.careOf().toString(),
                "sequence", bu.sequence(), "lifetime-s", bu.lifetimeS(), "device", port.device());
        Entry entry = bindings.computeIfAbsent(bu.home(), h -> new Entry());
        entry.latest = bu;
        entry.arrivedOn = port;
        entry.ownMac = devices.get(port.device());
        Expected want = expected.get(bu.home());
        if (!homePrefix.contains(bu.home()) || want == null) {
            acknowledge(entry, 133); // not home agent for this mobile node
            bindings.remove(bu.home());
            return;
        }
        if (!bu.homeRegistration()) {
            out.emitAt(at, "error", "reason", "a Binding Update without the H flag for " + bu.home() + "; this home agent takes home registrations");
            acknowledge(entry, 128);
            return;
        }
        if (bu.lifetimeS() == 0 || bu.careOf().equals(bu.home())) {
            deregister(entry, bu);
            return;
        }
        if (!bu.careOf().equals(want.careOf())) {
            out.emitAt(at, "error", "reason", "binding update for " + bu.home() + " from care-of " + bu.careOf() + ", but the generated "
                    + want.file() + " tunnels to " + want.careOf());
            acknowledge(entry, 128);
            return;
        }
        if (entry.installed && bu.careOf().equals(entry.careOf)) {
            acknowledge(entry, 0);
            return;
        }
        if (entry.careOf != null && entry.careOf.equals(bu.careOf())) {
            return; // a retransmission while the home address is still under DAD
        }
        entry.careOf = bu.careOf();
        PacketPort home = ports.get(homeLink);
        try {
            long now = System.nanoTime();
            home.send(Mip6Frames.dadSolicitation(devices.get(homeLink), bu.home()));
            out.emitAt(now, "home-dad-started", "home-address", bu.home().toString());
        } catch (PacketPort.PortException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        loop.schedule(MobileNodeAgent.RETRANS_TIMER_NS, () -> {
            if (bindings.get(bu.home()) != entry) {
                return; // DAD failed meanwhile
            }
            out.emit("home-dad-done", "home-address", bu.home().toString());
            ProtocolLoop.applyBatch(ip, want.file());
            entry.installed = true;
            out.emit("binding-installed", "home-address", bu.home().toString(), "care-of", entry.careOf.toString());
            acknowledge(entry, 0);
        });
    }

    /** RFC 6275 10.3.2: the mobile node is home; the binding (if any) and its tunnel go, and the update is acknowledged. */
    private void deregister(Entry entry, Mip6Frames.BindingUpdate bu) {
        if (entry.installed) {
            Path file = deregistration.get(bu.home());
            if (file == null) {
                throw new IllegalStateException("no generated deregistration file for " + bu.home() + " (--deregistration)");
            }
            ProtocolLoop.applyBatch(ip, file);
            out.emit("deregistered", "home-address", bu.home().toString(), "care-of", entry.careOf.toString());
        }
        bindings.remove(bu.home());
        acknowledge(entry, 0);
    }

    private void acknowledge(Entry entry, int status) {
        Mip6Frames.BindingUpdate bu = entry.latest;
        long lifetime = status < 128 ? bu.lifetimeS() : 0;
        try {
            long now = System.nanoTime();
            entry.arrivedOn.send(Mip6Frames.bindingAck(entry.ownMac, bu.sender(), address, bu.careOf(), bu.home(), status, bu.sequence(), lifetime));
            out.emitAt(now, "binding-ack-sent", "home-address", bu.home().toString(), "care-of", bu.careOf().toString(),
                    "status", status, "sequence", bu.sequence());
        } catch (PacketPort.PortException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        running = false;
        loop.close();
    }
}
