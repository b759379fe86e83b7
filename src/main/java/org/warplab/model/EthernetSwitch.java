package org.warplab.model;

import java.util.Objects;

/** A learning Ethernet switch, for a LAN that joins more than two things. */
public record EthernetSwitch(String id, String name, Position position) implements Node {

    public EthernetSwitch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public NodeKind kind() {
        return NodeKind.SWITCH;
    }

    @Override
    public EthernetSwitch withPosition(Position position) {
        return new EthernetSwitch(id, name, position);
    }

    @Override
    public EthernetSwitch withName(String name) {
        return new EthernetSwitch(id, name, position);
    }
}
