package org.warplab.emulation.network;

/**
 * Something that reacts to an event of the {@link Simulator}. Handlers are long-lived objects
 * (a link end, a node, a timer owner) told apart by {@code code}, so scheduling an event allocates
 * no closure.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(int code, Object payload);
}
