package org.warplab.emulation.schemes;

import org.warplab.emulation.network.SchemeBehaviour;

/** Baseline: nothing follows the VM; the WAN keeps sending its traffic to the old data center, where it is lost. */
public final class NoSchemeBehaviour implements SchemeBehaviour {
    @Override
    public String label() {
        return "no scheme (baseline)";
    }
}
