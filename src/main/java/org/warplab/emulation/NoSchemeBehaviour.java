package org.warplab.emulation;

/** Baseline: nothing follows the VM; the WAN keeps sending its traffic to the old data center, where it is lost. */
final class NoSchemeBehaviour implements SchemeBehaviour {
    @Override
    public String label() {
        return "no scheme (baseline)";
    }
}
