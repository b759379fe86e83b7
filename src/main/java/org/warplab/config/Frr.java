package org.warplab.config;

import java.util.List;
import org.warplab.model.IpPrefix;

/**
 * FRR configuration (zebra + ospfd) for a WAN router: OSPF area 0 on its WAN links
 * (point-to-point), announcing exactly the prefixes the scheme has this router advertise (a
 * translating server edge announces S', an untranslated one S). With fast convergence, the timers
 * measured in DESIGN §3: SPF throttle 0/50/1000 ms, no LSA throttle, 1 s hellos.
 */
public final class Frr {

    public static final String ADVERTISE = "WL-ADVERTISE";

    private Frr() {
    }

    /** One WAN interface of the router with its IPv4 subnet. */
    public record OspfInterface(String name, String peer, IpPrefix subnet) {
    }

    public static String zebra(String router, List<OspfInterface> interfaces) {
        StringBuilder text = header(router, "zebra");
        for (OspfInterface i : interfaces) {
            text.append("interface ").append(i.name()).append("\n");
            text.append(" description WAN link to ").append(i.peer()).append("\n");
            text.append("!\n");
        }
        text.append("line vty\n!\n");
        return text.toString();
    }

    public static String ospfd(String router, String routerId, List<OspfInterface> interfaces, List<IpPrefix> advertised,
                               boolean fastConvergence) {
        StringBuilder text = header(router, "ospfd, area 0 over the WAN links");
        int seq = 5;
        for (IpPrefix prefix : advertised) {
            text.append("ip prefix-list ").append(ADVERTISE).append(" seq ").append(seq).append(" permit ").append(prefix).append("\n");
            seq += 5;
        }
        text.append("ip prefix-list ").append(ADVERTISE).append(" seq ").append(seq).append(" deny any\n");
        text.append("!\n");
        text.append("route-map ").append(ADVERTISE).append(" permit 10\n");
        text.append(" match ip address prefix-list ").append(ADVERTISE).append("\n");
        text.append("!\n");
        for (OspfInterface i : interfaces) {
            text.append("interface ").append(i.name()).append("\n");
            text.append(" ip ospf network point-to-point\n");
            if (fastConvergence) {
                text.append(" ip ospf hello-interval 1\n");
                text.append(" ip ospf dead-interval 3\n");
            }
            text.append("!\n");
        }
        text.append("router ospf\n");
        text.append(" ospf router-id ").append(routerId).append("\n");
        for (OspfInterface i : interfaces) {
            text.append(" network ").append(i.subnet()).append(" area 0\n");
        }
        text.append(" redistribute connected route-map ").append(ADVERTISE).append("\n");
        text.append(" redistribute kernel route-map ").append(ADVERTISE).append("\n");
        if (fastConvergence) {
            text.append(" timers throttle spf 0 50 1000\n");
            text.append(" timers throttle lsa all 0\n");
            text.append(" timers lsa min-arrival 0\n");
        }
        text.append("!\n");
        return text.toString();
    }

    /** The lines every daemon's file of {@code router} starts with; {@code what} names the file in its first comment. */
    private static StringBuilder header(String router, String what) {
        StringBuilder text = new StringBuilder();
        text.append("! ").append(router).append(": ").append(what).append("\n");
        text.append("frr defaults traditional\n");
        text.append("hostname ").append(router).append("\n");
        text.append("log stdout informational\n");
        text.append("!\n");
        return text;
    }
}
