package org.warplab.config;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.LinkKind;
import org.warplab.model.MobileIpv6;
import org.warplab.model.Problem;
import org.warplab.model.Router;
import org.warplab.model.SchemeKind;
import org.warplab.model.Segmentation;
import org.warplab.model.Vm;
import org.warplab.scheme.LabState;
import org.warplab.scheme.Sites;

/**
 * Whether configs can be generated for a lab: the lab's own validation, then what the generators
 * need beyond it (a segment endpoint at every site a segment reaches, an IPv4 WAN address on every
 * VXLAN endpoint, a /64 and a gateway where Mobile IPv6 forms addresses). Errors here mean no file
 * is generated.
 */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    public static List<Problem> check(Lab lab) {
        List<Problem> problems = new ArrayList<>(LabValidator.validate(lab));
        if (LabValidator.hasErrors(problems)) {
            return problems;
        }
        if (lab.scheme() == SchemeKind.SEGMENTATION) {
            lab.schemeConfig(Segmentation.class).ifPresent(s -> segmentation(lab, s, problems));
        } else if (lab.scheme() == SchemeKind.MOBILE_IPV6) {
            lab.schemeConfig(MobileIpv6.class).ifPresent(m -> mobileIpv6(lab, m, problems));
        } else if (lab.scheme() == SchemeKind.L2_EXTENSION) {
            for (DataCenter dc : lab.dataCenters()) {
                Sites.edgeOf(lab, dc.id()).ifPresent(r -> requireUnderlay(lab, r, "stretched-LAN endpoint", problems));
            }
        }
        return problems;
    }

    private static void segmentation(Lab lab, Segmentation s, List<Problem> problems) {
        for (LabState state : LabState.all(lab)) {
            for (Vm vm : lab.vms()) {
                if (s.segments().stream().noneMatch(seg -> seg.members().contains(vm.id()))) {
                    continue;
                }
                String dc = state.placement().of(vm.id());
                Router edge = Sites.edgeOf(lab, dc).orElse(null);
                if (edge == null) {
                    problems.add(Problem.error(dc, "schemes.segmentation.endpoints", "data center '" + dc + "' (where '" + vm.id() + "' is in state "
                            + state.name() + ") has no edge router", "attach '" + dc + "' to a router with a LAN link"));
                } else if (!s.endpoints().contains(edge.id())) {
                    problems.add(Problem.error(edge.id(), "schemes.segmentation.endpoints", "'" + edge.id() + "', the edge of '" + dc + "' where '"
                            + vm.id() + "' is in state " + state.name() + ", is not a segment endpoint", "add '" + edge.id() + "' to the endpoints"));
                }
            }
        }
        for (Segmentation.Segment segment : s.segments()) {
            for (String member : segment.members()) {
                if (lab.node(member, Client.class).isEmpty()) {
                    continue;
                }
                Router edge = Sites.lanLinkOf(lab, member).flatMap(l -> lab.node(l.other(member), Router.class)).orElse(null);
                if (edge == null || !s.endpoints().contains(edge.id())) {
                    problems.add(Problem.error(member, "schemes.segmentation.endpoints", "client '" + member + "' of segment '" + segment.name()
                            + "' is not behind a segment endpoint", "attach it by a LAN link to a router listed in the endpoints"));
                }
            }
        }
        for (String endpoint : s.endpoints()) {
            lab.node(endpoint, Router.class).ifPresent(r -> requireUnderlay(lab, r, "segment endpoint", problems));
        }
    }

    private static String nodePath(Lab lab, String id) {
        for (int i = 0; i < lab.nodes().size(); i++) {
            if (lab.nodes().get(i).id().equals(id)) {
                return "nodes[" + i + "]";
            }
        }
        return "nodes";
    }

    private static void requireUnderlay(Lab lab, Router router, String what, List<Problem> problems) {
        boolean has = lab.linksOf(router.id()).stream().filter(l -> l.kind() == LinkKind.WAN)
                .anyMatch(l -> l.addressesOf(router.id()).stream().anyMatch(a -> a.family() == IpFamily.IPV4));
        if (!has) {
            problems.add(Problem.error(router.id(), nodePath(lab, router.id()), what + " '" + router.id() + "' has no IPv4 address on a WAN link",
                    "VXLAN runs over the WAN's IPv4: give one of its WAN links IPv4 addresses"));
        }
    }

    private static void mobileIpv6(Lab lab, MobileIpv6 m, List<Problem> problems) {
        lab.node(m.homeNetwork(), DataCenter.class).ifPresent(home -> {
            if (home.gatewayAddress(IpFamily.IPV6).isEmpty()) {
                problems.add(Problem.error(home.id(), "schemes.mobile-ipv6.homeNetwork", "home network '" + home.id() + "' has no IPv6 gateway address",
                        "the home agent's address is the home network's IPv6 gateway: add one, e.g. the prefix's ::1"));
            }
        });
        for (DataCenter dc : lab.dataCenters()) {
            if (dc.id().equals(m.homeNetwork())) {
                continue;
            }
            IpPrefix prefix = dc.lanPrefix(IpFamily.IPV6).orElse(null);
            boolean destination = lab.migrations().stream().anyMatch(mig -> mig.to().equals(dc.id()));
            if (!destination || prefix == null) {
                continue;
            }
            if (prefix.length() != 64) {
                problems.add(Problem.error(dc.id(), nodePath(lab, dc.id()) + ".lanPrefixes", "'" + dc.id() + "' has IPv6 prefix " + prefix + "; SLAAC forms a care-of address only on a /64",
                        "use a /64 for the foreign network"));
            }
            if (dc.gatewayAddress(IpFamily.IPV6).isEmpty()) {
                problems.add(Problem.error(dc.id(), nodePath(lab, dc.id()) + ".lanPrefixes", "foreign network '" + dc.id() + "' has no IPv6 gateway address",
                        "a mobile node away from home needs a router: add the gateway's IPv6 address"));
            }
        }
    }
}
