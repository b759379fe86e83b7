package org.warplab.model;

/** What a router does for the scheme in use, beyond forwarding. */
public enum RouterFunction implements Keyed {
    TRANSLATOR("translator"),
    HOME_AGENT("home-agent"),
    SEGMENT_ENDPOINT("segment-endpoint");

    private final String key;

    RouterFunction(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
