package org.warplab.scheme;

import java.util.Objects;

/** VM {@code vm} is attached to segment {@code segment} (id {@code segmentId}) on {@code dataCenter}'s LAN, behind endpoint {@code endpoint}. */
public record SegmentAttachment(String segment, long segmentId, String vm, String dataCenter, String endpoint) {
    public SegmentAttachment {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(dataCenter, "dataCenter");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
