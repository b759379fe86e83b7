package org.warplab.emulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.warplab.model.Client;
import org.warplab.model.DadMode;
import org.warplab.model.DataCenter;
import org.warplab.model.IpFamily;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MobileIpv6;
import org.warplab.model.Overhead;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;

/**
 * Mobile IPv6 (RFC 6275, paper 003) on the emulated network. Every data-center router sends router
 * advertisements at a uniformly random interval in [raMinInterval, raMaxInterval]. A VM whose IPv6
 * address lies in the home network is a mobile node: after a move, the first advertisement of a
 * new prefix tells it it moved; it forms a care-of address by SLAAC, checks it by DAD (off,
 * standard: one probe and RetransTimer 1 s, optimistic: usable at once), and sends a Binding
 * Update to its home agent, retransmitted after InitialBindackTimeoutFirstReg (1.5 s) doubling
 * up to 32 s until acknowledged. The home agent checks the home address by DAD on the home link
 * when it has no binding yet, binds it, answers with a Binding Acknowledgement, and tunnels
 * (IPv6-in-IPv6) what arrives for the home address to the care-of address; the mobile node sends
 * its own traffic back through the reverse tunnel. Bindings expire after their lifetime unless the
 * mobile node refreshes them (at {@link #REFRESH_FRACTION} of it). With route optimization, a
 * listed correspondent gets return routability (HoTI via the home agent, CoTI direct; HoT, CoT
 * back) and then its own Binding Update, after which its traffic goes straight to the care-of
 * address with a type 2 routing header, bypassing the home agent.
 */
final class MobileIpv6Behaviour implements SchemeBehaviour {
    /** The mobile node refreshes a binding when this fraction of its lifetime has passed. */
    static final double REFRESH_FRACTION = 0.9;
    /** RFC 6275 MAX_RR_BINDING_LIFETIME: a correspondent binding lasts at most 420 s. */
    static final long MAX_RR_BINDING_LIFETIME_NS = 420_000_000_000L;

    private final MobileIpv6 config;
    private EmulatedNetwork network;
    private HomeAgent homeAgent;

    MobileIpv6Behaviour(MobileIpv6 config) {
        this.config = config;
    }

    @Override
    public String label() {
        return "Mobile IPv6";
    }

    @Override
    public long settleNs(EmulatedNetwork network) {
        // an advertisement, two DADs, one retransmission of the Binding Update, then traffic to show the outcome
        return SETTLE_NS + config.raMaxIntervalNs() + 2 * Ipv6.RETRANS_TIMER_NS + MobileIpv6.INITIAL_BINDACK_TIMEOUT_FIRST_REG_NS;
    }

    @Override
    public void install(EmulatedNetwork network) {
        this.network = network;
        EmulatedNetwork.LanAttachment home = network.lanAttachments.get(config.homeNetwork());
        RouterNode.Port homePort = home == null ? null : home.router().ports.get(home.port());
        if (homePort == null || homePort.nd == null || !home.router().name.equals(config.homeAgent())) {
            network.notes.add("Mobile IPv6: the home network " + config.homeNetwork() + " has no IPv6 LAN on home agent " + config.homeAgent()
                    + "; no mobile node can register");
        } else {
            homeAgent = new HomeAgent(home.router(), homePort);
            home.router().ipv6Function = homeAgent;
        }
        for (Map.Entry<String, EmulatedNetwork.LanAttachment> entry : network.lanAttachments.entrySet()) {
            RouterNode router = entry.getValue().router();
            RouterNode.Port port = router.ports.get(entry.getValue().port());
            if (port.nd != null) {
                new RouterAdvertiser(router, port, router == (homeAgent == null ? null : homeAgent.router)).start();
            }
        }
        if (homeAgent != null) {
            Ipv6.Prefix homePrefix = new Ipv6.Prefix(homePort.ip6, homePort.prefix6Length).masked();
            for (VmHost vm : network.vms.values()) {
                Ipv6Address address = vm.vmAddress6();
                if (vm.nd != null && address != null && homePrefix.contains(address)) {
                    vm.agent = new MobileNode(vm, address, homePrefix, homePort.ip6);
                    homeAgent.homeAddresses.put(address, vm.vm.id());
                }
            }
        }
        if (config.routeOptimization()) {
            for (String id : config.correspondents()) {
                ClientHost client = network.clients.get(id);
                if (client != null && client.nd != null) {
                    client.agent = new Correspondent(client);
                } else if (network.lab.node(id, Client.class).isEmpty()) {
                    network.notes.add("Mobile IPv6: correspondent " + id + " is not a client of the lab; it gets no route optimization");
                }
            }
        }
    }

