package org.warplab.model;

import java.util.Objects;

/**
 * A WAN router. What it does beyond forwarding (translator, home agent, segment endpoint) follows
 * from the lab's scheme settings, see {@link Lab#functionsOf(String)}, so it is said in one place.
 */
public record Router(String id, String name, Position position, RouterRole role) implements Node {

    public Router {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public NodeKind kind() {
        return NodeKind.ROUTER;
    }

    @Override
    public Router withPosition(Position position) {
        return new Router(id, name, position, role);
    }

    @Override
    public Router withName(String name) {
        return new Router(id, name, position, role);
    }
}
