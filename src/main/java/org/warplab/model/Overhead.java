package org.warplab.model;

/**
 * A cost of a real platform that the emulator's protocol model leaves out, set by a testbed
 * profile. Each is drawn per use from the profile's distribution; a profile that does not name
 * one keeps the emulator's own behaviour for it.
 */
public enum Overhead implements Keyed {
    /** Last byte of the stop-and-copy → VM running at the destination (replaces the emulator's 10 ms resume). */
    SWITCHOVER("switchover", "hypervisor switchover and resume"),
    /** VM running at the destination → its first announcement (RARP/GARP) leaves. */
    FIRST_ANNOUNCEMENT("first-announcement", "first announcement after resume"),
    /** The capture tool: announcement on the wire → configuration message sent (added to the scheme's own processing). */
    CAPTURE("capture", "capture tool latency"),
    /** Configuration message received → the translator's rule switched (added to the scheme's own processing). */
    CONFIG_APPLY("config-apply", "applying a configuration message"),
    /** Interval between router advertisements (replaces the lab's Mobile IPv6 interval). */
    ROUTER_ADVERTISEMENT("router-advertisement", "router advertisement interval"),
    /** Cold migration: saving the VM's memory to a file, per GiB of memory. */
    SAVE_PER_GIB("save-per-gib", "save (per GiB of memory)"),
    /** Cold migration: restoring the VM from its file, per GiB of memory. */
    RESTORE_PER_GIB("restore-per-gib", "restore (per GiB of memory)");

    private final String key;
    private final String label;

    Overhead(String key, String label) {
        this.key = key;
        this.label = label;
    }

    @Override
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }
}
