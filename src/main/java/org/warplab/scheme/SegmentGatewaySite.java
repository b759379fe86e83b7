package org.warplab.scheme;

import java.util.Objects;
import org.warplab.model.IpAddress;

/** Segment {@code segment}'s gateway address {@code address} lives on endpoint {@code router}. */
public record SegmentGatewaySite(String segment, IpAddress address, String router) {
    public SegmentGatewaySite {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(router, "router");
    }
}
