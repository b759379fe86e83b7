package org.warplab.scheme;

import java.util.Objects;

/**
 * One fact of a scheme's state, flattened so that two states can be compared: on {@code device},
 * table {@code table} maps {@code key} to {@code value}.
 */
public record StateEntry(String device, String table, String key, String value) {
    public StateEntry {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The entry's identity without its value: what a change is keyed on. */
    public String slot() {
        return device + "/" + table + "/" + key;
    }

    @Override
    public String toString() {
        return slot() + " = " + value;
    }
}
