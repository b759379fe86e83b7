package org.warplab.model;

import java.util.List;
import java.util.Objects;

/**
 * A link between two nodes. Times are integer nanoseconds, bandwidth bits per second. WAN and
 * management links carry the interface addresses of their two ends; a LAN link takes its addresses
 * from the site it joins (the data center's gateway, the client's site).
 */
public record Link(
        String id,
        String a,
        String b,
        LinkKind kind,
        long delayNs,
        long jitterNs,
        long bandwidthBps,
        double lossPercent,
        int mtu,
        int cost,
        List<InterfaceAddress> aAddresses,
        List<InterfaceAddress> bAddresses) {

    public static final int DEFAULT_MTU = 1500;
    public static final int DEFAULT_COST = 10;

    public Link {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(kind, "kind");
        aAddresses = List.copyOf(aAddresses);
        bAddresses = List.copyOf(bAddresses);
    }

    public boolean touches(String node) {
        return a.equals(node) || b.equals(node);
    }

    /** The end that is not {@code node}. */
    public String other(String node) {
        if (a.equals(node)) {
            return b;
        }
        if (b.equals(node)) {
            return a;
        }
        throw new IllegalArgumentException("link " + id + " does not touch " + node);
    }

    public List<InterfaceAddress> addressesOf(String node) {
        if (a.equals(node)) {
            return aAddresses;
        }
        if (b.equals(node)) {
            return bAddresses;
        }
        throw new IllegalArgumentException("link " + id + " does not touch " + node);
    }

    public Link withDelayNs(long delayNs) {
        return new Link(id, a, b, kind, delayNs, jitterNs, bandwidthBps, lossPercent, mtu, cost, aAddresses, bAddresses);
    }

    public Link withJitterNs(long jitterNs) {
        return new Link(id, a, b, kind, delayNs, jitterNs, bandwidthBps, lossPercent, mtu, cost, aAddresses, bAddresses);
    }

    public Link withBandwidthBps(long bandwidthBps) {
        return new Link(id, a, b, kind, delayNs, jitterNs, bandwidthBps, lossPercent, mtu, cost, aAddresses, bAddresses);
    }

    public Link withLossPercent(double lossPercent) {
        return new Link(id, a, b, kind, delayNs, jitterNs, bandwidthBps, lossPercent, mtu, cost, aAddresses, bAddresses);
    }

    public Link withMtu(int mtu) {
        return new Link(id, a, b, kind, delayNs, jitterNs, bandwidthBps, lossPercent, mtu, cost, aAddresses, bAddresses);
    }

    public Link withCost(int cost) {
        return new Link(id, a, b, kind, delayNs, jitterNs, bandwidthBps, lossPercent, mtu, cost, aAddresses, bAddresses);
    }
}
