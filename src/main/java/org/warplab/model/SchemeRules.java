package org.warplab.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validator's checks of the scheme settings: one per scheme, and what network paging, segmentation, Mobile IPv6
 * and the routing baseline need from the lab's nodes.
 */
final class SchemeRules extends ValidationRules {

    SchemeRules(Lab lab, List<Problem> problems, Map<String, Integer> nodeIndex) {
        super(lab, problems, nodeIndex);
    }

    @Override
    void check() {
        Set<SchemeKind> kinds = new HashSet<>();
        for (SchemeConfig config : lab.schemes()) {
            if (!kinds.add(config.kind())) {
                error("", "schemes." + config.kind().key(), "the lab has two settings for " + config.kind().label(), "keep one");
            }
        }
        if (lab.activeScheme().isEmpty()) {
            error("", "scheme", "the lab uses '" + lab.scheme().key() + "' but has no settings for it",
                    "add a \"" + lab.scheme().key() + "\" entry under schemes, or choose another scheme");
        }
        for (SchemeConfig config : lab.schemes()) {
            String at = "schemes." + config.kind().key();
            if (config instanceof NetworkPaging paging) {
                checkPaging(paging, at);
            } else if (config instanceof Segmentation segmentation) {
                checkSegmentation(segmentation, at);
            } else if (config instanceof MobileIpv6 mip) {
                checkMobileIpv6(mip, at);
            } else if (config instanceof RoutingMove move) {
                if (move.advertisementDelayNs() < 0 || move.floodPerHopNs() < 0 || move.spfDelayNs() < 0) {
                    error("", at, "routing convergence times must not be negative", "use 0 or more milliseconds");
                }
            }
        }
    }

    private void checkPaging(NetworkPaging paging, String at) {
        if (paging.serverEdges().isEmpty()) {
            error("", at + ".serverEdges", "network paging has no server-edge translator",
                    "add at least one server-edge router with its LAN prefix S and WAN prefix S'");
        }
        for (int i = 0; i < paging.serverEdges().size(); i++) {
            NetworkPaging.Translation t = paging.serverEdges().get(i);
            String tAt = at + ".serverEdges[" + i + "]";
            Router router = requireRouter(t.router(), tAt + ".router", RouterRole.SERVER_EDGE, "server-edge translator");
            if (t.lanPrefix().family() != t.wanPrefix().family() || t.lanPrefix().length() != t.wanPrefix().length()) {
                error(t.router(), tAt + ".wanPrefix", "translation " + t.lanPrefix() + " -> " + t.wanPrefix() + " changes the prefix length or family",
                        "translation keeps host bits, so S and S' need the same length, e.g. 172.16.0.0/16 -> 172.15.0.0/16");
            } else if (t.lanPrefix().equals(t.wanPrefix())) {
                error(t.router(), tAt + ".wanPrefix", "translation at '" + t.router() + "' maps " + t.lanPrefix() + " onto itself", "choose a WAN prefix S' different from S");
            }
            if (router != null) {
                List<DataCenter> attached = lab.neighbours(router.id(), LinkKind.LAN).stream()
                        .flatMap(id -> lab.node(id, DataCenter.class).stream()).toList();
                if (attached.stream().noneMatch(dc -> dc.lanPrefixes().contains(t.lanPrefix()))) {
                    error(t.router(), tAt + ".lanPrefix", "'" + t.router() + "' translates " + t.lanPrefix() + " but no data center with that LAN prefix is attached to it",
                            "attach the data center to '" + t.router() + "' with a LAN link, or use its LAN prefix here");
                }
            }
        }
        if (paging.clientEdges().isEmpty()) {
            error("", at + ".clientEdges", "network paging has no client-edge translator",
                    "add the client-edge router(s) that translate S' back to S for the clients");
        }
        for (int i = 0; i < paging.clientEdges().size(); i++) {
            requireRouter(paging.clientEdges().get(i), at + ".clientEdges[" + i + "]", RouterRole.CLIENT_EDGE, "client-edge translator");
        }
        if (paging.captureProcessingNs() < 0 || paging.switchProcessingNs() < 0) {
            error("", at, "processing times must not be negative", "use 0 or more milliseconds");
        }
        for (Migration migration : lab.migrations()) {
            lab.node(migration.to(), DataCenter.class).filter(dc -> !dc.capturesAnnouncements()).ifPresent(dc ->
                    error(dc.id(), nodePath(dc.id()) + ".capturesAnnouncements",
                            "nobody watches for announcements on '" + dc.id() + "', where migration '" + migration.id() + "' arrives",
                            "turn on 'Captures announcements' for '" + dc.id() + "' so the client-edge translators learn that the VM moved"));
        }
    }

