package org.warplab.live.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The one thread a protocol agent's state lives on: frames captured on its ports, timers and the
 * app's commands all run here in turn, so the agent's state needs no locks. Also what the Mobile
 * IPv6 agents share: applying a generated {@code ip -batch} file in the agent's own namespace.
 */
final class ProtocolLoop implements AutoCloseable {

    private final ScheduledExecutorService thread;
    private final AgentOutput out;
    private volatile boolean running = true;

    ProtocolLoop(String name, AgentOutput out) {
        this.out = out;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on the protocol thread; a failure is reported as an "error" event. */
    void execute(Runnable task) {
        thread.execute(() -> guarded(task));
    }

    ScheduledFuture<?> schedule(long delayNs, Runnable task) {
        return thread.schedule(() -> guarded(task), delayNs, TimeUnit.NANOSECONDS);
    }

    /**
     * Reads {@code port} on its own thread until {@code stillWanted} says otherwise (the port was
     * replaced or the agent stopped), handing each frame with its capture time to the protocol thread.
     */
    void read(PacketPort port, java.util.function.BooleanSupplier stillWanted, BiConsumer<byte[], Long> handler) {
        Thread reader = new Thread(() -> {
            try (port) {
                while (running && stillWanted.getAsBoolean()) {
                    byte[] frame = port.next();
                    if (frame != null) {
                        long at = System.nanoTime();
                        execute(() -> handler.accept(frame, at));
                    }
                }
            } catch (PacketPort.PortException e) {
                if (running && stillWanted.getAsBoolean()) {
                    out.emit("error", "reason", e.getMessage());
                }
            }
        }, "capture " + port.device());
        reader.setDaemon(true);
        reader.start();
    }

    /** Applies a generated batch file in this namespace with {@code ip -batch}, or throws with ip's own words. */
    static void applyBatch(String ip, Path file) {
        try {
            Process process = new ProcessBuilder(List.of(ip, "-batch", file.toString())).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("ip -batch " + file + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + ip + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying " + file, e);
        }
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            out.emit("error", "reason", String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void close() {
        running = false;
        thread.shutdownNow();
    }
}
