package org.warplab.model;

/** Where a segment's gateway is after a move: still at the origin site (traffic hairpins) or at every site (identical gateway, local exit). */
public enum SegmentGateway implements Keyed {
    ORIGIN_SITE("origin-site"),
    EVERY_SITE("every-site");

    private final String key;

    SegmentGateway(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
