package org.warplab.scheme;

import java.util.Objects;

/**
 * One change a runtime makes on one device to carry a migration through: on {@code device},
 * {@code action} turns {@code key} from {@code from} to {@code to}. {@code description} says it in
 * words, e.g. "client edge R3: location of 172.16.10.2 -> ADC".
 */
public record ControlStep(String device, String action, String key, String from, String to, String description) {
    public ControlStep {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(description, "description");
    }
}
