package org.warplab.live.agent;

/**
 * A program that runs inside one namespace of a live lab, started by the app as
 * {@code warplab agent KIND --option value ...}. It reports events on standard output and takes
 * one-line commands on standard input; when its input closes (the app ended), it stops.
 */
interface Agent {
    /** Sets the agent up (sockets, captures) and starts its background work; emits "ready". */
    void start() throws Exception;

    /** Handles one command line from the app. */
    void command(String line) throws Exception;

    /** Stops and releases everything. */
    void stop();
}
