package org.warplab.model;

/** Anything drawn on the canvas as a box or an icon. Ids are unique in a lab and stable across saves. */
public sealed interface Node permits DataCenter, Router, Client, Vm, EthernetSwitch {
    String id();

    String name();

    Position position();

    NodeKind kind();

    Node withPosition(Position position);

    Node withName(String name);
}
