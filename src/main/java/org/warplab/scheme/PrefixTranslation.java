package org.warplab.scheme;

import java.util.Objects;
import org.warplab.model.IpPrefix;

/** A server edge's stateless translation of its data center's LAN prefix S to the WAN prefix S' (host bits kept). */
public record PrefixTranslation(String router, String dataCenter, String lanInterface, IpPrefix lanPrefix, IpPrefix wanPrefix) {
    public PrefixTranslation {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(dataCenter, "dataCenter");
        Objects.requireNonNull(lanInterface, "lanInterface");
        Objects.requireNonNull(lanPrefix, "lanPrefix");
        Objects.requireNonNull(wanPrefix, "wanPrefix");
    }
}