    @Override
    public void vmResumed(EmulatedNetwork network, MigrationRun run) {
        DataCenter destination = network.lab.node(run.destination.name, DataCenter.class).orElseThrow();
        if (run.vm.agent instanceof MobileNode && destination.lanPrefix(IpFamily.IPV6).isEmpty()) {
            run.notes.add(run.migration.id() + ": " + destination.id() + " has no IPv6 prefix; no router there advertises one, so "
                    + run.vm.vm.id() + " cannot form a care-of address");
        }
    }

    @Override
    public long downtimeEndNs(MigrationRun run) {
        MobilityTimeline t = run.mobility;
        if (run.vm.agent instanceof MobileNode && run.resumedNs >= 0 && t.firstDeliveryNs >= 0) {
            return t.firstDeliveryNs; // the first packet at the home address, also after a deregistration at home
        }
        return run.firstProbeNs;
    }

    @Override
    public Long switchingTimeNs(EmulatedNetwork network, MigrationRun run) {
        MobilityTimeline t = run.mobility;
        return t.routerAdvertisementNs >= 0 && t.bindingAckNs >= 0 ? t.bindingAckNs - t.routerAdvertisementNs : null;
    }

    @Override
    public void addPhases(EmulatedNetwork network, MigrationRun run, List<Phase> phases, List<String> notes) {
        MobilityTimeline t = run.mobility;
        if (run.resumedNs < 0 || !(run.vm.agent instanceof MobileNode)) {
            return;
        }
        if (t.routerAdvertisementNs < 0) {
            notes.add(run.migration.id() + ": " + run.vm.vm.id() + " heard no router advertisement of a new prefix after resuming");
            return;
        }
        phases.add(new Phase("RA wait (movement detection)", run.resumedNs, t.routerAdvertisementNs));
        if (t.firstBindingUpdateNs < 0) {
            return;
        }
        if (t.firstBindingUpdateNs > t.routerAdvertisementNs) {
            phases.add(new Phase("DAD of the care-of address (" + config.dad().key() + ")", t.routerAdvertisementNs, t.firstBindingUpdateNs));
        }
        if (t.homeAgentDadStartNs >= 0) {
            phases.add(new Phase("binding update → home agent", t.firstBindingUpdateNs, t.homeAgentDadStartNs));
            if (t.homeAgentDadEndNs >= 0) {
                phases.add(new Phase("home agent DAD of the home address", t.homeAgentDadStartNs, t.homeAgentDadEndNs));
            }
        }
        if (t.bindingAckNs >= 0) {
            long from = t.homeAgentDadEndNs >= 0 ? t.homeAgentDadEndNs : t.firstBindingUpdateNs;
            String name = t.bindingUpdatesSent > 1 ? "binding acknowledgement → mobile node (after " + (t.bindingUpdatesSent - 1)
                    + " retransmission" + (t.bindingUpdatesSent > 2 ? "s" : "") + ")" : "binding acknowledgement → mobile node";
            phases.add(new Phase(name, Math.min(from, t.bindingAckNs), t.bindingAckNs));
            phases.add(new Phase("IP mobility (total: RA wait → binding acknowledged)", run.resumedNs, t.bindingAckNs));
            if (t.firstDeliveryNs >= t.bindingAckNs) {
                phases.add(new Phase("tunnel: first packet to the home address", t.bindingAckNs, t.firstDeliveryNs));
            }
        }
        if (t.returnRoutabilityStartNs >= 0 && t.returnRoutabilityDoneNs >= 0) {
            phases.add(new Phase("return routability (HoTI/CoTI → HoT/CoT)", t.returnRoutabilityStartNs, t.returnRoutabilityDoneNs));
            if (t.correspondentBoundNs >= 0) {
                phases.add(new Phase("binding update → correspondent", t.returnRoutabilityDoneNs, t.correspondentBoundNs));
            }
        }
    }

