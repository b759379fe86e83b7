package org.warplab.model;

/** Baseline: the VM moves and nothing in the network follows it. */
public record NoScheme() implements SchemeConfig {
    @Override
    public SchemeKind kind() {
        return SchemeKind.NONE;
    }
}
