package org.warplab.live;

import java.util.List;

/**
 * What this kernel can do, probed at run time (kernels differ; DESIGN.md §3), and so which
 * realization live mode uses for each feature.
 */
public record Capabilities(
        boolean netem,
        boolean vlan8021q,
        boolean bridgeVlanFiltering,
        boolean ip6tnl,
        boolean seg6,
        boolean vxlan,
        boolean nftNat,
        boolean tbf) {

    /** How link delay and loss are made. */
    public String linkDelayMethod() {
        return netem ? "netem" : "delay relay (user space)";
    }

    /** How segments are kept apart. */
    public String segmentMethod() {
        return vlan8021q && bridgeVlanFiltering ? "802.1Q VLANs" : "one bridge and VXLAN VNI per segment";
    }

    /** How Mobile IPv6 tunnels are built. */
    public String mobileIpv6TunnelMethod() {
        return ip6tnl ? "ip6tnl (IPv6-in-IPv6)" : seg6 ? "seg6 encapsulation" : "none available";
    }

    /** One line per feature: what the kernel has and what live mode will use. */
    public List<String> describe() {
        return List.of(
                "link delay/loss: " + (netem ? "netem" : "netem missing -> " + linkDelayMethod()),
                "bandwidth shaping: " + (tbf ? "tbf" : "tbf missing -> unshaped links"),
                "segments: " + (vlan8021q && bridgeVlanFiltering ? "802.1Q" : "802.1Q " + (vlan8021q ? "filtering " : "") + "missing -> " + segmentMethod()),
                "VXLAN: " + (vxlan ? "yes" : "missing"),
                "Mobile IPv6 tunnels: " + (ip6tnl ? "ip6tnl" : "ip6tnl missing -> " + mobileIpv6TunnelMethod()),
                "nftables NAT: " + (nftNat ? "yes" : "missing"));
    }
}