    private MigrationRun runOf(String vm) {
        return network.currentRun.get(vm);
    }

    private Frame mobilityFrame(IpHost host, PacketKind kind, int type, Ipv6Address source, Ipv6Address destination) {
        Frame frame = host.newIp6Frame(kind, source, destination, Frame.PROTOCOL_MOBILITY,
                Frame.IPV6_HEADER_BYTES + FrameEncoder.mobilityBytes(type));
        frame.mobilityType = type;
        return frame;
    }

    private static void setHomeAddressOption(Frame frame, Ipv6Address home) {
        frame.homeAddressOption = home;
        frame.ipBytes += FrameEncoder.EXTENSION_HEADER_BYTES;
    }

    private static void setRoutingHome(Frame frame, Ipv6Address home) {
        frame.routingHomeAddress = home;
        frame.ipBytes += FrameEncoder.EXTENSION_HEADER_BYTES;
    }

    /** Wraps {@code inner} into an IPv6-in-IPv6 packet; the packet keeps its id, kind and path so the trace follows it. */
    private Frame encapsulate(String node, Frame inner, Ipv6Address source, Ipv6Address destination) {
        Frame outer = Frame.carrying(inner);
        outer.etherType = Frame.ETHERTYPE_IPV6;
        outer.source6 = source;
        outer.destination6 = destination;
        outer.protocol = Frame.PROTOCOL_IPV6_IN_IP;
        outer.ttl = 64;
        outer.ipBytes = Frame.IPV6_HEADER_BYTES + inner.ipBytes;
        outer.inner = inner;
        outer.path = inner.path;
        if (network.net.tracing()) {
            network.net.trace(new TraceEvent.Encapsulated(network.net.now(), inner.id, node, "ip6ip6", source.toString(), destination.toString()));
        }
        return outer;
    }

    private Frame decapsulate(String node, Frame outer) {
        Frame inner = outer.inner;
        inner.path = outer.path;
        if (network.net.tracing()) {
            network.net.trace(new TraceEvent.Decapsulated(network.net.now(), outer.id, node, "ip6ip6"));
        }
        return inner;
    }

    /** radvd on one data-center LAN port: an advertisement of the port's prefix at a random interval in [min, max]. */
    private final class RouterAdvertiser implements EventHandler {
        private final RouterNode router;
        private final RouterNode.Port port;
        private final boolean homeAgentHere;

        RouterAdvertiser(RouterNode router, RouterNode.Port port, boolean homeAgentHere) {
            this.router = router;
            this.port = port;
            this.homeAgentHere = homeAgentHere;
        }

        void start() {
            network.net.sim.scheduleIn(nextInterval(), this, 0, null);
        }

        private long nextInterval() {
            long min = Math.max(1, config.raMinIntervalNs());
            long max = Math.max(min, config.raMaxIntervalNs());
            return network.net.overheads.draw(Overhead.ROUTER_ADVERTISEMENT, () -> min + network.net.sim.random().nextLongInclusive(max - min));
        }

        @Override
        public void handle(int code, Object payload) {
            NetworkContext net = network.net;
            Frame ra = new Frame();
            ra.id = net.nextPacketId();
            ra.kind = PacketKind.ROUTER_ADVERTISEMENT;
            ra.etherType = Frame.ETHERTYPE_IPV6;
            ra.sourceMac = port.mac;
            ra.destinationMac = Ipv6.multicastMac(Ipv6.ALL_NODES);
            ra.source6 = port.nd.addresses.get(0);
            ra.destination6 = Ipv6.ALL_NODES;
            ra.protocol = Frame.PROTOCOL_ICMPV6;
            ra.icmpType = Frame.ICMPV6_ROUTER_ADVERTISEMENT;
            ra.ttl = 255;
            Ipv6.Prefix prefix = new Ipv6.Prefix(port.ip6, port.prefix6Length).masked();
            ra.target6 = prefix.network();
            ra.prefixLength6 = prefix.length();
            ra.linkLayerOption = port.mac;
            ra.advertisementIntervalMs = config.raMaxIntervalNs() / 1_000_000;
            ra.homeRegistration = homeAgentHere;
            ra.ipBytes = Frame.IPV6_HEADER_BYTES + FrameEncoder.icmpv6Bytes(Frame.ICMPV6_ROUTER_ADVERTISEMENT, true);
            if (net.tracing()) {
                ra.path = new ArrayList<>(List.of(router.name));
            }
            port.out.send(ra);
            net.sim.scheduleIn(nextInterval(), this, 0, null);
        }
    }

