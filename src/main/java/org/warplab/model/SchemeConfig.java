package org.warplab.model;

/** The parameters of one scheme or baseline. A lab holds at most one of each kind and names the one in use. */
public sealed interface SchemeConfig permits NetworkPaging, Segmentation, MobileIpv6, NoScheme, L2Extension, RoutingMove {
    SchemeKind kind();

    /** The settings a lab gets for {@code kind} when it has none: baselines only; schemes need the user's choices. */
    static java.util.Optional<SchemeConfig> defaultFor(SchemeKind kind) {
        return switch (kind) {
            case NONE -> java.util.Optional.of(new NoScheme());
            case L2_EXTENSION -> java.util.Optional.of(new L2Extension());
            case ROUTING_MOVE -> java.util.Optional.of(RoutingMove.DEFAULT);
            default -> java.util.Optional.empty();
        };
    }
}
