package org.warplab.model;

/**
 * Baseline: the VM's subnet is re-advertised from the destination by dynamic routing. Traffic
 * resumes once the routers have converged: the destination advertises after
 * {@code advertisementDelayNs}, the news floods {@code floodPerHopNs} per hop, and each router
 * recomputes its routes {@code spfDelayNs} after hearing it.
 */
public record RoutingMove(long advertisementDelayNs, long floodPerHopNs, long spfDelayNs) implements SchemeConfig {

    /** Defaults in the range the paper reports for a subnet move by OSPF: tens of seconds end to end. */
    public static final RoutingMove DEFAULT = new RoutingMove(25_000_000_000L, 10_000_000L, 5_000_000_000L);

    @Override
    public SchemeKind kind() {
        return SchemeKind.ROUTING_MOVE;
    }
}
