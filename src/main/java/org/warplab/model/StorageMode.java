package org.warplab.model;

/** Whether the VM's disk stays on shared storage or is copied to the destination with the VM. */
public enum StorageMode implements Keyed {
    SHARED("shared"),
    COPY("copy");

    private final String key;

    StorageMode(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
