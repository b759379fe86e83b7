package org.warplab.scheme;

import java.util.Objects;
import org.warplab.model.IpPrefix;

/** {@code router} makes {@code prefix} reachable across the WAN; {@code reason} says why, for people. */
public record Advertisement(String router, IpPrefix prefix, String reason) {
    public Advertisement {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(reason, "reason");
    }
}