    /** The home agent on the home network's router: binding cache, DAD of home addresses, tunnel. */
    private final class HomeAgent implements RouterNode.Ipv6Function, EventHandler {
        private static final int CODE_DAD_DONE = 1;
        private static final int CODE_EXPIRE = 2;

        final RouterNode router;
        final RouterNode.Port homePort;
        final Ipv6Address address;
        final Map<Ipv6Address, String> homeAddresses = new HashMap<>();
        private final Map<Ipv6Address, BindingEntry> bindings = new HashMap<>();
        /** Home addresses under DAD, with the latest Binding Update that asked for them. */
        private final Map<Ipv6Address, Frame> checking = new HashMap<>();

        private final class BindingEntry {
            Ipv6Address careOf;
            long expiresNs;
        }

        HomeAgent(RouterNode router, RouterNode.Port homePort) {
            this.router = router;
            this.homePort = homePort;
            this.address = homePort.ip6;
        }

        @Override
        public boolean local(RouterNode r, Frame frame, RouterNode.Port in) {
            if (frame.protocol == Frame.PROTOCOL_MOBILITY && frame.mobilityType == Frame.MH_BINDING_UPDATE && frame.homeRegistration) {
                bindingUpdate(frame);
                return true;
            }
            if (frame.protocol == Frame.PROTOCOL_IPV6_IN_IP && frame.inner != null) {
                BindingEntry binding = bindings.get(frame.inner.source6);
                if (binding == null || !binding.careOf.equals(frame.source6)) {
                    network.net.drop(frame, router.name, null, "reverse-tunneled packet from " + frame.source6 + " matches no binding");
                    return true;
                }
                Frame inner = decapsulate(router.name, frame);
                if (--inner.ttl <= 0) {
                    network.net.drop(inner, router.name, null, "hop limit exceeded");
                    return true;
                }
                if (router.isLocal6(inner.destination6)) {
                    return local(r, inner, in);
                }
                router.route6(inner);
                return true;
            }
            return false;
        }

        @Override
        public boolean intercept(RouterNode r, Frame frame, RouterNode.Port in) {
            BindingEntry binding = bindings.get(frame.destination6);
            if (binding == null) {
                return false;
            }
            if (--frame.ttl <= 0) {
                network.net.drop(frame, router.name, null, "hop limit exceeded");
                return true;
            }
            router.route6(encapsulate(router.name, frame, address, binding.careOf));
            return true;
        }

        private void bindingUpdate(Frame bu) {
            Ipv6Address home = bu.homeAddressOption;
            String vm = homeAddresses.get(home);
            if (home == null || vm == null) {
                network.net.drop(bu, router.name, null, "binding update for " + home + ", which is not a home address of " + config.homeNetwork());
                return;
            }
            if (bu.mobilityLifetimeNs == 0) {
                bindings.remove(home);
                traceBinding(vm, "binding of " + home + " deleted: the mobile node is home");
                acknowledge(bu, 0);
                return;
            }
            if (bindings.containsKey(home)) {
                bind(bu, vm);
                return;
            }
            // RFC 6275 10.3.1: a new home registration waits for DAD of the home address on the home link
            boolean started = !checking.containsKey(home);
            checking.put(home, bu);
            if (started) {
                MigrationRun run = runOf(vm);
                if (run != null && run.mobility.homeAgentDadStartNs < 0) {
                    run.mobility.homeAgentDadStartNs = network.net.now();
                }
                homePort.nd.probe(home);
                network.net.sim.scheduleIn(Ipv6.RETRANS_TIMER_NS, this, CODE_DAD_DONE, home);
            }
        }

