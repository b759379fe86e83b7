package org.warplab.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's machine at a client site. Each address carries the site prefix length
 * (10.1.0.10/24 sits in site 10.1.0.0/24); the gateways are the client-edge router's
 * addresses on that site.
 */
public record Client(
        String id,
        String name,
        Position position,
        List<InterfaceAddress> addresses,
        List<IpAddress> gateways) implements Node {

    public Client {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
        addresses = List.copyOf(addresses);
        gateways = List.copyOf(gateways);
    }

    @Override
    public NodeKind kind() {
        return NodeKind.CLIENT;
    }

    public Optional<InterfaceAddress> address(IpFamily family) {
        return addresses.stream().filter(a -> a.family() == family).findFirst();
    }

    public Optional<IpAddress> gateway(IpFamily family) {
        return gateways.stream().filter(a -> a.family() == family).findFirst();
    }

    @Override
    public Client withPosition(Position position) {
        return new Client(id, name, position, addresses, gateways);
    }

    @Override
    public Client withName(String name) {
        return new Client(id, name, position, addresses, gateways);
    }
}
