package org.warplab.model;

/** An error makes a lab unusable for a run; a warning is a likely mistake the lab can still run with. */
public enum Severity implements Keyed {
    ERROR("error"),
    WARNING("warning");

    private final String key;

    Severity(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
