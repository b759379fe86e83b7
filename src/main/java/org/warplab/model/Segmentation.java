package org.warplab.model;

import java.util.List;
import java.util.Objects;

/**
 * Segmentation: separate virtual networks told apart by a VLAN id or a VPN id / VNI, each spanning
 * the sites through the listed endpoint routers. Identical addresses may live in different segments.
 */
public record Segmentation(
        SegmentIdKind idKind,
        List<Segment> segments,
        List<String> endpoints,
        SegmentGateway gateway) implements SchemeConfig {

    public static final long MAX_VLAN_ID = 4094;
    public static final long MAX_VNI = 16_777_215;

    public Segmentation {
        Objects.requireNonNull(idKind, "idKind");
        segments = List.copyOf(segments);
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(gateway, "gateway");
    }

    /** One tenant's network: its id and the VMs and clients in it. */
    public record Segment(String name, long id, List<String> members) {
        public Segment {
            Objects.requireNonNull(name, "name");
            members = List.copyOf(members);
        }
    }

    public long maxId() {
        return idKind == SegmentIdKind.VLAN ? MAX_VLAN_ID : MAX_VNI;
    }

    @Override
    public SchemeKind kind() {
        return SchemeKind.SEGMENTATION;
    }
}
