package org.warplab.model;

/** Whether a data center's VM disks are reachable from the other sites (shared) or must be copied (local). */
public enum StorageKind implements Keyed {
    SHARED("shared"),
    LOCAL("local");

    private final String key;

    StorageKind(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
