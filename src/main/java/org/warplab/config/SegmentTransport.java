package org.warplab.config;

import org.warplab.model.Keyed;

/**
 * How a segment crosses a data center's LAN link to its endpoint router. Across the WAN a segment
 * is always a VXLAN VNI.
 */
public enum SegmentTransport implements Keyed {
    /** 802.1Q: the data center's bridge filters VLANs, the link is a trunk, the endpoint has sub-interfaces. */
    VLAN("vlan"),
    /** For kernels without 802.1Q: one bridge per segment and a VXLAN over the link's IPv6 link-local addresses. */
    VXLAN("vxlan");

    private final String key;

    SegmentTransport(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
