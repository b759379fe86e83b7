package org.warplab.model;

/** Baseline: the source data center's LAN is stretched to the destination; the VM stays reachable but its traffic hairpins through the old site. */
public record L2Extension() implements SchemeConfig {
    @Override
    public SchemeKind kind() {
        return SchemeKind.L2_EXTENSION;
    }
}