    private void checkSegmentation(Segmentation segmentation, String at) {
        if (segmentation.segments().isEmpty()) {
            error("", at + ".segments", "segmentation has no segment", "add a segment per tenant with its VMs and clients");
        }
        Map<Long, String> ids = new HashMap<>();
        Map<String, String> memberOf = new HashMap<>();
        Map<String, Set<IpAddress>> addressesBySegment = new HashMap<>();
        String idName = segmentation.idKind() == SegmentIdKind.VLAN ? "VLAN id" : "VNI";
        for (int i = 0; i < segmentation.segments().size(); i++) {
            Segmentation.Segment segment = segmentation.segments().get(i);
            String sAt = at + ".segments[" + i + "]";
            if (segment.id() < 1 || segment.id() > segmentation.maxId()) {
                error("", sAt + ".id", "segment '" + segment.name() + "' has " + idName + " " + segment.id() + ", outside 1.." + segmentation.maxId(),
                        segmentation.idKind() == SegmentIdKind.VLAN ? "VLAN ids are 1 to 4094; choose VNIs as the segment id kind for more segments" : "VNIs are 1 to 16777215");
            } else if (ids.putIfAbsent(segment.id(), segment.name()) != null) {
                error("", sAt + ".id", "segments '" + ids.get(segment.id()) + "' and '" + segment.name() + "' share " + idName + " " + segment.id(),
                        "give each segment its own id");
            }
            for (int m = 0; m < segment.members().size(); m++) {
                String member = segment.members().get(m);
                String mAt = sAt + ".members[" + m + "]";
                Node node = lab.node(member).orElse(null);
                if (node == null) {
                    error("", mAt, "segment '" + segment.name() + "' lists '" + member + "', which does not exist", "list VMs and clients of this lab");
                    continue;
                }
                if (!(node instanceof Vm) && !(node instanceof Client)) {
                    error(member, mAt, "segment '" + segment.name() + "' lists " + node.kind().label() + " '" + member + "'", "segments hold VMs and clients");
                    continue;
                }
                String previous = memberOf.putIfAbsent(member, segment.name());
                if (previous != null) {
                    error(member, mAt, "'" + member + "' is in segments '" + previous + "' and '" + segment.name() + "'", "put each VM and client in one segment");
                }
                if (node instanceof Vm vm) {
                    for (IpAddress address : vm.addresses()) {
                        if (!addressesBySegment.computeIfAbsent(segment.name(), k -> new HashSet<>()).add(address)) {
                            error(member, mAt, "two VMs of segment '" + segment.name() + "' share the address " + address,
                                    "addresses must be unique within a segment (identical ones are fine in different segments)");
                        }
                    }
                }
            }
        }
        for (Migration migration : lab.migrations()) {
            if (lab.node(migration.vm(), Vm.class).isPresent() && !memberOf.containsKey(migration.vm())) {
                error(migration.vm(), at + ".segments", "VM '" + migration.vm() + "' migrates but is in no segment", "add it to its tenant's segment");
            }
        }
        if (segmentation.endpoints().isEmpty()) {
            error("", at + ".endpoints", "segmentation has no endpoint router", "list the routers that carry the segments across the WAN (one per site)");
        }
        for (int i = 0; i < segmentation.endpoints().size(); i++) {
            requireRouter(segmentation.endpoints().get(i), at + ".endpoints[" + i + "]", null, "segment endpoint");
        }
    }

    private void checkMobileIpv6(MobileIpv6 mip, String at) {
        Node home = lab.node(mip.homeNetwork()).orElse(null);
        if (!(home instanceof DataCenter homeDc)) {
            error("", at + ".homeNetwork", home == null ? "home network '" + mip.homeNetwork() + "' does not exist"
                    : "home network '" + mip.homeNetwork() + "' is a " + home.kind().label(), "name the data center whose IPv6 LAN is the home network");
        } else if (homeDc.lanPrefix(IpFamily.IPV6).isEmpty()) {
            error(homeDc.id(), at + ".homeNetwork", "home network '" + homeDc.id() + "' has no IPv6 prefix",
                    "Mobile IPv6 needs IPv6: give '" + homeDc.id() + "' an IPv6 LAN prefix, e.g. 2001:db8:1::/64");
        }
        Router homeAgent = requireRouter(mip.homeAgent(), at + ".homeAgent", null, "home agent");
        if (homeAgent != null && home instanceof DataCenter && !lab.neighbours(homeAgent.id(), LinkKind.LAN).contains(home.id())) {
            error(homeAgent.id(), at + ".homeAgent", "home agent '" + homeAgent.id() + "' is not attached to home network '" + home.id() + "'",
                    "the home agent is a router on the home link; attach it with a LAN link");
        }
        if (mip.raMinIntervalNs() <= 0 || mip.raMaxIntervalNs() < mip.raMinIntervalNs()) {
            error("", at + ".raMinIntervalMs", "router advertisement interval " + millis(mip.raMinIntervalNs()) + "-" + millis(mip.raMaxIntervalNs()) + " ms is not a range",
                    "use min > 0 and max >= min; MIPv6 allows 30-70 ms");
        }
        if (mip.bindingLifetimeNs() <= 0) {
            error("", at + ".bindingLifetimeS", "the binding lifetime must be positive", "use e.g. 420 s");
        }
        for (int i = 0; i < mip.correspondents().size(); i++) {
            String id = mip.correspondents().get(i);
            Client client = lab.node(id, Client.class).orElse(null);
            if (client == null) {
                error("", at + ".correspondents[" + i + "]", "correspondent '" + id + "' is not a client of this lab", "list clients that speak Mobile IPv6");
            } else if (client.address(IpFamily.IPV6).isEmpty()) {
                error(id, at + ".correspondents[" + i + "]", "correspondent '" + id + "' has no IPv6 address", "give it an IPv6 address");
            }
        }
        for (Migration migration : lab.migrations()) {
            lab.node(migration.to(), DataCenter.class).filter(dc -> dc.lanPrefix(IpFamily.IPV6).isEmpty()).ifPresent(dc ->
                    error(dc.id(), nodePath(dc.id()) + ".lanPrefixes", "'" + dc.id() + "', where migration '" + migration.id() + "' arrives, has no IPv6 prefix",
                            "Mobile IPv6 forms a care-of address from the foreign network's IPv6 prefix; add one"));
            lab.node(migration.vm(), Vm.class).filter(vm -> vm.address(IpFamily.IPV6).isEmpty()).ifPresent(vm ->
                    error(vm.id(), nodePath(vm.id()) + ".addresses", "VM '" + vm.id() + "' has no IPv6 home address",
                            "give it an address in the home network's IPv6 prefix"));
        }
    }
}
