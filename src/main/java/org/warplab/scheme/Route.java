package org.warplab.scheme;

import java.util.Objects;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;

/**
 * A static route of one router: {@code destination} via {@code nextHop}, out of {@code device} (the
 * end of {@code link}), toward {@code origin}, the router that advertises the destination, at path
 * cost {@code cost}.
 */
public record Route(IpPrefix destination, IpAddress nextHop, String device, String link, String origin, long cost) {
    public Route {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(nextHop, "nextHop");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(origin, "origin");
    }
}