        private void bind(Frame bu, String vm) {
            Ipv6Address home = bu.homeAddressOption;
            BindingEntry binding = bindings.computeIfAbsent(home, h -> new BindingEntry());
            boolean moved = !bu.source6.equals(binding.careOf);
            long lifetime = Math.min(bu.mobilityLifetimeNs, config.bindingLifetimeNs() > 0 ? config.bindingLifetimeNs() : bu.mobilityLifetimeNs);
            binding.careOf = bu.source6;
            binding.expiresNs = network.net.now() + lifetime;
            network.net.sim.scheduleIn(lifetime, this, CODE_EXPIRE, home);
            if (moved) {
                traceBinding(vm, "binding " + home + " → care-of " + binding.careOf + ", tunnel " + address + " ↔ " + binding.careOf
                        + " (lifetime " + lifetime / 1_000_000_000L + " s)");
            }
            acknowledge(bu, lifetime);
        }

        private void acknowledge(Frame bu, long lifetime) {
            Frame ba = bindingAck(bu);
            ba.mobilitySequence = bu.mobilitySequence;
            ba.mobilityLifetimeNs = lifetime;
            router.route6(ba);
        }

        private Frame bindingAck(Frame bu) {
            Ipv6Address careOf = bu.source6;
            Frame ba = new Frame();
            ba.id = network.net.nextPacketId();
            ba.kind = PacketKind.BINDING_ACK;
            ba.etherType = Frame.ETHERTYPE_IPV6;
            ba.source6 = address;
            ba.destination6 = careOf;
            ba.protocol = Frame.PROTOCOL_MOBILITY;
            ba.mobilityType = Frame.MH_BINDING_ACK;
            ba.ttl = 64;
            ba.ipBytes = Frame.IPV6_HEADER_BYTES + FrameEncoder.mobilityBytes(Frame.MH_BINDING_ACK);
            setRoutingHome(ba, bu.homeAddressOption);
            if (network.net.tracing()) {
                ba.path = new ArrayList<>(List.of(router.name));
            }
            return ba;
        }

        private void traceBinding(String vm, String rule) {
            if (network.net.tracing()) {
                network.net.trace(new TraceEvent.RuleSwitched(network.net.now(), router.name, vm, rule));
            }
        }

        @Override
        public void handle(int code, Object payload) {
            Ipv6Address home = (Ipv6Address) payload;
            String vm = homeAddresses.get(home);
            if (code == CODE_DAD_DONE) {
                homePort.nd.probeDone(home);
                Frame bu = checking.remove(home);
                MigrationRun run = runOf(vm);
                if (run != null && run.mobility.homeAgentDadEndNs < 0) {
                    run.mobility.homeAgentDadEndNs = network.net.now();
                }
                if (bu != null) {
                    bind(bu, vm);
                }
            } else if (code == CODE_EXPIRE) {
                BindingEntry binding = bindings.get(home);
                if (binding != null && binding.expiresNs <= network.net.now()) {
                    bindings.remove(home);
                    traceBinding(vm, "binding of " + home + " expired: no refresh from the mobile node");
                }
            }
        }
    }

    /** The mobile node in a VM: movement detection, care-of address, registration with the home agent, tunnel, route optimization. */
    private final class MobileNode implements IpHost.MobilityAgent, EventHandler {
        private static final int CODE_CARE_OF_READY = 1;
        private static final int CODE_RETRANSMIT = 2;
        private static final int CODE_REFRESH = 3;
        private static final int CODE_PROBE_DONE = 4;

        private final VmHost host;
        private final Ipv6Address home;
        private final Ipv6.Prefix homePrefix;
        private final Ipv6Address homeAgentAddress;
        private Ipv6.Prefix currentPrefix;
        private Ipv6Address careOf;
        private boolean registered;
        private int sequence;
        private long retransmitHandle = -1;
        private long backoffNs;
        private int generation;
        private final Map<Ipv6Address, Frame[]> returnRoutability = new HashMap<>();
        private final Set<Ipv6Address> routeOptimized = new HashSet<>();

