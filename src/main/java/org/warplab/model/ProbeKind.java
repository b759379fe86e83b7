package org.warplab.model;

/** The traffic a client sends to a VM: a G.711-like UDP stream echoed back, or ICMP echo. */
public enum ProbeKind implements Keyed {
    UDP_ECHO("udp-echo"),
    PING("ping");

    private final String key;

    ProbeKind(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
