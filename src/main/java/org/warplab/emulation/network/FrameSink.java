package org.warplab.emulation.network;

/** Where a switch port or an interface hands frames: a link direction, or a tunnel that wraps them first. */
public interface FrameSink {
    void send(Frame frame);

    /** The link (or tunnel) the frames leave by, for drop reasons and traces. */
    String linkName();
}
