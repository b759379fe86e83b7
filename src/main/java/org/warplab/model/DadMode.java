package org.warplab.model;

/** Duplicate address detection for a care-of address: off, standard (~1 s), or optimistic (RFC 4429). */
public enum DadMode implements Keyed {
    OFF("off"),
    STANDARD("standard"),
    OPTIMISTIC("optimistic");

    private final String key;

    DadMode(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
