package org.warplab.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The real {@link CommandRunner}: {@link ProcessBuilder} with an argument list, output captured. */
public final class ProcessCommandRunner implements CommandRunner {

    @Override
    public CommandResult run(Command command) {
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command.argv()).start();
        } catch (IOException e) {
            return new CommandResult(command, 127, "", "cannot start " + command.argv().get(0) + ": " + e.getMessage(), System.nanoTime() - start);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try (OutputStream stdin = process.getOutputStream()) {
            if (command.stdin() != null) {
                stdin.write(command.stdin().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process closed its input early; its exit code and error output tell why
        }
        try {
            if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new CommandResult(command, -1, out.getNow(""), "timed out after " + command.timeout().toMillis() + " ms",
                        System.nanoTime() - start);
            }
            return new CommandResult(command, process.exitValue(), out.join(), err.join(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new CommandResult(command, -1, "", "interrupted", System.nanoTime() - start);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (stream) {
                stream.transferTo(buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buffer.toString(StandardCharsets.UTF_8);
        });
    }
}
