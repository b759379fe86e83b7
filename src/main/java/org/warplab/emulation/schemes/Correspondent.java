package org.warplab.emulation.schemes;

import java.util.HashMap;
import java.util.Map;
import org.warplab.emulation.network.ClientHost;
import org.warplab.emulation.network.Frame;
import org.warplab.emulation.network.IpHost;
import org.warplab.emulation.network.MigrationRun;
import org.warplab.emulation.network.VmHost;
import org.warplab.model.Ipv6Address;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/** A correspondent that speaks Mobile IPv6: answers return routability, keeps bindings, sends straight to care-of addresses. */
final class Correspondent implements IpHost.MobilityAgent {
    private final MobileIpv6Behaviour scheme;
    private final ClientHost host;
    private final Map<Ipv6Address, Ipv6Address> bindings = new HashMap<>();

    Correspondent(MobileIpv6Behaviour scheme, ClientHost host) {
        this.scheme = scheme;
        this.host = host;
    }

    @Override
    public Frame outgoing(Frame frame) {
        Ipv6Address careOf = bindings.get(frame.destination6);
        if (careOf != null && frame.protocol != Frame.PROTOCOL_MOBILITY) {
            MobileIpv6Behaviour.setRoutingHome(frame, frame.destination6);
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
            Frame test = scheme.mobilityFrame(host, homeTest ? PacketKind.HOME_TEST : PacketKind.CARE_OF_TEST,
                    homeTest ? Frame.MH_HOME_TEST : Frame.MH_CARE_OF_TEST, own, frame.source6);
            test.mobilitySequence = frame.mobilitySequence;
            host.route6(test);
        } else if (frame.mobilityType == Frame.MH_BINDING_UPDATE && frame.homeAddressOption != null) {
            Ipv6Address home = frame.homeAddressOption;
            Ipv6Address previous = bindings.put(home, frame.source6);
            String vm = vmOf(home);
            MigrationRun run = vm == null ? null : scheme.runOf(vm);
            if (run != null && run.mobility.correspondentBoundNs < 0) {
                run.mobility.correspondentBoundNs = scheme.network.net.now();
            }
            if (scheme.network.net.tracing() && !frame.source6.equals(previous)) {
                scheme.network.net.trace(new TraceEvent.RouteChanged(scheme.network.net.now(), host.name, home + "/128",
                        "care-of " + frame.source6 + " (route optimization)", host.arp.out.link));
            }
        }
        return null;
    }

    private String vmOf(Ipv6Address home) {
        for (VmHost vm : scheme.network.vms.values()) {
            if (home.equals(vm.vmAddress6())) {
                return vm.vm.id();
            }
        }
        return null;
    }
}
