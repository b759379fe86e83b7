package org.warplab.ui.designer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.edit.ChangeSettings;
import org.warplab.edit.Edit;
import org.warplab.edit.ElementFactory;
import org.warplab.model.AnnounceTrigger;
import org.warplab.model.DadMode;
import org.warplab.model.DataCenter;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.LinkKind;
import org.warplab.model.MobileIpv6;
import org.warplab.model.NetworkPaging;
import org.warplab.model.Router;
import org.warplab.model.RoutingMove;
import org.warplab.model.SchemeConfig;
import org.warplab.model.SegmentGateway;
import org.warplab.model.SegmentIdKind;
import org.warplab.model.Segmentation;
import org.warplab.ui.common.Parse;
import org.warplab.model.Units;

/** The scheme panel's fields: the parameters of the scheme in use. */
final class SchemeFields {

    private SchemeFields() {
    }

    private static Edit set(Lab lab, String what, SchemeConfig config) {
        return ChangeSettings.between("Change " + what, lab, lab.withSchemeConfig(config));
    }

    static List<Field> forLab(Lab lab) {
        Optional<SchemeConfig> config = lab.activeScheme();
        if (config.isEmpty()) {
            return List.of();
        }
        SchemeConfig c = config.get();
        if (c instanceof NetworkPaging p) {
            return paging(lab, p);
        }
        if (c instanceof Segmentation s) {
            return segmentation(lab, s);
        }
        if (c instanceof MobileIpv6 m) {
            return mobileIpv6(lab, m);
        }
        if (c instanceof RoutingMove r) {
            return routingMove(lab, r);
        }
        return List.of();
    }

    private static List<Field> paging(Lab lab, NetworkPaging p) {
        List<Field> fields = new ArrayList<>();
        String category = "Network paging";
        fields.add(Field.text(category, "Translating server edges", "Server-edge routers that translate their data center's S to a WAN prefix S' (comma-separated ids)",
                Parse.join(p.serverEdges().stream().map(NetworkPaging.Translation::router).toList()), text -> {
                    List<NetworkPaging.Translation> next = new ArrayList<>();
                    for (String id : Parse.nodeIds(lab, text, "translating server edges")) {
                        if (lab.node(id, Router.class).isEmpty()) {
                            throw new IllegalArgumentException(id + " is not a router");
                        }
                        Optional<NetworkPaging.Translation> kept = p.serverEdges().stream().filter(t -> t.router().equals(id)).findFirst();
                        next.add(kept.orElseGet(() -> defaultTranslation(lab, id)));
                    }
                    return set(lab, "translating edges", new NetworkPaging(next, p.clientEdges(), p.trigger(),
                            p.captureProcessingNs(), p.switchProcessingNs()));
                }));
        for (int i = 0; i < p.serverEdges().size(); i++) {
            NetworkPaging.Translation t = p.serverEdges().get(i);
            int index = i;
            fields.add(Field.text(category, t.router() + " LAN prefix S", "The prefix behind " + t.router() + " that it translates",
                    t.lanPrefix().toString(), text -> set(lab, "LAN prefix of " + t.router(), replace(p, index,
                            new NetworkPaging.Translation(t.router(), IpPrefix.parse(text), t.wanPrefix())))));
            fields.add(Field.text(category, t.router() + " WAN prefix S'", "What " + t.router() + " shows on the WAN for S: same length, host bits kept",
                    t.wanPrefix().toString(), text -> set(lab, "WAN prefix of " + t.router(), replace(p, index,
                            new NetworkPaging.Translation(t.router(), t.lanPrefix(), IpPrefix.parse(text))))));
        }
        fields.add(Field.text(category, "Client-edge translators", "Routers at client sites that map S' back to S per VM location (comma-separated ids)",
                Parse.join(p.clientEdges()), text -> set(lab, "client-edge translators", new NetworkPaging(p.serverEdges(),
                        routerIds(lab, text, "client-edge translators"), p.trigger(), p.captureProcessingNs(), p.switchProcessingNs()))));
        fields.add(Field.choice(category, "Trigger", "Which announcement makes the capture program switch the translators",
                p.trigger().key(), Parse.keys(AnnounceTrigger.class), text -> set(lab, "trigger", new NetworkPaging(p.serverEdges(),
                        p.clientEdges(), Parse.key(AnnounceTrigger.class, text), p.captureProcessingNs(), p.switchProcessingNs()))));
        fields.add(Field.text(category, "Capture processing (ms)", "From seeing the announcement to sending the configuration message",
                Units.msExact(p.captureProcessingNs()), text -> set(lab, "capture processing", new NetworkPaging(p.serverEdges(),
                        p.clientEdges(), p.trigger(), Parse.millisToNs(text, "capture processing"), p.switchProcessingNs()))));
        fields.add(Field.text(category, "Switch processing (ms)", "A translator's time to apply a configuration message",
                Units.msExact(p.switchProcessingNs()), text -> set(lab, "switch processing", new NetworkPaging(p.serverEdges(),
                        p.clientEdges(), p.trigger(), p.captureProcessingNs(), Parse.millisToNs(text, "switch processing")))));
        return fields;
    }

