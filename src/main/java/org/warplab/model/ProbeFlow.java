package org.warplab.model;

import java.util.Objects;

/**
 * Traffic from a client to a VM and back: by default the G.711-like UDP probe, one 210-byte IP
 * packet every 20 ms, sequence numbered and echoed by the VM.
 *
 * @param packetBytes size of the IP packet (headers included)
 * @param stopNs when the client stops sending; 0 = at the end of the run
 */
public record ProbeFlow(
        String id,
        ProbeKind kind,
        String client,
        String vm,
        int packetBytes,
        long intervalNs,
        long startNs,
        long stopNs) {

    public static final int G711_PACKET_BYTES = 210;
    public static final long G711_INTERVAL_NS = 20_000_000L;

    public ProbeFlow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(vm, "vm");
    }
}
