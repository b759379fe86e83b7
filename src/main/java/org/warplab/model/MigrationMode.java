package org.warplab.model;

/** Live pre-copy (the VM runs while memory is copied) or cold save-copy-restore. */
public enum MigrationMode implements Keyed {
    LIVE("live"),
    COLD("cold");

    private final String key;

    MigrationMode(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
