package org.warplab.emulation.schemes;

import java.util.List;
import java.util.Map;
import org.warplab.emulation.network.ClientHost;
import org.warplab.emulation.network.EmulatedNetwork;
import org.warplab.emulation.network.Frame;
import org.warplab.emulation.network.FrameEncoder;
import org.warplab.emulation.network.IpHost;
import org.warplab.emulation.network.Ipv6;
import org.warplab.emulation.network.MigrationRun;
import org.warplab.emulation.network.MobilityTimeline;
import org.warplab.emulation.network.RouterNode;
import org.warplab.emulation.network.SchemeBehaviour;
import org.warplab.emulation.network.VmHost;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.IpFamily;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MobileIpv6;
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
 * address with a type 2 routing header, bypassing the home agent. This class installs the scheme
 * and reads its timeline; the actors are classes of their own: {@link RouterAdvertiser},
 * {@link HomeAgent}, {@link MobileNode} and {@link Correspondent}.
 */
public final class MobileIpv6Behaviour implements SchemeBehaviour {
    /** The mobile node refreshes a binding when this fraction of its lifetime has passed. */
    static final double REFRESH_FRACTION = 0.9;
    /** RFC 6275 MAX_RR_BINDING_LIFETIME: a correspondent binding lasts at most 420 s. */
    static final long MAX_RR_BINDING_LIFETIME_NS = 420_000_000_000L;

    final MobileIpv6 config;
    EmulatedNetwork network;
    HomeAgent homeAgent;

    public MobileIpv6Behaviour(MobileIpv6 config) {
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
            homeAgent = new HomeAgent(this, home.router(), homePort);
            home.router().ipv6Function = homeAgent;
        }
        for (Map.Entry<String, EmulatedNetwork.LanAttachment> entry : network.lanAttachments.entrySet()) {
            RouterNode router = entry.getValue().router();
            RouterNode.Port port = router.ports.get(entry.getValue().port());
            if (port.nd != null) {
                new RouterAdvertiser(this, router, port, router == (homeAgent == null ? null : homeAgent.router)).start();
            }
        }
        if (homeAgent != null) {
            Ipv6.Prefix homePrefix = new Ipv6.Prefix(homePort.ip6, homePort.prefix6Length).masked();
            for (VmHost vm : network.vms.values()) {
                Ipv6Address address = vm.vmAddress6();
                if (vm.nd != null && address != null && homePrefix.contains(address)) {
                    vm.agent = new MobileNode(this, vm, address, homePrefix, homePort.ip6);
                    homeAgent.homeAddresses.put(address, vm.vm.id());
                }
            }
        }
        if (config.routeOptimization()) {
            for (String id : config.correspondents()) {
                ClientHost client = network.clients.get(id);
                if (client != null && client.nd != null) {
                    client.agent = new Correspondent(this, client);
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

    MigrationRun runOf(String vm) {
        return network.currentRun.get(vm);
    }

    Frame mobilityFrame(IpHost host, PacketKind kind, int type, Ipv6Address source, Ipv6Address destination) {
        Frame frame = host.newIp6Frame(kind, source, destination, Frame.PROTOCOL_MOBILITY,
                Frame.IPV6_HEADER_BYTES + FrameEncoder.mobilityBytes(type));
        frame.mobilityType = type;
        return frame;
    }

    static void setHomeAddressOption(Frame frame, Ipv6Address home) {
        frame.homeAddressOption = home;
        frame.ipBytes += FrameEncoder.EXTENSION_HEADER_BYTES;
    }

    static void setRoutingHome(Frame frame, Ipv6Address home) {
        frame.routingHomeAddress = home;
        frame.ipBytes += FrameEncoder.EXTENSION_HEADER_BYTES;
    }

    /** Wraps {@code inner} into an IPv6-in-IPv6 packet; the packet keeps its id, kind and path so the trace follows it. */
    Frame encapsulate(String node, Frame inner, Ipv6Address source, Ipv6Address destination) {
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

    Frame decapsulate(String node, Frame outer) {
        Frame inner = outer.inner;
        inner.path = outer.path;
        if (network.net.tracing()) {
            network.net.trace(new TraceEvent.Decapsulated(network.net.now(), outer.id, node, "ip6ip6"));
        }
        return inner;
    }

}
