package org.warplab.emulation.schemes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.warplab.emulation.network.EventHandler;
import org.warplab.emulation.network.Frame;
import org.warplab.emulation.network.FrameEncoder;
import org.warplab.emulation.network.Ipv6;
import org.warplab.emulation.network.MigrationRun;
import org.warplab.emulation.network.RouterNode;
import org.warplab.model.Ipv6Address;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/** The home agent on the home network's router: binding cache, DAD of home addresses, tunnel. */
final class HomeAgent implements RouterNode.Ipv6Function, EventHandler {
    private static final int CODE_DAD_DONE = 1;
    private static final int CODE_EXPIRE = 2;

    private final MobileIpv6Behaviour scheme;

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

    HomeAgent(MobileIpv6Behaviour scheme, RouterNode router, RouterNode.Port homePort) {
        this.scheme = scheme;
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
                scheme.network.net.drop(frame, router.name, null, "reverse-tunneled packet from " + frame.source6 + " matches no binding");
                return true;
            }
            Frame inner = scheme.decapsulate(router.name, frame);
            if (--inner.ttl <= 0) {
                scheme.network.net.drop(inner, router.name, null, "hop limit exceeded");
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
            scheme.network.net.drop(frame, router.name, null, "hop limit exceeded");
            return true;
        }
        router.route6(scheme.encapsulate(router.name, frame, address, binding.careOf));
        return true;
    }

    private void bindingUpdate(Frame bu) {
        Ipv6Address home = bu.homeAddressOption;
        String vm = homeAddresses.get(home);
        if (home == null || vm == null) {
            scheme.network.net.drop(bu, router.name, null, "binding update for " + home + ", which is not a home address of " + scheme.config.homeNetwork());
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
            MigrationRun run = scheme.runOf(vm);
            if (run != null && run.mobility.homeAgentDadStartNs < 0) {
                run.mobility.homeAgentDadStartNs = scheme.network.net.now();
            }
            homePort.nd.probe(home);
            scheme.network.net.sim.scheduleIn(Ipv6.RETRANS_TIMER_NS, this, CODE_DAD_DONE, home);
        }
    }

    private void bind(Frame bu, String vm) {
        Ipv6Address home = bu.homeAddressOption;
        BindingEntry binding = bindings.computeIfAbsent(home, h -> new BindingEntry());
        boolean moved = !bu.source6.equals(binding.careOf);
        long lifetime = Math.min(bu.mobilityLifetimeNs, scheme.config.bindingLifetimeNs() > 0 ? scheme.config.bindingLifetimeNs() : bu.mobilityLifetimeNs);
        binding.careOf = bu.source6;
        binding.expiresNs = scheme.network.net.now() + lifetime;
        scheme.network.net.sim.scheduleIn(lifetime, this, CODE_EXPIRE, home);
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
        ba.id = scheme.network.net.nextPacketId();
        ba.kind = PacketKind.BINDING_ACK;
        ba.etherType = Frame.ETHERTYPE_IPV6;
        ba.source6 = address;
        ba.destination6 = careOf;
        ba.protocol = Frame.PROTOCOL_MOBILITY;
        ba.mobilityType = Frame.MH_BINDING_ACK;
        ba.ttl = 64;
        ba.ipBytes = Frame.IPV6_HEADER_BYTES + FrameEncoder.mobilityBytes(Frame.MH_BINDING_ACK);
        MobileIpv6Behaviour.setRoutingHome(ba, bu.homeAddressOption);
        if (scheme.network.net.tracing()) {
            ba.path = new ArrayList<>(List.of(router.name));
        }
        return ba;
    }

    private void traceBinding(String vm, String rule) {
        if (scheme.network.net.tracing()) {
            scheme.network.net.trace(new TraceEvent.RuleSwitched(scheme.network.net.now(), router.name, vm, rule));
        }
    }

    @Override
    public void handle(int code, Object payload) {
        Ipv6Address home = (Ipv6Address) payload;
        String vm = homeAddresses.get(home);
        if (code == CODE_DAD_DONE) {
            homePort.nd.probeDone(home);
            Frame bu = checking.remove(home);
            MigrationRun run = scheme.runOf(vm);
            if (run != null && run.mobility.homeAgentDadEndNs < 0) {
                run.mobility.homeAgentDadEndNs = scheme.network.net.now();
            }
            if (bu != null) {
                bind(bu, vm);
            }
        } else if (code == CODE_EXPIRE) {
            BindingEntry binding = bindings.get(home);
            if (binding != null && binding.expiresNs <= scheme.network.net.now()) {
                bindings.remove(home);
                traceBinding(vm, "binding of " + home + " expired: no refresh from the mobile node");
            }
        }
    }
}
