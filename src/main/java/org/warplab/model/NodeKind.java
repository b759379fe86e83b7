package org.warplab.model;

/** The kinds of node, with the word the file format and the CLI use for each. */
public enum NodeKind implements Keyed {
    DATA_CENTER("datacenter", "data center"),
    ROUTER("router", "router"),
    CLIENT("client", "client"),
    VM("vm", "VM"),
    SWITCH("switch", "switch");

    private final String key;
    private final String label;

    NodeKind(String key, String label) {
        this.key = key;
        this.label = label;
    }

    @Override
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }
}
