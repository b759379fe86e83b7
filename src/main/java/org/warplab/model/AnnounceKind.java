package org.warplab.model;

/** How a VM's hypervisor announces it after a move: RARP (QEMU, VMware) or gratuitous ARP (Xen). */
public enum AnnounceKind implements Keyed {
    RARP("rarp"),
    GARP("garp");

    private final String key;

    AnnounceKind(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