        MobileNode(VmHost host, Ipv6Address home, Ipv6.Prefix homePrefix, Ipv6Address homeAgentAddress) {
            this.host = host;
            this.home = home;
            this.homePrefix = homePrefix;
            this.homeAgentAddress = homeAgentAddress;
            this.currentPrefix = homePrefix;
            host.deliveredListener = this::delivered;
        }

        private boolean away() {
            return careOf != null;
        }

        private MigrationRun run() {
            return runOf(host.vm.id());
        }

        private void delivered() {
            MigrationRun run = run();
            if (run != null && run.resumedNs >= 0 && (registered || !away()) && run.mobility.firstDeliveryNs < 0
                    && run.mobility.bindingAckNs >= 0) {
                run.mobility.firstDeliveryNs = network.net.now();
            }
        }

        @Override
        public void routerAdvertisement(Frame ra) {
            Ipv6.Prefix prefix = new Ipv6.Prefix(ra.target6, ra.prefixLength6);
            if (prefix.equals(currentPrefix)) {
                return;
            }
            // a router advertising another prefix: the node has moved (RFC 6275 11.5.1)
            generation++;
            currentPrefix = prefix;
            host.gateway6 = ra.source6;
            host.onLink6.clear();
            host.onLink6.add(prefix);
            host.nd.flush();
            if (careOf != null) {
                host.nd.addresses.remove(careOf);
            }
            cancelRetransmission();
            registered = false;
            routeOptimized.clear();
            returnRoutability.clear();
            MigrationRun run = run();
            if (run != null && run.mobility.routerAdvertisementNs < 0 && run.resumedNs >= 0) {
                run.mobility.routerAdvertisementNs = network.net.now();
            }
            if (prefix.equals(homePrefix)) {
                careOf = null;
                host.nd.addresses.add(home);
                sendBindingUpdate(0);
                return;
            }
            host.nd.addresses.remove(home);
            careOf = Ipv6.slaac(prefix, host.mac);
            DadMode dad = config.dad();
            if (dad == DadMode.STANDARD) {
                host.nd.probe(careOf);
                network.net.sim.scheduleIn(Ipv6.RETRANS_TIMER_NS, this, CODE_CARE_OF_READY, generation);
            } else {
                host.nd.addresses.add(careOf);
                if (dad == DadMode.OPTIMISTIC) {
                    // RFC 4429: the optimistic address is used at once while its probe runs
                    host.nd.probe(careOf);
                    network.net.sim.scheduleIn(Ipv6.RETRANS_TIMER_NS, this, CODE_PROBE_DONE, generation);
                }
                sendBindingUpdate(config.bindingLifetimeNs());
            }
        }

        private void sendBindingUpdate(long lifetime) {
            sequence = (sequence + 1) & 0xffff;
            Ipv6Address source = away() ? careOf : home;
            Frame bu = mobilityFrame(host, PacketKind.BINDING_UPDATE, Frame.MH_BINDING_UPDATE, source, homeAgentAddress);
            bu.mobilitySequence = sequence;
            bu.mobilityLifetimeNs = lifetime;
            bu.acknowledge = true;
            bu.homeRegistration = true;
            setHomeAddressOption(bu, home);
            MigrationRun run = run();
            if (run != null && run.resumedNs >= 0 && run.mobility.bindingAckNs < 0) {
                if (run.mobility.firstBindingUpdateNs < 0) {
                    run.mobility.firstBindingUpdateNs = network.net.now();
                }
                run.mobility.bindingUpdatesSent++;
            }
            host.route6(bu);
            if (retransmitHandle < 0) {
                backoffNs = MobileIpv6.INITIAL_BINDACK_TIMEOUT_FIRST_REG_NS;
            } else {
                backoffNs = Math.min(backoffNs * 2, MobileIpv6.MAX_BINDACK_TIMEOUT_NS);
            }
            retransmitHandle = network.net.sim.scheduleIn(backoffNs, this, CODE_RETRANSMIT, new long[] {generation, lifetime});
        }

        private void cancelRetransmission() {
            if (retransmitHandle >= 0) {
                network.net.sim.cancel(retransmitHandle);
                retransmitHandle = -1;
            }
        }

