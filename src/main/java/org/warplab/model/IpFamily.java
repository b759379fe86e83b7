package org.warplab.model;

/** The two address families a lab may use. */
public enum IpFamily {
    IPV4(32),
    IPV6(128);

    private final int bits;

    IpFamily(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public String label() {
        return this == IPV4 ? "IPv4" : "IPv6";
    }
}
