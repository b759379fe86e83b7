package org.warplab.emulation.network;

/** A node end that frames arrive at: {@code port} tells which of its links they came over. */
interface FrameReceiver {
    void receive(Frame frame, int port);
}
