package org.warplab.config;

import java.util.Objects;

/**
 * One generated file: for {@code device} (a node id, or {@link ConfigGenerator#WIRING_DEVICE} for
 * the lab-wide wiring), at {@code relativePath} inside that device's directory, with what it is for.
 */
public record GeneratedFile(String device, String relativePath, String content, String purpose) {
    public GeneratedFile {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(purpose, "purpose");
    }

    /** {@code device/relativePath}, with forward slashes. */
    public String path() {
        return device + "/" + relativePath;
    }
}
