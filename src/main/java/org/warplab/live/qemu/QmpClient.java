package org.warplab.live.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.warplab.live.Arrivals;

/**
 * A client of the QEMU Machine Protocol over QEMU's UNIX socket ({@code -qmp unix:PATH,server=on,wait=off}).
 * Reads the greeting, negotiates with {@code qmp_capabilities}, then runs commands one reply per
 * {@code id}, while a reader thread collects the asynchronous events with the host time they arrived.
 */
public final class QmpClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final java.nio.channels.SocketChannel channel;
    private final JsonNode greeting;
    private final Object lock = new Object();
    private final Map<Long, JsonNode> replies = new HashMap<>();
    private final Arrivals<QmpEvent> events = new Arrivals<>();
    private long nextId = 1;
    private volatile boolean closed;
    private volatile String endReason;

    private QmpClient(String source, java.nio.channels.SocketChannel channel, JsonNode greeting) {
        this.source = source;
        this.channel = channel;
        this.greeting = greeting;
    }

    /**
     * Connects to {@code socket}, waiting up to {@code timeout} for QEMU to create it, reads the
     * greeting and leaves negotiation mode. {@code source} labels the events ("source", "destination").
     */
    public static QmpClient connect(String source, Path socket, Duration timeout) throws QmpException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.nio.channels.SocketChannel channel = null;
        IOException last = null;
        while (channel == null) {
            try {
                if (Files.exists(socket)) {
                    channel = java.nio.channels.SocketChannel.open(UnixDomainSocketAddress.of(socket));
                    break;
                }
            } catch (IOException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new QmpException("no QMP socket to connect to at " + socket + " within " + timeout.toMillis() + " ms"
                        + (last == null ? "" : ": " + last.getMessage()), last);
            }
            sleep(20);
        }
        LineReader reader = new LineReader(channel);
        JsonNode greeting;
        try {
            greeting = JSON.readTree(reader.nextLine());
        } catch (IOException e) {
            closeQuietly(channel);
            throw new QmpException("QEMU sent no QMP greeting on " + socket + ": " + e.getMessage(), e);
        }
        if (!greeting.has("QMP")) {
            closeQuietly(channel);
            throw new QmpException("the peer on " + socket + " does not speak QMP (greeting " + greeting + ")", "");
        }
        QmpClient client = new QmpClient(source, channel, greeting);
        Thread thread = new Thread(() -> client.readLoop(reader), "qmp-" + source);
        thread.setDaemon(true);
        thread.start();
        client.execute("qmp_capabilities", null, Duration.ofSeconds(10));
        return client;
    }

    /** QEMU's version as its greeting states it ("7.2.0"). */
    public String qemuVersion() {
        JsonNode qemu = greeting.path("QMP").path("version").path("qemu");
        return qemu.path("major").asInt() + "." + qemu.path("minor").asInt() + "." + qemu.path("micro").asInt();
    }

    public JsonNode execute(String command) throws QmpException {
        return execute(command, null, Duration.ofSeconds(30));
    }

    public JsonNode execute(String command, ObjectNode arguments) throws QmpException {
        return execute(command, arguments, Duration.ofSeconds(30));
    }

    /** Runs {@code command} and returns its {@code return} value; an {@code error} reply becomes a {@link QmpException}. */
    public JsonNode execute(String command, ObjectNode arguments, Duration timeout) throws QmpException {
        long id;
        ObjectNode request = JSON.createObjectNode();
        synchronized (lock) {
            id = nextId++;
        }
        request.put("execute", command);
        if (arguments != null) {
            request.set("arguments", arguments);
        }
        request.put("id", id);
        try {
            byte[] line = (JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new QmpException("cannot send " + command + " to QEMU (" + source + "): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!replies.containsKey(id)) {
                long left = deadline - System.nanoTime();
                if (closed) {
                    throw new QmpException("QEMU (" + source + ") closed its QMP connection before answering " + command
                            + (endReason == null ? "" : " (" + endReason + ")"), "");
                }
                if (left <= 0) {
                    throw new QmpException("QEMU (" + source + ") did not answer " + command + " within " + timeout.toMillis() + " ms", "");
                }
                waitOn(left);
            }
            JsonNode reply = replies.remove(id);
            if (reply.has("error")) {
                JsonNode error = reply.get("error");
                throw new QmpException("QEMU (" + source + ") refused " + command + (arguments == null ? "" : " " + arguments) + ": "
                        + error.path("desc").asText("no description"), error.path("class").asText(""));
            }
            return reply.path("return");
        }
    }

    /** Every event so far, in arrival order. */
    public List<QmpEvent> events() {
        return events.all();
    }

    /** The first event (already arrived or still to come) that matches, or a {@link QmpException} at the timeout. */
    public QmpEvent awaitEvent(Predicate<QmpEvent> wanted, Duration timeout, String what) throws QmpException {
        return events.await(wanted, timeout, new Arrivals.Watch<QmpEvent, QmpException>() {
            @Override
            public boolean gone() {
                return closed;
            }

            @Override
            public QmpException givingUp(boolean timedOut) {
                return closed ? new QmpException("QEMU (" + source + ") closed its QMP connection before " + what, "")
                        : new QmpException("QEMU (" + source + ") gave no " + what + " within " + timeout.toMillis() + " ms", "");
            }

            @Override
            public QmpException interrupted() {
                return new QmpException("interrupted while waiting for " + what + " from QEMU (" + source + ")", "");
            }
        });
    }

    public boolean isOpen() {
        return !closed;
    }

    private void waitOn(long nanos) throws QmpException {
        try {
            lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException("interrupted while talking to QEMU (" + source + ")", e);
        }
    }

    private void readLoop(LineReader reader) {
        try {
            while (true) {
                String line = reader.nextLine();
                long received = System.nanoTime();
                JsonNode message;
                try {
                    message = JSON.readTree(line);
                } catch (IOException e) {
                    continue; // a line that is not JSON: QMP never sends one, so there is nothing to act on
                }
                if (message.has("event")) {
                    JsonNode stamp = message.path("timestamp");
                    long micros = stamp.path("seconds").asLong() * 1_000_000L + stamp.path("microseconds").asLong();
                    events.add(new QmpEvent(source, message.get("event").asText(), message.get("data"), received, micros));
                } else if (message.has("id")) {
                    synchronized (lock) {
                        replies.put(message.get("id").asLong(), message);
                        lock.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            endReason = e.getMessage();
        } finally {
            synchronized (lock) {
                closed = true;
                lock.notifyAll();
            }
            events.end();
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(java.nio.channels.SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a broken connection: nothing left to release
        }
    }

    private static void sleep(long millis) throws QmpException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException("interrupted while waiting for QEMU's QMP socket", e);
        }
    }

    /** Splits the byte stream into lines (QMP ends each JSON message with CRLF). */
    private static final class LineReader {
        private final java.nio.channels.SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineReader(java.nio.channels.SocketChannel channel) {
            this.channel = channel;
            buffer.flip();
        }

        String nextLine() throws IOException {
            while (true) {
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        String line = pending.toString(StandardCharsets.UTF_8).strip();
                        pending.reset();
                        if (!line.isEmpty()) {
                            return line;
                        }
                    } else {
                        pending.write(b);
                    }
                }
                buffer.clear();
                int n = channel.read(buffer);
                buffer.flip();
                if (n < 0) {
                    throw new IOException("end of stream");
                }
            }
        }
    }
}