    private static NetworkPaging replace(NetworkPaging p, int index, NetworkPaging.Translation t) {
        List<NetworkPaging.Translation> next = new ArrayList<>(p.serverEdges());
        next.set(index, t);
        return new NetworkPaging(next, p.clientEdges(), p.trigger(), p.captureProcessingNs(), p.switchProcessingNs());
    }

    private static NetworkPaging.Translation defaultTranslation(Lab lab, String router) {
        Optional<IpPrefix> lan = lab.neighbours(router, LinkKind.LAN).stream()
                .flatMap(id -> lab.node(id, DataCenter.class).stream())
                .flatMap(dc -> dc.lanPrefix(IpFamily.IPV4).stream()).findFirst();
        if (lan.isEmpty()) {
            throw new IllegalArgumentException(router + " has no data center on its LAN to translate: connect one first");
        }
        return new NetworkPaging.Translation(router, lan.get(), ElementFactory.translatedPrefix(lan.get()));
    }

    private static List<String> routerIds(Lab lab, String text, String what) {
        List<String> ids = Parse.nodeIds(lab, text, what);
        for (String id : ids) {
            if (lab.node(id, Router.class).isEmpty()) {
                throw new IllegalArgumentException(what + ": " + id + " is not a router");
            }
        }
        return ids;
    }

    private static List<Field> segmentation(Lab lab, Segmentation s) {
        List<Field> fields = new ArrayList<>();
        String category = "Segmentation";
        fields.add(Field.choice(category, "Segment id kind", "VLAN ids (1–4094) or VPN ids / VXLAN VNIs (up to 16777215)",
                s.idKind().key(), Parse.keys(SegmentIdKind.class), text -> set(lab, "segment id kind",
                        new Segmentation(Parse.key(SegmentIdKind.class, text), s.segments(), s.endpoints(), s.gateway()))));
        fields.add(Field.text(category, "Segments", "Each segment as name=id: members; segments separated by ';' (e.g. tenant-a=100: vm1, U1)",
                formatSegments(s.segments()), text -> set(lab, "segments",
                        new Segmentation(s.idKind(), parseSegments(lab, text, s.maxId()), s.endpoints(), s.gateway()))));
        fields.add(Field.text(category, "Endpoints", "Routers where the segments enter the WAN (comma-separated ids)",
                Parse.join(s.endpoints()), text -> set(lab, "segment endpoints",
                        new Segmentation(s.idKind(), s.segments(), routerIds(lab, text, "endpoints"), s.gateway()))));
        fields.add(Field.choice(category, "Gateway", "After a move: the segment's gateway stays at the origin (traffic hairpins) or is at every site",
                s.gateway().key(), Parse.keys(SegmentGateway.class), text -> set(lab, "segment gateway",
                        new Segmentation(s.idKind(), s.segments(), s.endpoints(), Parse.key(SegmentGateway.class, text)))));
        return fields;
    }

    static String formatSegments(List<Segmentation.Segment> segments) {
        List<String> parts = new ArrayList<>();
        for (Segmentation.Segment seg : segments) {
            parts.add(seg.name() + "=" + seg.id() + ": " + Parse.join(seg.members()));
        }
        return String.join("; ", parts);
    }

