package org.warplab.model;

import java.util.List;
import java.util.Objects;

/**
 * Mobile IPv6 (RFC 6275, paper 003): the moving VM is a mobile node whose home network is a data
 * center's IPv6 LAN, with a home agent on a router there. Routers advertise every
 * [raMinInterval, raMaxInterval]; correspondents listed here speak MIPv6 for route optimization.
 */
public record MobileIpv6(
        String homeNetwork,
        String homeAgent,
        long raMinIntervalNs,
        long raMaxIntervalNs,
        DadMode dad,
        boolean routeOptimization,
        List<String> correspondents,
        long bindingLifetimeNs) implements SchemeConfig {

    /** RFC 6275 MinRtrAdvInterval / MaxRtrAdvInterval for mobility: 30 ms and 70 ms. */
    public static final long DEFAULT_RA_MIN_NS = 30_000_000L;
    public static final long DEFAULT_RA_MAX_NS = 70_000_000L;
    /** RFC 6275 InitialBindackTimeoutFirstReg: 1.5 s, doubled on each retry up to MAX_BINDACK_TIMEOUT. */
    public static final long INITIAL_BINDACK_TIMEOUT_FIRST_REG_NS = 1_500_000_000L;
    public static final long MAX_BINDACK_TIMEOUT_NS = 32_000_000_000L;

    public MobileIpv6 {
        Objects.requireNonNull(homeNetwork, "homeNetwork");
        Objects.requireNonNull(homeAgent, "homeAgent");
        Objects.requireNonNull(dad, "dad");
        correspondents = List.copyOf(correspondents);
    }

    @Override
    public SchemeKind kind() {
        return SchemeKind.MOBILE_IPV6;
    }
}
