package org.warplab.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One device's configuration as it is being generated: its {@code ip -batch} and {@code bridge
 * -batch} lines, its kernel settings, and the further files a scheme adds (each with its purpose
 * and, when it is applied at build time, the command that applies it, in order).
 */
public final class DeviceConfig {
    private final String device;
    private final Batch ip = new Batch();
    private final Batch bridge = new Batch();
    private final Sysctl sysctl = new Sysctl();
    final List<GeneratedFile> files = new ArrayList<>();
    final List<String> applySteps = new ArrayList<>();

    DeviceConfig(String device) {
        this.device = device;
    }

    public String device() {
        return device;
    }

    /** {@code ip.batch}: interfaces, addresses, MTUs, bridges and tunnels. */
    public Batch ip() {
        return ip;
    }

    /** {@code bridge.batch}: bridge port VLANs and VXLAN flood entries. */
    public Batch bridge() {
        return bridge;
    }

    /** {@code sysctl.conf} (and {@code sysctl-interfaces.conf} for per-interface keys). */
    public Sysctl sysctl() {
        return sysctl;
    }

    /**
     * A further file of this device. {@code apply} is the command that applies it when the device is
     * built in this state, or null for a file an agent applies at its moment (or none does).
     */
    public void add(String path, String content, String purpose, String apply) {
        files.add(new GeneratedFile(device, path, content, purpose));
        if (apply != null) {
            applySteps.add(apply);
        }
    }
}
