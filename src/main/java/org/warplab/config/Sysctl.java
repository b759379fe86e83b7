package org.warplab.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code sysctl -p} file: keys in the order set, later values replacing earlier ones. */
public final class Sysctl {
    private final Map<String, String> values = new LinkedHashMap<>();

    public void set(String key, String value) {
        values.put(key, value);
    }

    /** A router: forwards both families, no DAD (not studied on routers), no reverse-path filter (translated sources would fail it). */
    void router() {
        set("net.ipv4.ip_forward", "1");
        set("net.ipv6.conf.all.forwarding", "1");
        common();
    }

    /** A host, data-center LAN or switch: no forwarding. */
    void host() {
        set("net.ipv4.ip_forward", "0");
        set("net.ipv6.conf.all.forwarding", "0");
        common();
    }

    /**
     * A data-center LAN or switch namespace: bridges frames and holds only management addresses,
     * which must not answer ARP arriving on its bridges (a tenant gateway can share the address).
     */
    void bridgeHost() {
        host();
        set("net.ipv4.conf.all.arp_ignore", "1");
        set("net.ipv4.conf.default.arp_ignore", "1");
    }

    private void common() {
        set("net.ipv6.conf.all.accept_dad", "0");
        set("net.ipv6.conf.default.accept_dad", "0");
        set("net.ipv4.conf.all.rp_filter", "0");
        set("net.ipv4.conf.default.rp_filter", "0");
    }

    /** Keys of named interfaces ({@code net/ipv6/conf/W1/...}): they exist only once the interfaces do. */
    private static boolean perInterface(String key) {
        return key.contains("/");
    }

    boolean hasInterfaceKeys() {
        return values.keySet().stream().anyMatch(Sysctl::perInterface);
    }

    /** The namespace-wide keys (all/default), applied before the interfaces exist so new ones inherit them. */
    String text(String header) {
        StringBuilder text = new StringBuilder(header);
        values.forEach((k, v) -> {
            if (!perInterface(k)) {
                text.append(k).append(" = ").append(v).append("\n");
            }
        });
        return text.toString();
    }

    /** The per-interface keys, applied after ip.batch. */
    String interfaceText(String header) {
        StringBuilder text = new StringBuilder(header);
        values.forEach((k, v) -> {
            if (perInterface(k)) {
                text.append(k).append(" = ").append(v).append("\n");
            }
        });
        return text.toString();
    }
}
