package org.warplab.run;

import java.util.Objects;

/** A named interval of a migration: "pre-copy round 1", "stop-and-copy", "resume", "announce", "config message", "rule switch R3", ... */
public record Phase(String name, long startNs, long endNs) {
    public Phase {
        Objects.requireNonNull(name, "name");
        if (endNs < startNs) {
            throw new IllegalArgumentException("phase " + name + " ends before it starts");
        }
    }

    public long durationNs() {
        return endNs - startNs;
    }
}
