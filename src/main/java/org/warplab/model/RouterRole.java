package org.warplab.model;

/** Where a router sits in the WAN: at a data center, inside, or at a client site. */
public enum RouterRole implements Keyed {
    SERVER_EDGE("server-edge"),
    CORE("core"),
    CLIENT_EDGE("client-edge");

    private final String key;

    RouterRole(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