        @Override
        public void handle(int code, Object payload) {
            if (code == CODE_RETRANSMIT) {
                long[] what = (long[]) payload;
                if (what[0] == generation && retransmitHandle >= 0) {
                    sendBindingUpdate(what[1]);
                }
                return;
            }
            if (((Integer) payload) != generation || careOf == null) {
                return;
            }
            if (code == CODE_CARE_OF_READY) {
                host.nd.probeDone(careOf);
                host.nd.addresses.add(careOf);
                sendBindingUpdate(config.bindingLifetimeNs());
            } else if (code == CODE_PROBE_DONE) {
                host.nd.probeDone(careOf);
            } else if (code == CODE_REFRESH && registered) {
                sendBindingUpdate(config.bindingLifetimeNs());
            }
        }

        @Override
        public boolean accepts(Frame frame) {
            return frame.destination6.equals(home) || (frame.routingHomeAddress != null && frame.routingHomeAddress.equals(home));
        }

        @Override
        public Frame incoming(Frame frame) {
            if (frame.protocol == Frame.PROTOCOL_IPV6_IN_IP && frame.inner != null) {
                if (!frame.source6.equals(homeAgentAddress) || !frame.inner.destination6.equals(home)) {
                    network.net.drop(frame, host.name, null, "tunneled packet not from the home agent to the home address");
                    return null;
                }
                return incoming(decapsulate(host.name, frame));
            }
            if (frame.protocol != Frame.PROTOCOL_MOBILITY) {
                return frame;
            }
            if (frame.mobilityType == Frame.MH_BINDING_ACK) {
                bindingAcknowledged(frame);
            } else if (frame.mobilityType == Frame.MH_HOME_TEST || frame.mobilityType == Frame.MH_CARE_OF_TEST) {
                testArrived(frame);
            }
            return null;
        }

        private void bindingAcknowledged(Frame ba) {
            if (ba.mobilitySequence != sequence || ba.mobilityStatus != 0) {
                return;
            }
            cancelRetransmission();
            MigrationRun run = run();
            if (run != null && run.resumedNs >= 0 && run.mobility.bindingAckNs < 0) {
                run.mobility.bindingAckNs = network.net.now();
            }
            if (!away()) {
                // back home: the home agent deleted the binding and delivers on the home link again
                registered = false;
                return;
            }
            boolean first = !registered;
            registered = true;
            if (ba.mobilityLifetimeNs > 0) {
                network.net.sim.scheduleIn((long) (ba.mobilityLifetimeNs * REFRESH_FRACTION), this, CODE_REFRESH, generation);
            }
            if (first && config.routeOptimization()) {
                startReturnRoutability();
            }
        }

        private void startReturnRoutability() {
            for (String id : config.correspondents()) {
                ClientHost cn = network.clients.get(id);
                if (cn == null || cn.nd == null || !(cn.agent instanceof Correspondent)) {
                    continue;
                }
                Ipv6Address address = cn.nd.addresses.get(1);
                returnRoutability.put(address, new Frame[2]);
                MigrationRun run = run();
                if (run != null && run.mobility.returnRoutabilityStartNs < 0) {
                    run.mobility.returnRoutabilityStartNs = network.net.now();
                }
                // HoTI leaves from the home address (through the reverse tunnel), CoTI from the care-of address
                Frame hoti = mobilityFrame(host, PacketKind.HOME_TEST_INIT, Frame.MH_HOME_TEST_INIT, home, address);
                hoti.mobilitySequence = sequence;
                host.sendIp6(hoti);
                Frame coti = mobilityFrame(host, PacketKind.CARE_OF_TEST_INIT, Frame.MH_CARE_OF_TEST_INIT, careOf, address);
                coti.mobilitySequence = sequence;
                host.route6(coti);
            }
        }

