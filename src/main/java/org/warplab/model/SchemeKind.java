package org.warplab.model;

/** The ways a lab can keep a moving VM reachable: the three schemes and the baselines they are compared with. */
public enum SchemeKind implements Keyed {
    NETWORK_PAGING("network-paging", "Network paging", false),
    SEGMENTATION("segmentation", "Segmentation", false),
    MOBILE_IPV6("mobile-ipv6", "Mobile IPv6", false),
    NONE("none", "No scheme (baseline)", true),
    L2_EXTENSION("l2-extension", "L2 extension (baseline)", true),
    ROUTING_MOVE("routing-move", "Subnet move by dynamic routing (baseline)", true);

    private final String key;
    private final String label;
    private final boolean baseline;

    SchemeKind(String key, String label, boolean baseline) {
        this.key = key;
        this.label = label;
        this.baseline = baseline;
    }

    @Override
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public boolean isBaseline() {
        return baseline;
    }
}
