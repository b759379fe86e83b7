package org.warplab.model;

/** What realizes a VM in live mode: a network namespace, or a real QEMU guest. */
public enum VmRuntime implements Keyed {
    NAMESPACE("namespace"),
    QEMU("qemu");

    private final String key;

    VmRuntime(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