        private void testArrived(Frame test) {
            Ipv6Address correspondent = test.homeAddressOption != null ? test.homeAddressOption : test.source6;
            Frame[] tests = returnRoutability.get(correspondent);
            if (tests == null) {
                return;
            }
            tests[test.mobilityType == Frame.MH_HOME_TEST ? 0 : 1] = test;
            if (tests[0] == null || tests[1] == null) {
                return;
            }
            returnRoutability.remove(correspondent);
            MigrationRun run = run();
            if (run != null && run.mobility.returnRoutabilityDoneNs < 0) {
                run.mobility.returnRoutabilityDoneNs = network.net.now();
            }
            sequence = (sequence + 1) & 0xffff;
            Frame bu = mobilityFrame(host, PacketKind.BINDING_UPDATE, Frame.MH_BINDING_UPDATE, careOf, correspondent);
            bu.mobilitySequence = sequence;
            bu.mobilityLifetimeNs = Math.min(config.bindingLifetimeNs(), MAX_RR_BINDING_LIFETIME_NS);
            setHomeAddressOption(bu, home);
            host.route6(bu);
            routeOptimized.add(correspondent);
        }

        @Override
        public Frame outgoing(Frame frame) {
            if (!away() || !frame.source6.equals(home)) {
                return frame;
            }
            if (!registered) {
                network.net.drop(frame, host.name, null, host.name + " is not registered with its home agent yet (no binding acknowledgement)");
                return null;
            }
            if (routeOptimized.contains(frame.destination6) && frame.protocol != Frame.PROTOCOL_MOBILITY) {
                frame.source6 = careOf;
                setHomeAddressOption(frame, home);
                return frame;
            }
            return encapsulate(host.name, frame, careOf, homeAgentAddress);
        }
    }

    /** A correspondent that speaks Mobile IPv6: answers return routability, keeps bindings, sends straight to care-of addresses. */
    private final class Correspondent implements IpHost.MobilityAgent {
        private final ClientHost host;
        private final Map<Ipv6Address, Ipv6Address> bindings = new HashMap<>();

        Correspondent(ClientHost host) {
            this.host = host;
        }

        @Override
        public Frame outgoing(Frame frame) {
            Ipv6Address careOf = bindings.get(frame.destination6);
            if (careOf != null && frame.protocol != Frame.PROTOCOL_MOBILITY) {
                setRoutingHome(frame, frame.destination6);
                frame.destination6 = careOf;
            }
            return frame;
        }

        @Override
        public boolean accepts(Frame frame) {
            return false;
        }

        @Override
        public void routerAdvertisement(Frame frame) {
        }

        @Override
        public Frame incoming(Frame frame) {
            if (frame.protocol != Frame.PROTOCOL_MOBILITY) {
                return frame;
            }
            Ipv6Address own = host.nd.addresses.get(1);
            if (frame.mobilityType == Frame.MH_HOME_TEST_INIT || frame.mobilityType == Frame.MH_CARE_OF_TEST_INIT) {
                boolean homeTest = frame.mobilityType == Frame.MH_HOME_TEST_INIT;
                Frame test = mobilityFrame(host, homeTest ? PacketKind.HOME_TEST : PacketKind.CARE_OF_TEST,
                        homeTest ? Frame.MH_HOME_TEST : Frame.MH_CARE_OF_TEST, own, frame.source6);
                test.mobilitySequence = frame.mobilitySequence;
                host.route6(test);
            } else if (frame.mobilityType == Frame.MH_BINDING_UPDATE && frame.homeAddressOption != null) {
                Ipv6Address home = frame.homeAddressOption;
                Ipv6Address previous = bindings.put(home, frame.source6);
                String vm = vmOf(home);
                MigrationRun run = vm == null ? null : runOf(vm);
                if (run != null && run.mobility.correspondentBoundNs < 0) {
                    run.mobility.correspondentBoundNs = network.net.now();
                }
                if (network.net.tracing() && !frame.source6.equals(previous)) {
                    network.net.trace(new TraceEvent.RouteChanged(network.net.now(), host.name, home + "/128",
                            "care-of " + frame.source6 + " (route optimization)", host.arp.out.link));
                }
            }
            return null;
        }

        private String vmOf(Ipv6Address home) {
            for (VmHost vm : network.vms.values()) {
                if (home.equals(vm.vmAddress6())) {
                    return vm.vm.id();
                }
            }
            return null;
        }
    }
}
