package org.warplab.live.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/**
 * The agent's side of its channel to the app: one JSON object per line on standard output, each
 * stamped with the host's monotonic clock ({@code System.nanoTime()}, CLOCK_MONOTONIC on Linux, the
 * same for every process and namespace), so the app can put all agents' events on one time line.
 */
public final class AgentOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    public AgentOutput(PrintStream out) {
        this.out = out;
    }

    /** Emits {@code event} with fields given as name/value pairs. */
    public void emit(String event, Object... fields) {
        emitAt(System.nanoTime(), event, fields);
    }

    public void emitAt(long timeNs, String event, Object... fields) {
        ObjectNode line = JSON.createObjectNode();
        line.put("t", timeNs);
        line.put("event", event);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            Object value = fields[i + 1];
            String name = String.valueOf(fields[i]);
            if (value instanceof Long l) {
                line.put(name, l);
            } else if (value instanceof Integer n) {
                line.put(name, n);
            } else if (value instanceof Boolean b) {
                line.put(name, b);
            } else {
                line.put(name, String.valueOf(value));
            }
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
