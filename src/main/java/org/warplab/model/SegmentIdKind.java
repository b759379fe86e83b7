package org.warplab.model;

/** How segments are told apart: an 802.1Q VLAN id (1-4094) or a VPN id / VXLAN VNI (1-16777215). */
public enum SegmentIdKind implements Keyed {
    VLAN("vlan"),
    VNI("vni");

    private final String key;

    SegmentIdKind(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
