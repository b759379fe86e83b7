package org.warplab.emulation.schemes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.warplab.emulation.network.ClientHost;
import org.warplab.emulation.network.EventHandler;
import org.warplab.emulation.network.Frame;
import org.warplab.emulation.network.IpHost;
import org.warplab.emulation.network.Ipv6;
import org.warplab.emulation.network.MigrationRun;
import org.warplab.emulation.network.VmHost;
import org.warplab.model.DadMode;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MobileIpv6;
import org.warplab.run.PacketKind;

/** The mobile node in a VM: movement detection, care-of address, registration with the home agent, tunnel, route optimization. */
final class MobileNode implements IpHost.MobilityAgent, EventHandler {
    private static final int CODE_CARE_OF_READY = 1;
    private static final int CODE_RETRANSMIT = 2;
    private static final int CODE_REFRESH = 3;
    private static final int CODE_PROBE_DONE = 4;

    private final MobileIpv6Behaviour scheme;

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

    MobileNode(MobileIpv6Behaviour scheme, VmHost host, Ipv6Address home, Ipv6.Prefix homePrefix, Ipv6Address homeAgentAddress) {
        this.scheme = scheme;
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
        return scheme.runOf(host.vm.id());
    }

    private void delivered() {
        MigrationRun run = run();
        if (run != null && run.resumedNs >= 0 && (registered || !away()) && run.mobility.firstDeliveryNs < 0
                && run.mobility.bindingAckNs >= 0) {
            run.mobility.firstDeliveryNs = scheme.network.net.now();
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
            run.mobility.routerAdvertisementNs = scheme.network.net.now();
        }
        if (prefix.equals(homePrefix)) {
            careOf = null;
            host.nd.addresses.add(home);
            sendBindingUpdate(0);
            return;
        }
        host.nd.addresses.remove(home);
        careOf = Ipv6.slaac(prefix, host.mac);
        DadMode dad = scheme.config.dad();
        if (dad == DadMode.STANDARD) {
            host.nd.probe(careOf);
            scheme.network.net.sim.scheduleIn(Ipv6.RETRANS_TIMER_NS, this, CODE_CARE_OF_READY, generation);
        } else {
            host.nd.addresses.add(careOf);
            if (dad == DadMode.OPTIMISTIC) {
                // RFC 4429: the optimistic address is used at once while its probe runs
                host.nd.probe(careOf);
                scheme.network.net.sim.scheduleIn(Ipv6.RETRANS_TIMER_NS, this, CODE_PROBE_DONE, generation);
            }
            sendBindingUpdate(scheme.config.bindingLifetimeNs());
        }
    }

    private void sendBindingUpdate(long lifetime) {
        sequence = (sequence + 1) & 0xffff;
        Ipv6Address source = away() ? careOf : home;
        Frame bu = scheme.mobilityFrame(host, PacketKind.BINDING_UPDATE, Frame.MH_BINDING_UPDATE, source, homeAgentAddress);
        bu.mobilitySequence = sequence;
        bu.mobilityLifetimeNs = lifetime;
        bu.acknowledge = true;
        bu.homeRegistration = true;
        MobileIpv6Behaviour.setHomeAddressOption(bu, home);
        MigrationRun run = run();
        if (run != null && run.resumedNs >= 0 && run.mobility.bindingAckNs < 0) {
            if (run.mobility.firstBindingUpdateNs < 0) {
                run.mobility.firstBindingUpdateNs = scheme.network.net.now();
            }
            run.mobility.bindingUpdatesSent++;
        }
        host.route6(bu);
        if (retransmitHandle < 0) {
            backoffNs = MobileIpv6.INITIAL_BINDACK_TIMEOUT_FIRST_REG_NS;
        } else {
            backoffNs = Math.min(backoffNs * 2, MobileIpv6.MAX_BINDACK_TIMEOUT_NS);
        }
        retransmitHandle = scheme.network.net.sim.scheduleIn(backoffNs, this, CODE_RETRANSMIT, new long[] {generation, lifetime});
    }

    private void cancelRetransmission() {
        if (retransmitHandle >= 0) {
            scheme.network.net.sim.cancel(retransmitHandle);
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
            sendBindingUpdate(scheme.config.bindingLifetimeNs());
        } else if (code == CODE_PROBE_DONE) {
            host.nd.probeDone(careOf);
        } else if (code == CODE_REFRESH && registered) {
            sendBindingUpdate(scheme.config.bindingLifetimeNs());
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
                scheme.network.net.drop(frame, host.name, null, "tunneled packet not from the home agent to the home address");
                return null;
            }
            return incoming(scheme.decapsulate(host.name, frame));
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
            run.mobility.bindingAckNs = scheme.network.net.now();
        }
        if (!away()) {
            // back home: the home agent deleted the binding and delivers on the home link again
            registered = false;
            return;
        }
        boolean first = !registered;
        registered = true;
        if (ba.mobilityLifetimeNs > 0) {
            scheme.network.net.sim.scheduleIn((long) (ba.mobilityLifetimeNs * MobileIpv6Behaviour.REFRESH_FRACTION), this, CODE_REFRESH, generation);
        }
        if (first && scheme.config.routeOptimization()) {
            startReturnRoutability();
        }
    }

    private void startReturnRoutability() {
        for (String id : scheme.config.correspondents()) {
            ClientHost cn = scheme.network.clients.get(id);
            if (cn == null || cn.nd == null || !(cn.agent instanceof Correspondent)) {
                continue;
            }
            Ipv6Address address = cn.nd.addresses.get(1);
            returnRoutability.put(address, new Frame[2]);
            MigrationRun run = run();
            if (run != null && run.mobility.returnRoutabilityStartNs < 0) {
                run.mobility.returnRoutabilityStartNs = scheme.network.net.now();
            }
            // HoTI leaves from the home address (through the reverse tunnel), CoTI from the care-of address
            Frame hoti = scheme.mobilityFrame(host, PacketKind.HOME_TEST_INIT, Frame.MH_HOME_TEST_INIT, home, address);
            hoti.mobilitySequence = sequence;
            host.sendIp6(hoti);
            Frame coti = scheme.mobilityFrame(host, PacketKind.CARE_OF_TEST_INIT, Frame.MH_CARE_OF_TEST_INIT, careOf, address);
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
            run.mobility.returnRoutabilityDoneNs = scheme.network.net.now();
        }
        sequence = (sequence + 1) & 0xffff;
        Frame bu = scheme.mobilityFrame(host, PacketKind.BINDING_UPDATE, Frame.MH_BINDING_UPDATE, careOf, correspondent);
        bu.mobilitySequence = sequence;
        bu.mobilityLifetimeNs = Math.min(scheme.config.bindingLifetimeNs(), MobileIpv6Behaviour.MAX_RR_BINDING_LIFETIME_NS);
        MobileIpv6Behaviour.setHomeAddressOption(bu, home);
        host.route6(bu);
        routeOptimized.add(correspondent);
    }

    @Override
    public Frame outgoing(Frame frame) {
        if (!away() || !frame.source6.equals(home)) {
            return frame;
        }
        if (!registered) {
            scheme.network.net.drop(frame, host.name, null, host.name + " is not registered with its home agent yet (no binding acknowledgement)");
            return null;
        }
        if (routeOptimized.contains(frame.destination6) && frame.protocol != Frame.PROTOCOL_MOBILITY) {
            frame.source6 = careOf;
            MobileIpv6Behaviour.setHomeAddressOption(frame, home);
            return frame;
        }
        return scheme.encapsulate(host.name, frame, careOf, homeAgentAddress);
    }
}
