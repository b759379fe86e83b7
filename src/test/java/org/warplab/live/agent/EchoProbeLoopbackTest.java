package org.warplab.live.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The echo and probe agents over the loopback interface, without namespaces or root: every probe the
 * client sends is echoed and reported on both sides, and a paused echo discards probes as a stopped
 * VM would. This runs their UDP receive loops ({@link UdpReceiver}) end to end.
 */
class EchoProbeLoopbackTest {

    /** An agent's output lines, safe to read while its threads write. */
    private static final class Lines {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AgentOutput out = new AgentOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> events(String event) {
            String text;
            synchronized (bytes) {
                text = bytes.toString(StandardCharsets.UTF_8);
            }
            return text.lines().filter(l -> l.contains("\"event\":\"" + event + "\"")).toList();
        }

        void awaitAtLeast(String event, int n) throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (events(event).size() < n && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(events(event).size() >= n, "at least " + n + " '" + event + "' events, got " + events(event).size());
        }
    }

    private static int freePort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void probesAreEchoedThenDiscardedWhilePaused() throws Exception {
        int port = freePort();
        Lines server = new Lines();
        Lines client = new Lines();
        EchoAgent echo = new EchoAgent(new AgentArgs(List.of("--port", Integer.toString(port))), server.out);
        ProbeAgent probe = new ProbeAgent(new AgentArgs(List.of("--flow", "P1", "--target", "127.0.0.1", "--port", Integer.toString(port),
                "--interval-ns", "5000000")), client.out);
        echo.start();
        probe.start();
        try {
            server.awaitAtLeast("ready", 1);
            probe.command("go");
            client.awaitAtLeast("echo", 5);
            server.awaitAtLeast("echoed", 5);
            assertTrue(client.events("echo").get(0).contains("\"from\":\"127.0.0.1\""), client.events("echo").get(0));
            echo.command("pause");
            server.awaitAtLeast("discarded", 3);
            assertTrue(server.events("discarded").get(0).contains("\"reason\":\"paused\""), server.events("discarded").get(0));
        } finally {
            probe.stop();
            echo.stop();
        }
        assertEquals(List.of(), server.events("error"), "no receive errors while running");
        assertEquals(List.of(), client.events("error"), "no receive errors while running");
    }
}
