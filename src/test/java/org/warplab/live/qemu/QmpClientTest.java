package org.warplab.live.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The QMP framing against a fake QEMU on a UNIX socket: greeting, negotiation, replies by id, errors, events, split writes. */
class QmpClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}, \"package\": \"Debian\"}, \"capabilities\": [\"oob\"]}}\r\n";

    @TempDir
    Path dir;

    /** A fake QEMU: sends the greeting, then answers each request line with what {@code script} says. */
    private interface Script {
        void answer(JsonNode request, Peer peer) throws IOException;
    }

    private static final class Peer {
        final SocketChannel channel;
        final List<JsonNode> requests = new ArrayList<>();

        Peer(SocketChannel channel) {
            this.channel = channel;
        }

        void send(String text) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private CompletableFuture<Peer> fakeQemu(Path socket, Script script) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (server; SocketChannel channel = server.accept()) {
                Peer peer = new Peer(channel);
                peer.send(GREETING);
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode request = JSON.readTree(line);
                    peer.requests.add(request);
                    script.answer(request, peer);
                    if (!channel.isOpen()) {
                        break; // the fake quit, as QEMU does after "quit"
                    }
                }
                return peer;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String reply(JsonNode request, String returnJson) {
        return "{\"return\": " + returnJson + ", \"id\": " + request.get("id") + "}\r\n";
    }

    @Test
    void negotiatesThenMatchesRepliesByIdAndCollectsEventsWithTheirTimes() throws Exception {
        Path socket = dir.resolve("qmp.sock");
        CompletableFuture<Peer> fake = fakeQemu(socket, (request, peer) -> {
            String command = request.get("execute").asText();
            if (command.equals("qmp_capabilities")) {
                peer.send(reply(request, "{}"));
            } else if (command.equals("query-migrate")) {
                // an event arrives before the reply, and the reply comes in two writes split inside the JSON
                peer.send("{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 250}, \"event\": \"MIGRATION_PASS\", \"data\": {\"pass\": 2}}\r\n");
                String text = reply(request, "{\"status\": \"active\", \"ram\": {\"dirty-sync-count\": 2}}");
                peer.send(text.substring(0, 17));
                peer.send(text.substring(17));
            } else if (command.equals("migrate-set-parameters")) {
                peer.send("{\"id\": " + request.get("id") + ", \"error\": {\"class\": \"GenericError\", \"desc\": \"Parameter 'downtime-limit' expects an integer in the range of 0 to 2000000 milliseconds\"}}\r\n");
            } else if (command.equals("quit")) {
                peer.send(reply(request, "{}"));
                peer.send("{\"timestamp\": {\"seconds\": 1700000001, \"microseconds\": 5}, \"event\": \"SHUTDOWN\", \"data\": {\"guest\": false, \"reason\": \"host-qmp-quit\"}}\r\n");
                peer.channel.close();
            }
        });
        long before = System.nanoTime();
        try (QmpClient client = QmpClient.connect("source", socket, Duration.ofSeconds(5))) {
            assertEquals("7.2.0", client.qemuVersion());
            JsonNode info = client.execute("query-migrate");
            assertEquals("active", info.get("status").asText());
            assertEquals(2, info.path("ram").path("dirty-sync-count").asInt());

            QmpEvent pass = client.awaitEvent(e -> e.name().equals("MIGRATION_PASS"), Duration.ofSeconds(2), "a pass");
            assertEquals("2", pass.text("pass"));
            assertEquals("source", pass.source());
            assertEquals(1_700_000_000_000_250L, pass.qemuWallMicros());
            assertTrue(pass.receivedNs() >= before && pass.receivedNs() <= System.nanoTime(), "received on the host's monotonic clock");

            var arguments = JSON.createObjectNode().put("downtime-limit", -1);
            QmpException refused = assertThrows(QmpException.class, () -> client.execute("migrate-set-parameters", arguments));
            assertEquals("GenericError", refused.errorClass());
            assertTrue(refused.getMessage().contains("refused migrate-set-parameters") && refused.getMessage().contains("expects an integer"),
                    refused.getMessage());

            client.execute("quit");
            client.awaitEvent(e -> e.name().equals("SHUTDOWN"), Duration.ofSeconds(2), "shutdown");
            QmpException gone = assertThrows(QmpException.class, () -> client.execute("query-status", null, Duration.ofSeconds(2)));
            assertTrue(gone.getMessage().contains("closed") || gone.getMessage().contains("cannot send"), gone.getMessage());
        }
        Peer peer = fake.get(5, TimeUnit.SECONDS);
        List<String> commands = peer.requests.stream().map(r -> r.get("execute").asText()).toList();
        assertEquals(List.of("qmp_capabilities", "query-migrate", "migrate-set-parameters", "quit"), commands);
        assertEquals(-1, peer.requests.get(2).path("arguments").path("downtime-limit").asInt());
        assertTrue(peer.requests.stream().allMatch(r -> r.has("id")), "every request carries an id");
    }

    @Test
    void aPeerThatIsNotQemuIsNamedAsSuch() throws Exception {
        Path socket = dir.resolve("other.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
            try (server; SocketChannel channel = server.accept()) {
                channel.write(ByteBuffer.wrap("{\"hello\": 1}\n".getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        QmpException e = assertThrows(QmpException.class, () -> QmpClient.connect("x", socket, Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("does not speak QMP"), e.getMessage());
        peer.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aMissingSocketTimesOutWithItsPath() {
        Path socket = dir.resolve("never.sock");
        QmpException e = assertThrows(QmpException.class, () -> QmpClient.connect("x", socket, Duration.ofMillis(200)));
        assertTrue(e.getMessage().contains(socket.toString()), e.getMessage());
    }
}
