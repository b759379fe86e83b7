package org.warplab.scheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the devices hold for a scheme at one placement of the VMs, as typed records per scheme,
 * flattenable into {@link StateEntry} facts so two states can be diffed.
 */
public sealed interface SchemeState permits SchemeState.Paging, SchemeState.Segments, SchemeState.Bindings, SchemeState.Origins {

    List<StateEntry> entries();

    /** The entries whose slot is new, gone or holds another value in {@code after}: "slot: old -> new". */
    static List<String> changes(SchemeState before, SchemeState after) {
        Map<String, String> old = new LinkedHashMap<>();
        before.entries().forEach(e -> old.put(e.slot(), e.value()));
        Map<String, String> now = new LinkedHashMap<>();
        after.entries().forEach(e -> now.put(e.slot(), e.value()));
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : old.entrySet()) {
            String value = now.get(e.getKey());
            if (!Objects.equals(value, e.getValue())) {
                changes.add(e.getKey() + ": " + e.getValue() + " -> " + (value == null ? "(none)" : value));
            }
        }
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (!old.containsKey(e.getKey())) {
                changes.add(e.getKey() + ": (none) -> " + e.getValue());
            }
        }
        return changes;
    }

    /** Network paging: the server edges' prefix translations and each client edge's VM location table. */
    record Paging(List<PrefixTranslation> translations, List<VmLocation> locations) implements SchemeState {
        public Paging {
            translations = List.copyOf(translations);
            locations = List.copyOf(locations);
        }

        @Override
        public List<StateEntry> entries() {
            List<StateEntry> entries = new ArrayList<>();
            translations.forEach(t -> entries.add(new StateEntry(t.router(), "translation", t.lanPrefix().toString(), t.wanPrefix().toString())));
            locations.forEach(l -> entries.add(new StateEntry(l.clientEdge(), "location", l.vmAddress().toString(), l.dataCenter())));
            return entries;
        }
    }

    /** Segmentation: which site's LAN each VM is attached to, and where each segment's gateway is. */
    record Segments(List<SegmentAttachment> attachments, List<SegmentGatewaySite> gateways) implements SchemeState {
        public Segments {
            attachments = List.copyOf(attachments);
            gateways = List.copyOf(gateways);
        }

        @Override
        public List<StateEntry> entries() {
            List<StateEntry> entries = new ArrayList<>();
            attachments.forEach(a -> entries.add(new StateEntry("segment " + a.segment(), "attachment", a.vm(), a.dataCenter() + " via " + a.endpoint())));
            gateways.forEach(g -> entries.add(new StateEntry("segment " + g.segment(), "gateway", g.address().toString(), g.router())));
            return entries;
        }
    }

    /** Mobile IPv6: the home agent's binding cache (empty while every mobile node is at home). */
    record Bindings(String homeAgent, List<Binding> bindings) implements SchemeState {
        public Bindings {
            bindings = List.copyOf(bindings);
        }

        @Override
        public List<StateEntry> entries() {
            return bindings.stream().map(b -> new StateEntry(homeAgent, "binding", b.homeAddress().toString(), b.careOfAddress().toString())).toList();
        }
    }

    /** Baselines: which router originates each data-center prefix, and where each VM's MAC is learned. */
    record Origins(List<Advertisement> dataCenterPrefixes, Map<String, String> vmSites) implements SchemeState {
        public Origins {
            dataCenterPrefixes = List.copyOf(dataCenterPrefixes);
            vmSites = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vmSites));
        }

        @Override
        public List<StateEntry> entries() {
            List<StateEntry> entries = new ArrayList<>();
            Map<String, List<String>> byPrefix = new LinkedHashMap<>();
            dataCenterPrefixes.forEach(a -> byPrefix.computeIfAbsent(a.prefix().toString(), k -> new ArrayList<>()).add(a.router()));
            byPrefix.forEach((prefix, routers) -> entries.add(new StateEntry("WAN", "origin", prefix, String.join(",", routers))));
            vmSites.forEach((vm, site) -> entries.add(new StateEntry("LAN", "learned", vm, site)));
            return entries;
        }
    }
}
