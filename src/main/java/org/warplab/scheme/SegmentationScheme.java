package org.warplab.scheme;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.SegmentGateway;
import org.warplab.model.SegmentIdKind;
import org.warplab.model.Segmentation;
import org.warplab.model.Vm;

/**
 * Segmentation: each segment is one layer-2 network spanning every endpoint router (a VXLAN VNI
 * between them, full mesh), joined at each data center to that data center's LAN and at each
 * client site to the member clients' edge. A VM belongs to its segment wherever it is; a
 * migration re-attaches it at the destination site, and the segment learns its MAC from the
 * announcement. The segment's gateway stays at the VM's origin site ({@link SegmentGateway#ORIGIN_SITE},
 * traffic hairpins) or exists at every data-center site ({@link SegmentGateway#EVERY_SITE}).
 * Data-center prefixes are tenant space and are not announced on the WAN.
 */
public record SegmentationScheme(Segmentation config) implements MobilityScheme {

    @Override
    public <T> T parts(Parts<T> parts) {
        return parts.segmentation(this);
    }

    @Override
    public boolean routersHoldDataCenterPrefixes() {
        return false;
    }

    @Override
    public List<Advertisement> advertisements(Lab lab, Placement placement) {
        return MobilityScheme.commonAdvertisements(lab);
    }

    /** The VXLAN network id that carries segment {@code segment} across the WAN. */
    public long vni(Segmentation.Segment segment) {
        return segment.id();
    }

    /** The 802.1Q id a segment has on a data-center LAN: its own id for VLAN segments, else 100 + its position. */
    public int localVlan(Segmentation.Segment segment) {
        if (config.idKind() == SegmentIdKind.VLAN) {
            return (int) segment.id();
        }
        return 100 + config.segments().indexOf(segment);
    }

    public List<Vm> vmsOf(Lab lab, Segmentation.Segment segment) {
        return segment.members().stream().flatMap(id -> lab.node(id, Vm.class).stream()).toList();
    }

    public List<Client> clientsOf(Lab lab, Segmentation.Segment segment) {
        return segment.members().stream().flatMap(id -> lab.node(id, Client.class).stream()).toList();
    }

    public Optional<Segmentation.Segment> segmentOf(String memberId) {
        return config.segments().stream().filter(s -> s.members().contains(memberId)).findFirst();
    }

    /** The LAN prefixes the segment's VMs are numbered from (the data-center prefixes that hold their addresses). */
    public List<IpPrefix> prefixesOf(Lab lab, Segmentation.Segment segment) {
        Set<IpPrefix> prefixes = new LinkedHashSet<>();
        for (Vm vm : vmsOf(lab, segment)) {
            for (IpAddress address : vm.addresses()) {
                lab.dataCenters().stream().flatMap(dc -> dc.lanPrefixes().stream()).filter(p -> p.contains(address))
                        .findFirst().ifPresent(prefixes::add);
            }
        }
        return List.copyOf(prefixes);
    }

    /** Where each segment's gateway addresses live. */
    public List<SegmentGatewaySite> gateways(Lab lab) {
        List<SegmentGatewaySite> result = new ArrayList<>();
        Placement initial = Placement.initial(lab);
        for (Segmentation.Segment segment : config.segments()) {
            List<Vm> vms = vmsOf(lab, segment);
            if (vms.isEmpty()) {
                continue;
            }
            List<String> sites = new ArrayList<>();
            if (config.gateway() == SegmentGateway.ORIGIN_SITE) {
                sites.add(initial.of(vms.get(0).id()));
            } else {
                lab.dataCenters().stream().filter(dc -> Sites.edgeOf(lab, dc.id()).filter(r -> config.endpoints().contains(r.id())).isPresent())
                        .forEach(dc -> sites.add(dc.id()));
            }
            for (String site : sites) {
                DataCenter dc = lab.node(site, DataCenter.class).orElseThrow();
                String router = Sites.edgeOf(lab, site).orElseThrow().id();
                for (IpPrefix prefix : prefixesOf(lab, segment)) {
                    dc.gatewayAddress(prefix.family()).filter(prefix::contains)
                            .ifPresent(a -> result.add(new SegmentGatewaySite(segment.name(), a, router)));
                }
            }
        }
        return result;
    }

    public List<SegmentAttachment> attachments(Lab lab, Placement placement) {
        List<SegmentAttachment> result = new ArrayList<>();
        for (Segmentation.Segment segment : config.segments()) {
            for (Vm vm : vmsOf(lab, segment)) {
                String dc = placement.of(vm.id());
                String endpoint = Sites.edgeOf(lab, dc).map(r -> r.id()).orElse("(none)");
                result.add(new SegmentAttachment(segment.name(), segment.id(), vm.id(), dc, endpoint));
            }
        }
        return result;
    }

    @Override
    public SchemeState state(Lab lab, Placement placement) {
        return new SchemeState.Segments(attachments(lab, placement), gateways(lab));
    }

    @Override
    public List<ControlStep> steps(Lab lab, Placement before, Migration migration) {
        Optional<Segmentation.Segment> segment = segmentOf(migration.vm());
        if (segment.isEmpty()) {
            return List.of();
        }
        String from = before.of(migration.vm());
        String name = segment.get().name();
        String idText = (config.idKind() == SegmentIdKind.VLAN ? "VLAN " : "VNI ") + segment.get().id();
        return List.of(
                new ControlStep(migration.to(), "attach", migration.vm(), from, migration.to(),
                        migration.to() + ": attach " + migration.vm() + " to segment " + name + " (" + idText + "); the segment learns its MAC from the announcement"),
                new ControlStep(from, "detach", migration.vm(), from, migration.to(),
                        from + ": detach " + migration.vm() + "'s old port from segment " + name));
    }
}
