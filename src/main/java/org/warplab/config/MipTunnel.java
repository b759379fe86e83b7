package org.warplab.config;

import org.warplab.model.Keyed;

/** The data plane between a Mobile IPv6 home agent and a mobile node away from home. */
public enum MipTunnel implements Keyed {
    /** An ip6ip6 tunnel device ({@code ip6tnl}) at each end. */
    IP6TNL("ip6tnl"),
    /** For kernels without ip6tnl: seg6 encapsulation routes, decapsulated by the SRH receive path. */
    SEG6("seg6");

    private final String key;

    MipTunnel(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