    static List<Segmentation.Segment> parseSegments(Lab lab, String text, long maxId) {
        List<Segmentation.Segment> segments = new ArrayList<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            int colon = part.indexOf(':');
            if (eq < 0 || colon < eq) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a segment (write name=id: member, member)");
            }
            String name = part.substring(0, eq).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'" + part.strip() + "' has no segment name before '='");
            }
            long id = Parse.integer(part.substring(eq + 1, colon), "segment id of " + name, 1, maxId);
            segments.add(new Segmentation.Segment(name, id, Parse.nodeIds(lab, part.substring(colon + 1), "members of " + name)));
        }
        return segments;
    }

    private static List<Field> mobileIpv6(Lab lab, MobileIpv6 m) {
        List<Field> fields = new ArrayList<>();
        String category = "Mobile IPv6";
        fields.add(Field.choice(category, "Home network", "The data center whose IPv6 LAN is the VM's home network",
                m.homeNetwork(), lab.dataCenters().stream().map(DataCenter::id).toList(), text -> set(lab, "home network",
                        new MobileIpv6(text, m.homeAgent(), m.raMinIntervalNs(), m.raMaxIntervalNs(), m.dad(), m.routeOptimization(),
                                m.correspondents(), m.bindingLifetimeNs()))));
        fields.add(Field.choice(category, "Home agent", "The router on the home network that keeps the binding and tunnels",
                m.homeAgent(), lab.routers().stream().map(Router::id).toList(), text -> set(lab, "home agent",
                        new MobileIpv6(m.homeNetwork(), text, m.raMinIntervalNs(), m.raMaxIntervalNs(), m.dad(), m.routeOptimization(),
                                m.correspondents(), m.bindingLifetimeNs()))));
        fields.add(Field.text(category, "RA min interval (ms)", "Router advertisements at least this far apart (RFC 6275 allows 30 ms)",
                Units.msExact(m.raMinIntervalNs()), text -> set(lab, "RA interval", new MobileIpv6(m.homeNetwork(), m.homeAgent(),
                        Parse.millisToNs(text, "RA min interval"), m.raMaxIntervalNs(), m.dad(), m.routeOptimization(), m.correspondents(),
                        m.bindingLifetimeNs()))));
        fields.add(Field.text(category, "RA max interval (ms)", "Router advertisements at most this far apart (70 ms in the paper)",
                Units.msExact(m.raMaxIntervalNs()), text -> set(lab, "RA interval", new MobileIpv6(m.homeNetwork(), m.homeAgent(),
                        m.raMinIntervalNs(), Parse.millisToNs(text, "RA max interval"), m.dad(), m.routeOptimization(), m.correspondents(),
                        m.bindingLifetimeNs()))));
        fields.add(Field.choice(category, "DAD", "Duplicate address detection for the care-of address: about 1 s unless optimistic or off",
                m.dad().key(), Parse.keys(DadMode.class), text -> set(lab, "DAD", new MobileIpv6(m.homeNetwork(), m.homeAgent(),
                        m.raMinIntervalNs(), m.raMaxIntervalNs(), Parse.key(DadMode.class, text), m.routeOptimization(), m.correspondents(),
                        m.bindingLifetimeNs()))));
        fields.add(Field.flag(category, "Route optimization", "Correspondents that speak MIPv6 get their own binding and bypass the home agent",
                m.routeOptimization(), text -> set(lab, "route optimization", new MobileIpv6(m.homeNetwork(), m.homeAgent(),
                        m.raMinIntervalNs(), m.raMaxIntervalNs(), m.dad(), Boolean.parseBoolean(text), m.correspondents(), m.bindingLifetimeNs()))));
        fields.add(Field.text(category, "Correspondents", "Clients that speak MIPv6 (comma-separated ids)",
                Parse.join(m.correspondents()), text -> set(lab, "correspondents", new MobileIpv6(m.homeNetwork(), m.homeAgent(),
                        m.raMinIntervalNs(), m.raMaxIntervalNs(), m.dad(), m.routeOptimization(), Parse.nodeIds(lab, text, "correspondents"),
                        m.bindingLifetimeNs()))));
        fields.add(Field.text(category, "Binding lifetime (ms)", "How long a binding lasts before it must be refreshed",
                Units.msExact(m.bindingLifetimeNs()), text -> set(lab, "binding lifetime", new MobileIpv6(m.homeNetwork(), m.homeAgent(),
                        m.raMinIntervalNs(), m.raMaxIntervalNs(), m.dad(), m.routeOptimization(), m.correspondents(),
                        Parse.millisToNs(text, "binding lifetime")))));
        return fields;
    }

    private static List<Field> routingMove(Lab lab, RoutingMove r) {
        String category = "Subnet move by routing";
        return List.of(
                Field.text(category, "Advertisement delay (ms)", "From the VM's arrival to the new site advertising its subnet",
                        Units.msExact(r.advertisementDelayNs()), text -> set(lab, "advertisement delay",
                                new RoutingMove(Parse.millisToNs(text, "advertisement delay"), r.floodPerHopNs(), r.spfDelayNs()))),
                Field.text(category, "Flooding per hop (ms)", "Time for the update to cross one router",
                        Units.msExact(r.floodPerHopNs()), text -> set(lab, "flooding delay",
                                new RoutingMove(r.advertisementDelayNs(), Parse.millisToNs(text, "flooding per hop"), r.spfDelayNs()))),
                Field.text(category, "SPF delay (ms)", "Each router's wait before recomputing its routes",
                        Units.msExact(r.spfDelayNs()), text -> set(lab, "SPF delay",
                                new RoutingMove(r.advertisementDelayNs(), r.floodPerHopNs(), Parse.millisToNs(text, "SPF delay")))));
    }
}
