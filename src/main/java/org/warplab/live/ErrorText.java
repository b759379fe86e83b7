package org.warplab.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The start of what a process we started writes on its standard error, kept to quote in a failure
 * message; a daemon thread reads the rest away so the process never blocks on a full pipe.
 */
public final class ErrorText {

    private final StringBuilder text = new StringBuilder();

    private ErrorText() {
    }

    /** Reads {@code stream} on a daemon thread named {@code threadName}, keeping lines while fewer than {@code limit} characters are kept. */
    public static ErrorText read(InputStream stream, int limit, String threadName) {
        ErrorText errors = new ErrorText();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (errors.text) {
                        if (errors.text.length() < limit) {
                            errors.text.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
        return errors;
    }

    @Override
    public String toString() {
        synchronized (text) {
            return text.toString();
        }
    }
}
