package org.warplab.config;

import java.util.Optional;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.Lab;
import org.warplab.model.LinkKind;

/** Where a router's tunnels start on the WAN. */
final class WanUnderlay {
    private WanUnderlay() {
    }

    /** The address a router uses as a VXLAN tunnel endpoint (and OSPF router id): its first IPv4 WAN address. */
    static Optional<IpAddress> addressOf(Lab lab, String routerId) {
        return lab.linksOf(routerId).stream().filter(l -> l.kind() == LinkKind.WAN)
                .flatMap(l -> l.addressesOf(routerId).stream()).filter(a -> a.family() == IpFamily.IPV4)
                .map(InterfaceAddress::address).findFirst();
    }
}
