package org.warplab.live.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * An asynchronous QMP event ({@code MIGRATION}, {@code MIGRATION_PASS}, {@code STOP}, {@code RESUME}, ...).
 * {@code receivedNs} is this host's {@link System#nanoTime()} when the line arrived;
 * {@code qemuWallMicros} is QEMU's own timestamp (host wall clock, microseconds since the epoch),
 * comparable with packet capture timestamps.
 */
public record QmpEvent(String source, String name, JsonNode data, long receivedNs, long qemuWallMicros) {

    public QmpEvent {
        data = data == null ? NullNode.getInstance() : data;
    }

    /** A text field of the event's data, or "" (e.g. {@code status} of MIGRATION, {@code pass} of MIGRATION_PASS). */
    public String text(String field) {
        return data.path(field).asText("");
    }

    @Override
    public String toString() {
        return source + " " + name + (data.isNull() || data.isEmpty() ? "" : " " + data);
    }
}
