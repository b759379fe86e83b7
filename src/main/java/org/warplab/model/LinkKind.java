package org.warplab.model;

/** A LAN link inside a site, a WAN link between routers, or the management link between data centers that carries migrations. */
public enum LinkKind implements Keyed {
    LAN("lan"),
    WAN("wan"),
    MANAGEMENT("management");

    private final String key;

    LinkKind(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
