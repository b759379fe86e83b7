package org.warplab.live.agent;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;

/**
 * An agent's UDP receive loop: a daemon thread that hands each datagram, with the host time it
 * arrived, to the agent until the agent stops. The socket times out every {@value #TIMEOUT_MS} ms
 * so that a stop is noticed; a failure while the agent runs is reported as an {@code error} event
 * and the loop goes on.
 */
final class UdpReceiver {

    static final int TIMEOUT_MS = 200;

    /** What the agent does with one datagram: its bytes are {@code packet.getData()} up to {@code packet.getLength()}. */
    interface Handler {
        void datagram(DatagramPacket packet, long receivedNs) throws Exception;
    }

    private UdpReceiver() {
    }

    /** A socket on {@code port} of every address, reusable at once by the next agent on that port. */
    static DatagramSocket listening(int port) throws SocketException {
        DatagramSocket socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(port));
        socket.setSoTimeout(TIMEOUT_MS);
        return socket;
    }

    /** A socket on a port the system chooses (a sender that also receives the answers). */
    static DatagramSocket anyPort() throws SocketException {
        DatagramSocket socket = new DatagramSocket();
        socket.setSoTimeout(TIMEOUT_MS);
        return socket;
    }

    /** Starts the loop on {@code socket}; {@code what} names it in an error event ("echo: Socket closed"). */
    static void start(String threadName, DatagramSocket socket, int bufferBytes, BooleanSupplier running, AgentOutput out, String what,
            Handler handler) {
        loop(threadName, socket, bufferBytes, running, out, what, handler).start();
    }

    /** The loop's thread, not started yet (for a caller that starts it its own way, e.g. {@link RealtimePriority#start}). */
    static Thread loop(String threadName, DatagramSocket socket, int bufferBytes, BooleanSupplier running, AgentOutput out, String what,
            Handler handler) {
        Thread thread = new Thread(() -> {
            DatagramPacket packet = new DatagramPacket(new byte[bufferBytes], bufferBytes);
            while (running.getAsBoolean()) {
                try {
                    socket.receive(packet);
                    handler.datagram(packet, System.nanoTime());
                } catch (SocketTimeoutException e) {
                    // a chance to see a stop; keep receiving
                } catch (Exception e) {
                    if (running.getAsBoolean()) {
                        out.emit("error", "reason", what + ": " + e.getMessage());
                    }
                }
            }
        }, threadName);
        thread.setDaemon(true);
        return thread;
    }
}
