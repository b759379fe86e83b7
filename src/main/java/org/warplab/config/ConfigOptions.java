package org.warplab.config;

import java.util.Objects;

/**
 * Choices that do not change what the network does, only how it is built: the segment and tunnel
 * variants (live mode picks the ones the kernel has), OSPF timers, and the prefix of the network
 * namespace names the wiring file uses.
 */
public record ConfigOptions(SegmentTransport segmentTransport, MipTunnel mipTunnel, boolean fastConvergence, String namespacePrefix) {

    /** Stock-kernel variants, fast OSPF timers, namespaces named {@code wl-NODE}. */
    public static final ConfigOptions DEFAULTS = new ConfigOptions(SegmentTransport.VLAN, MipTunnel.IP6TNL, true, "wl-");

    public ConfigOptions {
        Objects.requireNonNull(segmentTransport, "segmentTransport");
        Objects.requireNonNull(mipTunnel, "mipTunnel");
        Objects.requireNonNull(namespacePrefix, "namespacePrefix");
    }

    public ConfigOptions withSegmentTransport(SegmentTransport transport) {
        return new ConfigOptions(transport, mipTunnel, fastConvergence, namespacePrefix);
    }

    public ConfigOptions withMipTunnel(MipTunnel tunnel) {
        return new ConfigOptions(segmentTransport, tunnel, fastConvergence, namespacePrefix);
    }

    public ConfigOptions withFastConvergence(boolean fast) {
        return new ConfigOptions(segmentTransport, mipTunnel, fast, namespacePrefix);
    }

    public ConfigOptions withNamespacePrefix(String prefix) {
        return new ConfigOptions(segmentTransport, mipTunnel, fastConvergence, prefix);
    }

    /** The network namespace of a node in the wiring file. */
    public String namespaceOf(String nodeId) {
        return namespacePrefix + nodeId;
    }
}
